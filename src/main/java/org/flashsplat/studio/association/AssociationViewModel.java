package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Edit;
import org.flashsplat.associate.Instance;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.studio.StudioViewModel;

/**
 * The association view: the instances of an {@link AssociationTable} as rows of masks, with the
 * fixes (merge, split, split a part out, reassign, delete, rename, recolour) going through the
 * table's own undo and redo. After every change (undo and redo included) the views whose associated
 * masks moved get exactly the pixels of the moved local masks rewritten in the studio's masks
 * (pixels the user painted keep their paint; see {@link ViewMask#followAssociation}: not an undo
 * step of the main window); the studio's live update then re-lifts those pixels into the segments.
 * Runs on the UI thread; the pixel work runs on its own worker.
 */
public final class AssociationViewModel implements AutoCloseable {
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final StudioViewModel studio;
    private final ObjectProperty<AssociationTable> table = new SimpleObjectProperty<>();
    private final ObservableList<InstanceRow> rows =
            FXCollections.observableArrayList(
                    r -> new Observable[] {r.twoInViewProperty(), r.lowConfidenceProperty()});
    private final FilteredList<InstanceRow> shown = new FilteredList<>(rows);
    private final BooleanProperty conflictsOnly = new SimpleBooleanProperty();
    private final Map<Integer, InstanceRow> byId = new HashMap<>();
    private final ObservableSet<MaskKey> selectedCells = FXCollections.observableSet();
    private final DoubleProperty threshold = new SimpleDoubleProperty(DEFAULT_THRESHOLD);
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private final StringProperty undoText = new SimpleStringProperty("Undo");
    private final StringProperty redoText = new SimpleStringProperty("Redo");
    private final StringProperty message = new SimpleStringProperty("");
    private final IntegerProperty showRequests = new SimpleIntegerProperty();
    private final ObjectProperty<Set<Integer>> touched = new SimpleObjectProperty<>(Set.of());
    // "Undid: " or "Redid: " while the table replays a step; the message says which.
    private String replaying = "";
    private final AssociationTable.Listener listener = this::changed;
    private final AssociationThumbnails thumbnails;
    private final AssociationSync sync;
    // Counts changes to the association (a fix, its undo or redo, a new one): what a project saves.
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private java.nio.file.Path localFolder;

    public AssociationViewModel(StudioViewModel studio) {
        this.studio = studio;
        this.thumbnails = new AssociationThumbnails(studio.ui);
        this.sync = new AssociationSync(studio);
        conflictsOnly.addListener(o -> filter());
        threshold.addListener(o -> refreshAll());
    }

    /** Reads a folder of per-view local-ID masks and associates them (a cancellable job). */
    public void importAndAssociate(java.nio.file.Path folder) {
        AssociationImport.run(studio, this, folder);
    }

    /**
     * Shows an association whose local masks {@code localMasks} reads (view -> local-ID mask at the
     * camera's resolution, or null), and rewrites the studio's masks after each fix (UI thread).
     * The studio's masks are expected to be the table's associated masks already.
     */
    public void install(AssociationTable t, java.util.function.IntFunction<LabelMask> localMasks) {
        install(t, new LocalMasks(localMasks, AssociationImport.CACHE_PIXELS));
    }

    void install(AssociationTable t, LocalMasks l) {
        install(t, l, null, true);
    }

    /**
     * Shows an association read from {@code folder} (null: not known); {@code show} asks the window
     * to open (an import does, reopening a project does not: View > Association view).
     */
    public void install(AssociationTable t, LocalMasks l, java.nio.file.Path folder, boolean show) {
        clear();
        localFolder = folder;
        sync.reset(l);
        thumbnails.reset(studio.views(), l);
        table.set(t);
        t.addListener(listener);
        for (Instance i : t.instances()) sync.object(i);
        Set<Integer> ids = new TreeSet<>();
        for (Instance i : t.instances()) ids.add(i.id());
        ids.add(0);
        refreshRows(ids);
        updateHistory();
        revision.set(revision.get() + 1);
        if (show) showRequests.set(showRequests.get() + 1);
    }

    /** Forgets the association (a new project, or a new import). */
    public void clear() {
        AssociationTable t = table.get();
        if (t != null) t.removeListener(listener);
        sync.reset(null);
        localFolder = null;
        message.set(""); // the next scene's association starts with no old message
        table.set(null);
        rows.clear();
        byId.clear();
        selectedCells.clear();
        thumbnails.reset(List.of(), null);
        updateHistory();
    }

