package org.flashsplat.scene;

import java.util.Arrays;

/** Gaussians ordered along a Z-order curve over their bounding box (10 bits per axis). */
final class MortonOrder {
    private MortonOrder() {}

    static int[] of(float[] x, float[] y, float[] z) {
        int n = x.length;
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[][] p = {x, y, z};
        for (int a = 0; a < 3; a++) {
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(p[a][i])) continue;
                lo[a] = Math.min(lo[a], p[a][i]);
                hi[a] = Math.max(hi[a], p[a][i]);
            }
        }
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            long code = 0;
            for (int a = 0; a < 3; a++) {
                double span = hi[a] - lo[a];
                double t = span > 0 && Float.isFinite(p[a][i]) ? (p[a][i] - lo[a]) / span : 0;
                code |= spread((int) Math.max(0, Math.min(1023, t * 1023))) << a;
            }
            keyed[i] = code << 32 | i; // ties keep file order
        }
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = (int) keyed[i];
        return order;
    }

    /** The 10 bits of v spread to every third bit. */
    private static long spread(int v) {
        long r = 0;
        for (int b = 0; b < 10; b++) r |= (long) ((v >> b) & 1) << (3 * b);
        return r;
    }
}
