package org.flashsplat.raster.cpu;

import org.flashsplat.raster.Contributions;

/** The row kernel one pixel at a time: the reference for {@code VectorRowKernel}. */
final class ScalarRowKernel implements RowKernel {
    static final ScalarRowKernel INSTANCE = new ScalarRowKernel();

    /** Widens each row's span a little so float rounding in the blend can never fall outside it. */
    private static final double ROW_SLACK = 1.001;

    private ScalarRowKernel() {}

    @Override
    public int blendRows(
            TileScratch s,
            int tw,
            int u0,
            int v0,
            int r0,
            int r1,
            int c0,
            int c1,
            float gx,
            float gy,
            float ca,
            float cb,
            float cc,
            float opacity,
            float powerMin,
            int listPos,
            boolean sumFixed) {
        double twoTau = -2.0 * powerMin, det = (double) ca * cc - (double) cb * cb;
        boolean spans = det > 0 && ca > 0;
        int stoppedHere = 0;
        s.pixelRows = 0;
        for (int r = r0; r <= r1; r++) {
            int rowOpen = s.openBits[r];
            if (rowOpen == 0) continue;
            int v = v0 + r;
            float dy = gy - v;
            int ca0 = c0, ca1 = c1;
            if (spans) {
                // scalar work is per pixel, so skipping the row's pixels outside the ellipse pays
                long span = span(gx, dy, ca, cb, twoTau, det);
                ca0 = Math.max(c0, first(span) - u0);
                ca1 = Math.min(c1, last(span) - u0);
                if (ca0 > ca1) continue;
            }
            int open = rowOpen & ((2 << ca1) - (1 << ca0));
            int blended = 0, stopped = 0;
            long fixed = 0;
            for (int m = open; m != 0; m &= m - 1) {
                int c = Integer.numberOfTrailingZeros(m);
                int q = r * tw + c;
                s.evaluated++;
                float alpha =
                        BlendRule.alpha(
                                opacity, BlendRule.power(ca, cb, cc, gx - (u0 + c), dy), powerMin);
                if (alpha == 0f) continue;
                float t = s.transmittance[q];
                float testT = t * (1 - alpha);
                if (testT < BlendRule.T_STOP) {
                    s.stoppedAt[q] = listPos;
                    stopped |= 1 << c;
                    continue;
                }
                s.transmittance[q] = testT;
                s.blended++;
                float w = alpha * t;
                s.weights[r * TileScratch.TILE + c] = w;
                if (s.colour) {
                    s.red[q] += s.gaussianRed * w;
                    s.green[q] += s.gaussianGreen * w;
                    s.blue[q] += s.gaussianBlue * w;
                }
                blended |= 1 << c;
                fixed += Contributions.toFixed(w);
            }
            int label = sumFixed ? s.rowLabel[r] : TileScratch.MIXED;
            if (label != TileScratch.MIXED) {
                s.addFixed(label, fixed);
            } else if (blended != 0) {
                s.rowBlended[r] = blended;
                s.pixelRows |= 1 << r;
            }
            if (stopped != 0) {
                s.close(r, stopped);
                stoppedHere += Integer.bitCount(stopped);
            }
        }
        return stoppedHere;
    }

    /**
     * The columns of row {@code dy} (centre row minus the row) inside the Gaussian's culling
     * ellipse a dx^2 + 2 b dx dy + c dy^2 <= 2 tau, dx = gx - u, widened by {@link #ROW_SLACK} so
     * float rounding in the blend never falls outside: {@link #first} and {@link #last} of the
     * result, first > last where the row misses the ellipse. Only for a positive-definite conic
     * (det > 0, a > 0).
     */
    static long span(float gx, float dy, float ca, float cb, double twoTau, double det) {
        double disc = ca * twoTau - det * dy * dy;
        if (disc < 0) return 1L << 32; // first 1, last 0
        double mid = gx + cb * (double) dy / ca, half = Math.sqrt(disc) / ca * ROW_SLACK + 0.01;
        return ((long) (int) Math.ceil(mid - half) << 32)
                | ((int) Math.floor(mid + half) & 0xffffffffL);
    }

    static int first(long span) {
        return (int) (span >> 32);
    }

    static int last(long span) {
        return (int) span;
    }

    @Override
    public String description() {
        return "scalar";
    }
}