    /** Merges the instances into the one with the smallest id. */
    public boolean merge(Collection<Integer> ids) {
        TreeSet<Integer> s = new TreeSet<>(ids);
        s.remove(0);
        if (s.size() < 2) return fail("Select two or more instances to merge");
        int target = s.pollFirst();
        return apply(new Edit.Merge(target, s));
    }

    /** Moves the masks (all of one instance, not all of it) to a new instance. */
    public boolean split(Collection<MaskKey> cells) {
        AssociationTable t = table.get();
        if (t == null || cells.isEmpty()) return fail("Select masks of one instance to split off");
        Set<Integer> from = new TreeSet<>();
        for (MaskKey k : cells) {
            if (t.get(k) == null) return fail("View " + k.view() + " has no mask " + k.local());
            from.add(t.get(k).instance());
        }
        if (from.size() > 1) return fail("Select masks of one instance only to split off");
        int id = from.iterator().next();
        if (id == 0) return fail("Unassigned masks: drag them onto an instance instead");
        if (t.members(id).size() == cells.size())
            return fail("That is every mask of " + t.instance(id).name() + ": nothing to split");
        return apply(new Edit.Split(id, new ArrayList<>(new TreeSet<>(cells)), null));
    }

    /**
     * Makes part {@code part} of instance {@code id} an instance of its own (one undo step): the
     * association found it inside its whole in the scene and labelled it as the whole, and the user
     * wants it apart (a mug's handle, a lamp's shade).
     */
    public boolean splitPart(int id, int part) {
        AssociationTable t = table.get();
        if (t == null || t.instance(id) == null) return fail("No instance " + id);
        if (!t.parts(id).contains(part))
            return fail(t.instance(id).name() + " has no part " + part);
        return apply(new Edit.SplitPart(id, part, null));
    }

    /** Gives the masks to instance {@code target} (0: none), as dropping them on its row does. */
    public boolean reassign(Collection<MaskKey> cells, int target) {
        AssociationTable t = table.get();
        if (t == null) return false;
        List<MaskKey> moving = new ArrayList<>();
        for (MaskKey k : new TreeSet<>(cells)) {
            if (t.get(k) == null) return fail("View " + k.view() + " has no mask " + k.local());
            if (t.get(k).instance() != target) moving.add(k);
        }
        if (moving.isEmpty()) return false;
        return apply(new Edit.Reassign(moving, target));
    }

    /** Deletes the instances (one undo step each); their masks become unassigned. */
    public boolean delete(Collection<Integer> ids) {
        boolean any = false;
        for (int id : new TreeSet<>(ids)) if (id != 0) any |= apply(new Edit.Delete(id));
        return any;
    }

    public boolean rename(int id, String name) {
        AssociationTable t = table.get();
        if (t == null || t.instance(id) == null) return false;
        if (name == null || name.isBlank()) return fail("A name cannot be empty");
        if (name.strip().equals(t.instance(id).name())) return false;
        return apply(new Edit.Rename(id, name.strip()));
    }

    public boolean recolour(int id, int rgb) {
        AssociationTable t = table.get();
        if (t == null || t.instance(id) == null || t.instance(id).colour() == (rgb & 0xffffff))
            return false;
        return apply(new Edit.Recolour(id, rgb));
    }

    public void undo() {
        AssociationTable t = table.get();
        if (t != null && t.canUndo()) replay("Undid: ", t::undo);
    }

    public void redo() {
        AssociationTable t = table.get();
        if (t != null && t.canRedo()) replay("Redid: ", t::redo);
    }

    private void replay(String how, Runnable step) {
        replaying = how;
        try {
            step.run();
        } finally {
            replaying = "";
        }
    }

    private boolean apply(Edit e) {
        AssociationTable t = table.get();
        if (t == null) return fail("No association: File > Import SAM masks and associate… first");
        try {
            t.apply(e);
            return true;
        } catch (IllegalArgumentException ex) {
            return fail(ex.getMessage());
        }
    }

    /** Says why in the association window's own message line (not the main status bar). */
    private boolean fail(String why) {
        message.set(why);
        return false;
    }

