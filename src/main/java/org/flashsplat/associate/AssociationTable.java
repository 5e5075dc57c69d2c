package org.flashsplat.associate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The association of local masks to global instances: (view, local ID) -> instance, and the
 * instances with their names and colours. Edited through {@link Edit}s, each undoable; listeners
 * hear of every change with its diff, so a view model can update only what moved.
 *
 * <p>Not thread-safe: one thread (the studio's UI thread, or a command) owns it. Work on other
 * threads takes a {@link #snapshot()}, which is immutable and is what the accumulate pass reads.
 */
public final class AssociationTable {
    /** Hears of every applied, undone or redone change. */
    @FunctionalInterface
    public interface Listener {
        void changed(AssociationTable table, Edit.Change change);
    }

    private final List<String> views;
    private final MaskAssignment[][] rows; // per view, ascending local ID
    private final TreeMap<Integer, Instance> instances = new TreeMap<>();
    private final Deque<Edit.Change> undo = new ArrayDeque<>(), redo = new ArrayDeque<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param views camera names, by view index
     * @param masks every local mask of every view (unassigned ones with instance 0)
     * @param instances the instances the masks refer to
     */
    public AssociationTable(
            List<String> views, Collection<MaskAssignment> masks, Collection<Instance> instances) {
        this.views = List.copyOf(views);
        List<List<MaskAssignment>> byView = new ArrayList<>();
        for (int v = 0; v < views.size(); v++) byView.add(new ArrayList<>());
        for (Instance i : instances) {
            if (this.instances.put(i.id(), i) != null)
                throw new IllegalArgumentException("instance " + i.id() + " given twice");
        }
        for (MaskAssignment m : masks) {
            if (m.view() < 0 || m.view() >= views.size())
                throw new IllegalArgumentException("view " + m.view() + " out of range");
            if (m.instance() != 0 && !this.instances.containsKey(m.instance()))
                throw new IllegalArgumentException(
                        "mask refers to unknown instance " + m.instance());
            byView.get(m.view()).add(m);
        }
        rows = new MaskAssignment[views.size()][];
        for (int v = 0; v < views.size(); v++) {
            rows[v] =
                    byView.get(v).stream()
                            .sorted((a, b) -> Integer.compare(a.local(), b.local()))
                            .toArray(MaskAssignment[]::new);
            for (int k = 1; k < rows[v].length; k++) {
                if (rows[v][k].local() == rows[v][k - 1].local())
                    throw new IllegalArgumentException(
                            "local mask " + rows[v][k].local() + " of view " + v + " given twice");
            }
        }
    }

    public List<String> views() {
        return views;
    }

    /** The masks of a view, by ascending local ID. */
    public List<MaskAssignment> masks(int view) {
        return List.of(rows[view]);
    }

    /** Every mask, by view then local ID. */
    public List<MaskAssignment> allMasks() {
        List<MaskAssignment> all = new ArrayList<>();
        for (MaskAssignment[] r : rows) all.addAll(Arrays.asList(r));
        return all;
    }

    /** The row of a local mask, or null when the view has no such mask. */
    public MaskAssignment get(MaskKey key) {
        if (key.view() < 0 || key.view() >= rows.length) return null;
        MaskAssignment[] r = rows[key.view()];
        int k = find(r, key.local());
        return k < 0 ? null : r[k];
    }

    /** Instances by ascending id. */
    public List<Instance> instances() {
        return List.copyOf(instances.values());
    }

    /** The instance of an id, or null. */
    public Instance instance(int id) {
        return instances.get(id);
    }

    /** The masks of an instance, by view then local ID. */
    public List<MaskKey> members(int id) {
        List<MaskKey> out = new ArrayList<>();
        for (MaskAssignment[] r : rows)
            for (MaskAssignment m : r)
                if (m.instance() == id) out.add(new MaskKey(m.view(), m.local()));
        return out;
    }

    /** The sub-instances (parts) of an instance, ascending. */
    public List<Integer> parts(int id) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (MaskAssignment[] r : rows)
            for (MaskAssignment m : r) if (m.instance() == id && m.part() != 0) out.add(m.part());
        return List.copyOf(out);
    }

    /** The masks of one part of an instance, by view then local ID. */
    public List<MaskKey> partMembers(int id, int part) {
        List<MaskKey> out = new ArrayList<>();
        for (MaskAssignment[] r : rows)
            for (MaskAssignment m : r)
                if (m.instance() == id && m.part() == part && part != 0)
                    out.add(new MaskKey(m.view(), m.local()));
        return out;
    }

    /** The smallest id above every instance: what a split or a new instance gets. */
    public int nextId() {
        return instances.isEmpty() ? 1 : instances.lastKey() + 1;
    }

    /** An immutable copy of the mapping, for the accumulate pass and other threads. */
    public AssociationSnapshot snapshot() {
        return AssociationSnapshot.of(views, rows, instances.values());
    }

    /**
     * Applies an edit and records it for undo (clearing redo).
     *
     * @throws IllegalArgumentException when the edit names an unknown instance or mask
     */
    public Edit.Change apply(Edit edit) {
        Edit.Change c = EditPlanner.plan(this, edit);
        replay(c);
        undo.push(c);
        redo.clear();
        fire(c);
        return c;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** What undo would take back, or null. */
    public String undoDescription() {
        return undo.isEmpty() ? null : undo.peek().description();
    }

    public String redoDescription() {
        return redo.isEmpty() ? null : redo.peek().description();
    }

    public void undo() {
        if (undo.isEmpty()) throw new IllegalStateException("nothing to undo");
        Edit.Change c = undo.pop();
        Edit.Change inv = c.inverse();
        replay(inv);
        redo.push(c);
        fire(inv);
    }

    public void redo() {
        if (redo.isEmpty()) throw new IllegalStateException("nothing to redo");
        Edit.Change c = redo.pop();
        replay(c);
        undo.push(c);
        fire(c);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private void replay(Edit.Change c) {
        for (Instance i : c.removed()) instances.remove(i.id());
        for (Instance i : c.added()) instances.put(i.id(), i);
        for (MaskAssignment m : c.after()) {
            MaskAssignment[] r = rows[m.view()];
            r[find(r, m.local())] = m;
        }
    }

    private void fire(Edit.Change c) {
        for (Listener l : listeners) l.changed(this, c);
    }

    private static int find(MaskAssignment[] r, int local) {
        int lo = 0, hi = r.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (r[mid].local() < local) lo = mid + 1;
            else if (r[mid].local() > local) hi = mid - 1;
            else return mid;
        }
        return -1;
    }
}
