package org.flashsplat.sam;

/**
 * Separable resampling with a triangle (bilinear) filter whose support widens when shrinking, like
 * PIL's bilinear resize that segment-anything uses: shrinking a large photo to 1024 averages every
 * source pixel instead of skipping most of them.
 */
final class Resample {
    private Resample() {}

    static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
        float[] rows = new float[dw * sh];
        Weights wx = Weights.of(sw, dw);
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < dw; x++) {
                float acc = 0;
                int first = wx.first[x];
                for (int k = 0; k < wx.count[x]; k++)
                    acc += wx.weight[x][k] * src[y * sw + first + k];
                rows[y * dw + x] = acc;
            }
        }
        float[] out = new float[dw * dh];
        Weights wy = Weights.of(sh, dh);
        for (int y = 0; y < dh; y++) {
            int first = wy.first[y];
            for (int k = 0; k < wy.count[y]; k++) {
                float wgt = wy.weight[y][k];
                int row = (first + k) * dw;
                for (int x = 0; x < dw; x++) out[y * dw + x] += wgt * rows[row + x];
            }
        }
        return out;
    }

    /** Per destination sample: the first source index, how many, and their normalised weights. */
    private record Weights(int[] first, int[] count, float[][] weight) {
        static Weights of(int srcLen, int dstLen) {
            double scale = (double) srcLen / dstLen;
            double support = Math.max(1.0, scale);
            int[] first = new int[dstLen];
            int[] count = new int[dstLen];
            float[][] weight = new float[dstLen][];
            for (int i = 0; i < dstLen; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(srcLen - 1, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    double d = Math.abs(j + 0.5 - centre) / support;
                    w[j - lo] = Math.max(0, 1 - d);
                    sum += w[j - lo];
                }
                float[] f = new float[w.length];
                for (int j = 0; j < w.length; j++) f[j] = (float) (w[j] / sum);
                first[i] = lo;
                count[i] = w.length;
                weight[i] = f;
            }
            return new Weights(first, count, weight);
        }
    }
}
