package org.flashsplat.studio.model;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flashsplat.mask.LabelMask;

/**
 * The editable mask of one view with its own undo history. Tools write straight into the label
 * array while recording first-touch old values, and commit one {@link PixelDiff} per gesture.
 * {@link #revision} changes on every edit so views know to redraw.
 */
public final class ViewMask {
    /** Where a view's mask came from. */
    public enum Status {
        NONE("no mask"),
        IMPORTED("imported"),
        EDITED("edited");

        public final String text;

        Status(String text) {
            this.text = text;
        }
    }

    private final int width, height;
    // Allocated on first need: a dataset has hundreds of views, most never edited.
    private int[] labels;
    private final UndoStack history = new UndoStack();
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.NONE);

    // The gesture in progress: touched[p] == gesture marks pixels already recorded.
    private int[] touched;
    private int gesture = 1;
    private int[] gIndex = new int[256], gBefore = new int[256];
    private int gCount;
    private int gLabel;
    private boolean inGesture;
    // The status the view opened with; undoing every edit returns to it, so a view that had no
    // mask is again skipped by accumulate rather than counted as all background.
    private Status loaded;
    // Told of every change committed to the labels, in order (undo as the inverse diff), on the
    // UI thread; the studio's live re-lift of the segments listens here.
    private java.util.function.Consumer<PixelDiff> onEdit;

    public ViewMask(int width, int height, LabelMask initial) {
        this.width = width;
        this.height = height;
        this.labels = initial == null ? null : initial.labels();
        if (initial != null) status.set(Status.IMPORTED);
        loaded = status.get();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The live labels (read-only for callers; edits go through the methods here). */
    public int[] labels() {
        if (labels == null) labels = new int[width * height];
        return labels;
    }

    /**
     * A copy of the committed labels (UI thread): pixels of a gesture still in progress keep their
     * value from before it, so the copy is exactly the state the edits committed so far describe.
     * The gesture's commit, later, is one diff from this copy; a copy taken mid-stroke with the
     * painted pixels in it would have that stroke applied twice by anything that follows the
     * commits (the live re-lift).
     */
    public LabelMask snapshot() {
        int[] copy = labels().clone();
        if (inGesture) for (int k = 0; k < gCount; k++) copy[gIndex[k]] = gBefore[k];
        return new LabelMask(width, height, copy);
    }

    public boolean hasMask() {
        return status.get() != Status.NONE;
    }

    /**
     * Whether the mask changed since it was opened or last saved: edits, or an association fix
     * followed (which leaves the view imported but differs from the files).
     */
    public boolean isDirty() {
        return savedRevision != revision.get() && (status.get() == Status.EDITED || followed);
    }

    public void markSaved() {
        savedRevision = revision.get();
        followed = false;
    }

    // An association fix was followed since the mask was loaded or saved.
    private boolean followed;

    private int savedRevision;

    /** Sets the one listener told of each committed change, as a diff from the labels before. */
    public void onEdit(java.util.function.Consumer<PixelDiff> listener) {
        onEdit = listener;
    }

    private void edited(PixelDiff d) {
        if (onEdit != null && d != null && d.size() > 0) onEdit.accept(d);
    }

    public UndoStack history() {
        return history;
    }

    public IntegerProperty revisionProperty() {
        return revision;
    }

    public ObjectProperty<Status> statusProperty() {
        return status;
    }

    public int labelAt(int u, int v) {
        if (u < 0 || v < 0 || u >= width || v >= height || labels == null) return 0;
        return labels[v * width + u];
    }

    /** Starts a gesture writing {@code label} (0 erases). */
    public void begin(int label) {
        inGesture = true;
        gLabel = label;
        gCount = 0;
        labels();
        if (touched == null) touched = new int[width * height];
        if (++gesture == Integer.MAX_VALUE) {
            java.util.Arrays.fill(touched, 0);
            gesture = 1;
        }
    }

    public void stamp(double cx, double cy, double radius) {
        MaskOps.disc(width, height, cx, cy, radius, this::write);
        revision.set(revision.get() + 1);
    }

    public void segment(double x0, double y0, double x1, double y1, double radius) {
        MaskOps.line(width, height, x0, y0, x1, y1, radius, this::write);
        revision.set(revision.get() + 1);
    }

    public void fillPolygon(double[] xy) {
        MaskOps.polygon(width, height, xy, this::write);
        revision.set(revision.get() + 1);
    }

    /** Fills the 4-connected region of equal label around (u, v). */
    public void flood(int u, int v) {
        if (u < 0 || v < 0 || u >= width || v >= height) return;
        int target = labels[v * width + u];
        if (target == gLabel) return;
        MaskOps.flood(width, height, u, v, p -> labels[p] == target, this::write);
        revision.set(revision.get() + 1);
    }

    /** Ends the gesture and records it as one undo step; returns it (null when nothing changed). */
    public PixelDiff commit(String name) {
        if (!inGesture) return null;
        inGesture = false;
        int n = 0;
        int[] idx = new int[gCount], before = new int[gCount], after = new int[gCount];
        for (int k = 0; k < gCount; k++) {
            if (gBefore[k] == gLabel) continue;
            idx[n] = gIndex[k];
            before[n] = gBefore[k];
            after[n] = gLabel;
            n++;
        }
        if (n == 0) return null;
        PixelDiff d =
                new PixelDiff(
                        name,
                        java.util.Arrays.copyOf(idx, n),
                        java.util.Arrays.copyOf(before, n),
                        java.util.Arrays.copyOf(after, n));
        history.push(d);
        status.set(Status.EDITED);
        edited(d);
        return d;
    }

    public boolean undo() {
        PixelDiff d = history.undo(labels());
        boolean b = changed(d != null);
        if (d != null) edited(d.inverse());
        return b;
    }

    public boolean redo() {
        PixelDiff d = history.redo(labels());
        boolean b = changed(d != null);
        edited(d);
        return b;
    }

    /** Replaces the mask by an imported one (one undo step, so an import can be taken back). */
    public void replace(LabelMask m) {
        replace(m, "import", Status.IMPORTED);
    }

    /**
     * Replaces the mask by {@code m} as one undo step named {@code name}, leaving the view {@code
     * to}; a mask equal to {@code m} is left as it is.
     */
    public void replace(LabelMask m, String name, Status to) {
        if (m.width() != width || m.height() != height)
            throw new IllegalArgumentException("mask size differs from the view's");
        begin(0);
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] != m.labels()[p]) {
                record(p);
                labels[p] = m.labels()[p];
            }
        }
        // An import writes many labels; store its after-values per pixel.
        inGesture = false;
        int[] idx = java.util.Arrays.copyOf(gIndex, gCount);
        int[] after = new int[gCount];
        for (int k = 0; k < gCount; k++) after[k] = labels[idx[k]];
        if (gCount == 0 && to != Status.IMPORTED) return;
        PixelDiff d = new PixelDiff(name, idx, java.util.Arrays.copyOf(gBefore, gCount), after);
        history.push(d);
        status.set(to);
        revision.set(revision.get() + 1);
        edited(d);
    }

    /**
     * Makes {@code m} the mask this view starts from, with no undo steps before it: the association
     * import, after which the association view holds the history of the masks. Undoing the import
     * (or a stroke made before it) in one view alone would leave that view out of step with the
     * association.
     */
    public void restart(LabelMask m, String name, Status to) {
        replace(m, name, to);
        history.clear();
        loaded = to;
        followed = false;
    }

    /**
     * Sets pixel {@code index[k]} to {@code after[k]} as one undo step named {@code name}, leaving
     * the view {@code to}; costs what it touches, not the whole view (a fix in the association view
     * relabels a few masks in each of many views). Pixels already at their value are left out.
     */
    public void patch(String name, int[] index, int[] after, Status to) {
        begin(0);
        for (int k = 0; k < index.length; k++) {
            int p = index[k];
            if (labels[p] != after[k]) {
                if (touched[p] != gesture) record(p);
                labels[p] = after[k];
            }
        }
        inGesture = false;
        if (gCount == 0) return;
        int[] idx = java.util.Arrays.copyOf(gIndex, gCount);
        int[] now = new int[gCount];
        for (int k = 0; k < gCount; k++) now[k] = labels[idx[k]];
        PixelDiff d = new PixelDiff(name, idx, java.util.Arrays.copyOf(gBefore, gCount), now);
        history.push(d);
        status.set(to);
        revision.set(revision.get() + 1);
        edited(d);
    }

    /**
     * Follows a fix in the association view: pixel {@code index[k]} (ascending) moves from
     * association value {@code from[k]} to {@code to[k]}. Not an undo step here: the association
     * view has its own undo, and a fix undone there comes back through this same call, so Edit >
     * Undo in the main window never takes a view out of step with the association. Pixels the user
     * painted (no longer at {@code from[k]}) keep their paint, and the recorded strokes are rebased
     * onto the new association value, so undoing one restores what the association now says.
     */
    public void followAssociation(String name, int[] index, int[] from, int[] to, Status st) {
        labels();
        int n = 0;
        int[] idx = new int[index.length], before = new int[index.length];
        int[] after = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            int p = index[k];
            if (labels[p] == from[k] && from[k] != to[k]) {
                idx[n] = p;
                before[n] = from[k];
                after[n++] = to[k];
                labels[p] = to[k];
            }
        }
        history.rebase(index, from, to);
        if (n == 0) return;
        // Without strokes of its own the mask is exactly what the association makes: it stays as
        // it opened (imported), not edited; with strokes of its own it is st.
        status.set(history.undoSize() == 0 && loaded != Status.NONE ? loaded : st);
        followed = true;
        revision.set(revision.get() + 1);
        edited(
                new PixelDiff(
                        name,
                        java.util.Arrays.copyOf(idx, n),
                        java.util.Arrays.copyOf(before, n),
                        java.util.Arrays.copyOf(after, n)));
    }

    private boolean changed(boolean b) {
        if (b) {
            status.set(history.undoSize() == 0 ? loaded : Status.EDITED);
            revision.set(revision.get() + 1);
        }
        return b;
    }

    private void write(int p) {
        if (!inGesture) throw new IllegalStateException("edit outside a gesture");
        if (touched[p] != gesture) record(p);
        labels[p] = gLabel;
    }

    private void record(int p) {
        touched[p] = gesture;
        if (gCount == gIndex.length) {
            gIndex = java.util.Arrays.copyOf(gIndex, gCount * 2);
            gBefore = java.util.Arrays.copyOf(gBefore, gCount * 2);
        }
        gIndex[gCount] = p;
        gBefore[gCount++] = labels[p];
    }
}
