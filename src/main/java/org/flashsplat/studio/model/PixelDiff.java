package org.flashsplat.studio.model;

/**
 * One undoable mask edit: the pixels it touched with their labels before and after. Storing only
 * the diff keeps 100+ undo steps per view cheap even for large masks (a stroke touches a few
 * thousand pixels, a snapshot would copy millions).
 */
public record PixelDiff(String name, int[] index, int[] before, int[] after) {
    public PixelDiff {
        if (index.length != before.length || index.length != after.length)
            throw new IllegalArgumentException("diff arrays differ in length");
    }

    public int size() {
        return index.length;
    }

    void apply(int[] labels) {
        for (int k = 0; k < index.length; k++) labels[index[k]] = after[k];
    }

    void revert(int[] labels) {
        for (int k = index.length - 1; k >= 0; k--) labels[index[k]] = before[k];
    }

    /** The edit that takes it back: pixels in reverse order, before and after swapped. */
    public PixelDiff inverse() {
        int n = index.length;
        int[] i = new int[n], b = new int[n], a = new int[n];
        for (int k = 0; k < n; k++) {
            i[k] = index[n - 1 - k];
            b[k] = after[n - 1 - k];
            a[k] = before[n - 1 - k];
        }
        return new PixelDiff("undo " + name, i, b, a);
    }

    /** Approximate heap bytes, for the memory the history holds. */
    long bytes() {
        return 12L * index.length + 64;
    }
}
