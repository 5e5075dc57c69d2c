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

    boolean undo(int[] labels) {
        PixelDiff d = undo.poll();
        if (d == null) return false;
        d.revert(labels);
        redo.push(d);
        return true;
    }

    boolean redo(int[] labels) {
        PixelDiff d = redo.poll();
        if (d == null) return false;
        d.apply(labels);
        undo.push(d);
        return true;
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
