package org.flashsplat.mask;

/**
 * One view's mask: a label per pixel, row-major, 0 = background or unlabelled. Labels are instance
 * IDs (up to 65535 for 16-bit masks).
 */
public record LabelMask(int width, int height, int[] labels) {
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

    /** Largest label present (0 for an empty mask). */
    public int maxLabel() {
        int m = 0;
        for (int l : labels) m = Math.max(m, l);
        return m;
    }

    public LabelMask copy() {
        return new LabelMask(width, height, labels.clone());
    }
}
