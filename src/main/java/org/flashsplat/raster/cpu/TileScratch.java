package org.flashsplat.raster.cpu;

/**
 * The per-pixel state of the tile being blended (one per worker thread), shared by the row kernels
 * and the blender's loops: transmittance, where each pixel stopped, and the weights of the last
 * row.
 */
final class TileScratch {
    static final int PIXELS = Projection.TILE * Projection.TILE;

    /**
     * Slack after the last pixel: a vector kernel's masked loads and stores then stay inside the
     * arrays for every lane, which keeps them on the Vector API's intrinsic path.
     */
    private static final int PAD = 64;

    /** Transmittance T of each pixel of the tile, row-major with the tile's width. */
    final float[] transmittance = new float[PIXELS + PAD];

    /**
     * List position where the pixel stopped, -1 while it is still blending, or a large positive
     * value for a pixel that is not blended at all.
     */
    final int[] stoppedAt = new int[PIXELS + PAD];

    /** Weight alpha*T of the pixels a row kernel blended, by offset from the row span's start. */
    final float[] weights = new float[Projection.TILE + PAD];

    long evaluated, blended;

    /** Sum of the fixed-point weights of the last row, where the kernel was asked for it. */
    long fixedSum;

    /** Pixels that stopped since the last {@link #takeStopped}. */
    int stopped;

    int takeStopped() {
        int s = stopped;
        stopped = 0;
        return s;
    }

    /**
     * The blend step of pixel {@code q} with a Gaussian of the given alpha (0: no blend): returns
     * its weight alpha*T and lowers T, or returns 0 and stops the pixel at {@code listPos} when T
     * would fall below {@link BlendRule#T_STOP} (that Gaussian then does not count).
     */
    float blend(int q, float alpha, int listPos) {
        if (alpha == 0f) return 0f;
        float t = transmittance[q];
        float testT = t * (1 - alpha);
        if (testT < BlendRule.T_STOP) {
            stoppedAt[q] = listPos;
            stopped++;
            return 0f;
        }
        transmittance[q] = testT;
        blended++;
        return alpha * t;
    }
}
