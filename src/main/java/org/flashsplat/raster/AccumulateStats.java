package org.flashsplat.raster;

/**
 * What an accumulate pass did, for summaries and benchmarks.
 *
 * @param views views processed (views without a mask are not counted)
 * @param pixels pixels of those views
 * @param walkedPairs pixel-Gaussian pairs walked in the tile lists (each pixel's list up to where
 *     it stops). The CUDA backend's lists are the reference rasterizer's; the CPU's leave out tiles
 *     where a Gaussian's culling box holds no pixel, so its count is lower for the same result
 * @param evaluatedPairs pairs this implementation actually evaluated after culling (kernel
 *     dependent: the CPU's vector kernel evaluates whole box rows, the scalar one ellipse spans)
 * @param blendedPairs pairs that blended (alpha >= 1/255 and the pixel not yet done)
 * @param viewMillis time per processed view, in processing order
 */
public record AccumulateStats(
        int views,
        long pixels,
        long walkedPairs,
        long evaluatedPairs,
        long blendedPairs,
        double[] viewMillis) {

    public double totalMillis() {
        double t = 0;
        for (double v : viewMillis) t += v;
        return t;
    }

    public double medianViewMillis() {
        if (viewMillis.length == 0) return 0;
        double[] s = viewMillis.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
