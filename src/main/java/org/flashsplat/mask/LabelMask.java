package org.flashsplat.mask;

/**
 * One view's mask: a label per pixel, row-major, 0 = background or unlabelled. Labels are instance
 * IDs (up to 65534 for 16-bit masks). {@link #IGNORE} marks pixels that vote for nothing: they
 * blend like any other pixel but add to no row of the contributions (not even background's).
 */
public record LabelMask(int width, int height, int[] labels) {
    /**
     * The label of an "ignore" pixel (a mask left out, e.g. too small to associate). Renderers add
     * nothing for negative labels, so it needs no special path there. In a 16-bit grey ID PNG it is
     * stored as {@link #IGNORE_16}.
     */
    public static final int IGNORE = -1;

    /** How a 16-bit grey instance-ID PNG stores {@link #IGNORE}: its largest value. */
    public static final int IGNORE_16 = 65535;

    public LabelMask {
        if (labels.length != width * height) {
            throw new IllegalArgumentException(
                    "mask of " + width + "x" + height + " needs " + width * height + " labels");
        }
    }

    public static LabelMask empty(int width, int height) {
        return new LabelMask(width, height, new int[width * height]);
    }

    public int get(int u, int v) {
        return labels[v * width + u];
    }

    /** Whether any pixel is {@link #IGNORE}. */
    public boolean hasIgnored() {
        for (int l : labels) if (l < 0) return true;
        return false;
    }

    /** Largest label present (0 for an empty mask; ignored pixels do not count). */
    public int maxLabel() {
        int m = 0;
        for (int l : labels) m = Math.max(m, l);
        return m;
    }

    public LabelMask copy() {
        return new LabelMask(width, height, labels.clone());
    }
}
