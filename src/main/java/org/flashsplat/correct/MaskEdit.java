package org.flashsplat.correct;

import java.util.Arrays;

/**
 * One edit of one view's mask as a pixel diff: the pixels touched (row-major indices into the
 * view's mask) with their labels before and after. The studio's undo steps store exactly this, so
 * an edit, its undo and its redo all reach the 3D result the same way.
 *
 * <p>A pixel may appear more than once (a stroke that crosses itself): the edit then means "from
 * the {@code before} of its first entry to the {@code after} of its last", as applying the entries
 * in order and reverting them in reverse order does.
 *
 * @param view index of the view in the session's camera list
 */
public record MaskEdit(String name, int view, int[] pixels, int[] before, int[] after) {
    public MaskEdit {
        if (pixels.length != before.length || pixels.length != after.length)
            throw new IllegalArgumentException("edit arrays differ in length");
        if (view < 0) throw new IllegalArgumentException("view " + view);
    }

    /** The pixels where two label arrays of one view differ, as an edit from {@code from}. */
    public static MaskEdit between(String name, int view, int[] from, int[] to) {
        if (from.length != to.length)
            throw new IllegalArgumentException("masks of different sizes");
        int n = 0;
        for (int p = 0; p < from.length; p++) if (from[p] != to[p]) n++;
        int[] pixels = new int[n], before = new int[n], after = new int[n];
        int k = 0;
        for (int p = 0; p < from.length; p++) {
            if (from[p] != to[p]) {
                pixels[k] = p;
                before[k] = from[p];
                after[k++] = to[p];
            }
        }
        return new MaskEdit(name, view, pixels, before, after);
    }

    /** The edit that undoes this one. */
    public MaskEdit inverse() {
        int n = pixels.length;
        int[] p = new int[n], b = new int[n], a = new int[n];
        for (int k = 0; k < n; k++) {
            p[k] = pixels[n - 1 - k];
            b[k] = after[n - 1 - k];
            a[k] = before[n - 1 - k];
        }
        return new MaskEdit("undo " + name, view, p, b, a);
    }

    public int size() {
        return pixels.length;
    }

    /** Writes the edit into a view's labels. */
    public void applyTo(int[] labels) {
        for (int k = 0; k < pixels.length; k++) labels[pixels[k]] = after[k];
    }

    /**
     * The net change per pixel: each changed pixel once, in increasing order, with its first {@code
     * before} and last {@code after}; pixels that end where they began are dropped.
     */
    Net net() {
        int n = pixels.length;
        boolean increasing = true;
        for (int k = 1; k < n && increasing; k++) increasing = pixels[k] > pixels[k - 1];
        int[] order;
        if (increasing) {
            order = null;
        } else {
            // Sort entry positions by pixel, keeping entry order within a pixel (stable).
            long[] keys = new long[n];
            for (int k = 0; k < n; k++) keys[k] = ((long) pixels[k] << 32) | k;
            Arrays.sort(keys);
            order = new int[n];
            for (int k = 0; k < n; k++) order[k] = (int) keys[k];
        }
        int[] px = new int[n], from = new int[n], to = new int[n];
        int m = 0;
        for (int k = 0; k < n; ) {
            int first = order == null ? k : order[k], p = pixels[first], last = first;
            int j = k + 1;
            while (j < n && pixels[order == null ? j : order[j]] == p)
                last = order == null ? j++ : order[j++];
            if (before[first] != after[last]) {
                px[m] = p;
                from[m] = before[first];
                to[m++] = after[last];
            }
            k = j;
        }
        return new Net(Arrays.copyOf(px, m), Arrays.copyOf(from, m), Arrays.copyOf(to, m));
    }

    /** Changed pixels, each once, with the label they had and the label they get. */
    record Net(int[] pixels, int[] from, int[] to) {
        int size() {
            return pixels.length;
        }
    }
}