    /** The table changed (an edit, undo or redo): rows, objects and masks follow. */
    private void changed(AssociationTable t, Edit.Change c) {
        Set<Integer> ids = new TreeSet<>();
        Map<Integer, Map<Integer, int[]>> moved = new TreeMap<>();
        for (int k = 0; k < c.before().size(); k++) {
            MaskAssignment b = c.before().get(k), a = c.after().get(k);
            ids.add(b.instance());
            ids.add(a.instance());
            if (b.instance() != a.instance())
                moved.computeIfAbsent(a.view(), v -> new HashMap<>())
                        .put(a.local(), new int[] {b.instance(), a.instance()});
        }
        for (Instance i : c.removed()) {
            ids.add(i.id());
            // Merged away or deleted: no empty "object N" stays in the table and the matrix.
            studio.segments().retire(i.id());
        }
        for (Instance i : c.added()) {
            ids.add(i.id());
            sync.object(i);
        }
        refreshRows(ids);
        if (!moved.isEmpty()) {
            selectedCells.clear();
            sync.writeMasks(moved, c.description());
        }
        message.set(replaying + c.description());
        // The rows the change touched that still exist: the view selects them (and only them).
        Set<Integer> left = new TreeSet<>();
        for (int id : ids) if (id != 0 && t.instance(id) != null) left.add(id);
        touched.set(java.util.Collections.unmodifiableSet(left));
        updateHistory();
        revision.set(revision.get() + 1);
    }

    private void refreshAll() {
        refreshRows(new TreeSet<>(byId.keySet()));
    }

    private void refreshRows(Set<Integer> ids) {
        AssociationTable t = table.get();
        if (t == null) return;
        for (int id : ids) {
            InstanceRow r = byId.get(id);
            Instance i = t.instance(id);
            List<MaskKey> members = t.members(id);
            if (i != null) sync.object(i); // rename and recolour
            // The unassigned row stays even when empty: it is where masks are dragged to drop them.
            if (id != 0 && i == null) {
                if (r != null) rows.remove(r);
                byId.remove(id);
                continue;
            }
            if (r == null) {
                r = new InstanceRow(id);
                byId.put(id, r);
                rows.add(insertAt(id), r);
            }
            r.update(t, members, threshold.get());
        }
        filter();
    }

    /** Rows by id, the unassigned row last. */
    private int insertAt(int id) {
        int at = 0;
        while (at < rows.size() && rows.get(at).id() != 0 && (id == 0 || rows.get(at).id() < id))
            at++;
        return at;
    }

    private void filter() {
        boolean only = conflictsOnly.get();
        shown.setPredicate(r -> !only || r.hasConflict() || r.unassigned()); // drop target stays
    }

    private void updateHistory() {
        AssociationTable t = table.get();
        canUndo.set(t != null && t.canUndo());
        canRedo.set(t != null && t.canRedo());
        undoText.set(canUndo.get() ? "Undo " + t.undoDescription() : "Undo");
        redoText.set(canRedo.get() ? "Redo " + t.redoDescription() : "Redo");
    }

    /** The row of an instance (0: the unassigned masks), or null. */
    public InstanceRow row(int id) {
        return byId.get(id);
    }

    /** Every row: instances by id, then the unassigned masks. */
    public ObservableList<InstanceRow> rows() {
        return rows;
    }

    /** The rows the view lists ({@link #conflictsOnlyProperty} filters them). */
    public ObservableList<InstanceRow> shownRows() {
        return shown;
    }

    public BooleanProperty conflictsOnlyProperty() {
        return conflictsOnly;
    }

    public ObjectProperty<AssociationTable> tableProperty() {
        return table;
    }

    /** Masks selected in the filmstrips (what Split and a drag take). */
    public ObservableSet<MaskKey> selectedCells() {
        return selectedCells;
    }

    /** Confidence below this marks a mask (and its row) as low. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }

    public StringProperty undoTextProperty() {
        return undoText;
    }

    public StringProperty redoTextProperty() {
        return redoText;
    }

    /**
     * The instances the last change touched that still exist (a new set after every change): the
     * view selects these rows, so no unrelated row stays selected after a delete, undo or redo.
     */
    public ObjectProperty<Set<Integer>> touchedProperty() {
        return touched;
    }

    /** The last change ("Undid: …" for an undo), or why the last request was refused. */
    public StringProperty messageProperty() {
        return message;
    }

    /** Fixes whose masks are still being rewritten (0 when the studio's masks match the table). */
    public IntegerProperty pendingProperty() {
        return sync.pendingProperty();
    }

    /** Counts changes to the association: fixes, their undo and redo, a new association. */
    public IntegerProperty revisionProperty() {
        return revision;
    }

    /** The folder of per-view local masks the association was made from, or null. */
    public java.nio.file.Path localFolder() {
        return localFolder;
    }

    /** The local masks of the association shown (thread-safe), or null. */
    public LocalMasks localMasks() {
        return sync.locals();
    }

    /** Counts requests to show the view (an import finished, or the user asked). */
    public IntegerProperty showRequestsProperty() {
        return showRequests;
    }

    public void requestShow() {
        if (table.get() != null) showRequests.set(showRequests.get() + 1);
    }

    public AssociationThumbnails thumbnails() {
        return thumbnails;
    }

    @Override
    public void close() {
        sync.close();
        thumbnails.close();
    }
}
