package org.flashsplat.raster.cpu;

import org.flashsplat.raster.Contributions;

/** The row kernel one pixel at a time: the reference for {@code VectorRowKernel}. */
final class ScalarRowKernel implements RowKernel {
    static final ScalarRowKernel INSTANCE = new ScalarRowKernel();

    private ScalarRowKernel() {}

    @Override
    public int row(
            TileScratch s,
            int rowBase,
            int ra,
            int rb,
            float gx,
            float dy,
            float ca,
            float cb,
            float cc,
            float opacity,
            float powerMin,
            int listPos,
            boolean sumFixed) {
        int blended = 0;
        long fixed = 0;
        for (int u = ra; u <= rb; u++) {
            int q = rowBase + u;
            if (s.stoppedAt[q] >= 0) continue;
            s.evaluated++;
            float power = BlendRule.power(ca, cb, cc, gx - u, dy);
            float w = s.blend(q, BlendRule.alpha(opacity, power, powerMin), listPos);
            if (w != 0f) {
                s.weights[u - ra] = w;
                blended |= 1 << (u - ra);
                fixed += Contributions.toFixed(w);
            }
        }
        if (sumFixed) s.fixedSum = fixed;
        return blended;
    }

    @Override
    public String description() {
        return "scalar";
    }
}
