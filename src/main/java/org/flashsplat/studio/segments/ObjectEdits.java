package org.flashsplat.studio.segments;

import java.util.List;
import org.flashsplat.project.ProjectData;
import org.flashsplat.select.MembershipOverrides;
import org.flashsplat.select.ProjectEdits;
import org.flashsplat.select.SelectionEdit;
import org.flashsplat.studio.model.CommandStack;
import org.flashsplat.studio.model.LabelEntry;

/**
 * The 3D edits of objects, each one undo step that stores only its diff: Gaussians added to or
 * taken out of an object by hand (3D selection), an object made from a selection, and an object's
 * floater-removal strength. Every step, its undo and its redo re-refines the segments, so counts,
 * the overlap matrix, the preview and exports follow. UI thread.
 */
public final class ObjectEdits {
    private final SegmentsViewModel segments;
    private final MembershipOverrides overrides = new MembershipOverrides();
    private final CommandStack history = new CommandStack();

    ObjectEdits(SegmentsViewModel segments) {
        this.segments = segments;
    }

    /** Adds {@code gaussians} to object {@code id} ({@code add}) or takes them out of it. */
    public void apply(boolean add, int id, int[] gaussians) {
        if (gaussians.length == 0 || id < 1) return;
        SelectionEdit e =
                SelectionEdit.apply(
                        overrides,
                        add ? SelectionEdit.Kind.ADD : SelectionEdit.Kind.REMOVE,
                        id - 1,
                        gaussians);
        history.push(
                new CommandStack.Command() {
                    public void undo() {
                        e.undo(overrides);
                        segments.refine();
                    }

                    public void redo() {
                        e.redo(overrides);
                        segments.refine();
                    }

                    public String description() {
                        return e.description();
                    }
                });
        segments.refine();
    }

    /**
     * Makes {@code gaussians} a new object (they stay in the objects they are in) and returns it.
     */
    public LabelEntry newObject(int[] gaussians) {
        LabelEntry o = segments.addObject();
        SelectionEdit e =
                SelectionEdit.apply(overrides, SelectionEdit.Kind.ADD, o.id() - 1, gaussians);
        history.push(
                new CommandStack.Command() {
                    public void undo() {
                        e.undo(overrides);
                        o.retiredProperty().set(true); // its id stays taken; redo brings it back
                        segments.refine();
                    }

                    public void redo() {
                        o.retiredProperty().set(false);
                        e.redo(overrides);
                        segments.refine();
                    }

                    public String description() {
                        return "new object " + o.id() + " of " + gaussians.length + " Gaussians";
                    }
                });
        segments.refine();
        return o;
    }

    /** Sets object {@code id}'s floater-removal strength (0: none) as one step. */
    public void setClean(int id, double strength) {
        LabelEntry o = segments.object(id);
        double s = Math.max(0, Math.min(1, strength));
        if (o == null || o.cleanProperty().get() == s) return;
        double before = o.cleanProperty().get();
        o.cleanProperty().set(s);
        history.push(
                new CommandStack.Command() {
                    public void undo() {
                        o.cleanProperty().set(before);
                    }

                    public void redo() {
                        o.cleanProperty().set(s);
                    }

                    public String description() {
                        return String.format("cleanup of object %d at %.2f", id, s);
                    }
                });
    }

    public CommandStack history() {
        return history;
    }

    /** A copy of the hand edits, for a worker or a save. */
    public MembershipOverrides snapshot() {
        return overrides.copy();
    }

    /** The hand edits as a project stores them. */
    public List<ProjectData.ObjectEdit> toProject() {
        return ProjectEdits.of(overrides);
    }

    /** Replaces the edits by a project's (no undo step), for a scene of {@code count} Gaussians. */
    public void restore(List<ProjectData.ObjectEdit> edits, int count) {
        MembershipOverrides o = ProjectEdits.overrides(edits, count);
        clearOverrides();
        for (int k : o.editedObjects()) overrides.set(k, o.forcedIn(k), o.forcedOut(k));
        history.clear();
        segments.ensureObjects(o.objectsNeeded());
        segments.refine();
    }

    /** No edits and no history (a new scene). */
    public void clear() {
        clearOverrides();
        history.clear();
    }

    private void clearOverrides() {
        for (int k : overrides.editedObjects())
            overrides.set(k, new java.util.BitSet(), new java.util.BitSet());
    }

    boolean isEmpty() {
        return overrides.isEmpty();
    }
}
