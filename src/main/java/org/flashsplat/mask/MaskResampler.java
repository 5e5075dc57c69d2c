package org.flashsplat.mask;

/**
 * Nearest-neighbour resampling of label masks (labels must never be blended).
 *
 * <p>Rule: destination pixel u takes source pixel {@code floor((u + 0.5) * srcW / dstW)}, the
 * source pixel under the destination pixel's centre; computed in exact integer arithmetic as {@code
 * (2u + 1) * srcW / (2 dstW)}. This is what PIL's NEAREST, torch's "nearest-exact" and OpenCV's
 * INTER_NEAREST_EXACT do. For an exact 2x downscale the centre falls on the boundary between the
 * two source pixels and the rule takes the second (index 2u + 1).
 */
public final class MaskResampler {
    /** Largest relative difference of aspect ratios that still counts as the same (1%). */
    public static final double ASPECT_TOLERANCE = 0.01;

    private MaskResampler() {}

    /** Whether a srcW x srcH mask may be resampled to dstW x dstH. */
    public static boolean sameAspect(int srcW, int srcH, int dstW, int dstH) {
        double src = (double) srcW / srcH, dst = (double) dstW / dstH;
        return Math.abs(src - dst) <= ASPECT_TOLERANCE * dst;
    }

    /** Source index for destination index {@code d} along an axis. */
    public static int sourceIndex(int d, int src, int dst) {
        return (int) ((2L * d + 1) * src / (2L * dst));
    }

    /** The mask at dstW x dstH; the same object when the size already matches. */
    public static LabelMask nearest(LabelMask m, int dstW, int dstH) {
        if (m.width() == dstW && m.height() == dstH) return m;
        int srcW = m.width();
        int[] xs = new int[dstW];
        for (int u = 0; u < dstW; u++) xs[u] = sourceIndex(u, srcW, dstW);
        int[] src = m.labels(), out = new int[dstW * dstH];
        for (int v = 0; v < dstH; v++) {
            int row = sourceIndex(v, m.height(), dstH) * srcW, o = v * dstW;
            for (int u = 0; u < dstW; u++) out[o + u] = src[row + xs[u]];
        }
        return new LabelMask(dstW, dstH, out);
    }
}
