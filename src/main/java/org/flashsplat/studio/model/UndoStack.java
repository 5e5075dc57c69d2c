package org.flashsplat.studio.model;

import java.util.ArrayDeque;
import java.util.Deque;

/** Undo and redo of {@link PixelDiff}s for one mask, keeping the newest {@link #LIMIT} steps. */
public final class UndoStack {
    public static final int LIMIT = 200;

    private final Deque<PixelDiff> undo = new ArrayDeque<>();
    private final Deque<PixelDiff> redo = new ArrayDeque<>();

    /** Records an edit already applied to the mask; clears the redo branch. */
    void push(PixelDiff d) {
        if (d.size() == 0) return;
        undo.push(d);
        redo.clear();
        while (undo.size() > LIMIT) undo.removeLast();
    }

    /** Reverts the newest edit; returns it (null when there is none). */
    PixelDiff undo(int[] labels) {
        PixelDiff d = undo.poll();
        if (d == null) return null;
        d.revert(labels);
        redo.push(d);
        return d;
    }

    /** Re-applies the newest undone edit; returns it (null when there is none). */
    PixelDiff redo(int[] labels) {
        PixelDiff d = redo.poll();
        if (d == null) return null;
        d.apply(labels);
        undo.push(d);
        return d;
    }

    /**
     * The association under the recorded edits changed: pixel {@code index[k]} (ascending) went
     * from {@code from[k]} to {@code to[k]}; recorded labels equal to the old value take the new.
     */
    void rebase(int[] index, int[] from, int[] to) {
        if (index.length == 0) return;
        for (Deque<PixelDiff> stack : java.util.List.of(undo, redo)) {
            for (PixelDiff d : stack) {
                int[] i = d.index(), b = d.before(), a = d.after();
                for (int k = 0; k < i.length; k++) {
                    int at = java.util.Arrays.binarySearch(index, i[k]);
                    if (at < 0) continue;
                    if (b[k] == from[at]) b[k] = to[at];
                    if (a[k] == from[at]) a[k] = to[at];
                }
            }
        }
    }

    public int undoSize() {
        return undo.size();
    }

    public int redoSize() {
        return redo.size();
    }

    public long bytes() {
        long b = 0;
        for (PixelDiff d : undo) b += d.bytes();
        for (PixelDiff d : redo) b += d.bytes();
        return b;
    }

    void clear() {
        undo.clear();
        redo.clear();
    }
}
