package org.flashsplat.raster.cpu;

/**
 * The per-pixel state of the tile being blended (one per worker thread), shared by the row kernels
 * and the blender's loops: transmittance, where each pixel stopped, which pixels still blend, and
 * what the last Gaussian left in each row.
 */
final class TileScratch {
    static final int TILE = Projection.TILE;
    static final int PIXELS = TILE * TILE;

    /**
     * Slack after the last pixel: a vector kernel's whole-vector loads and stores then stay inside
     * the arrays for every lane, which keeps them on the Vector API's intrinsic path.
     */
    private static final int PAD = 64;

    /** Transmittance T of each pixel of the tile, row-major with the tile's width. */
    final float[] transmittance = new float[PIXELS + PAD];

    /**
     * List position where the pixel stopped, -1 while it is still blending, or a large positive
     * value for a pixel that is not blended at all.
     */
    final int[] stoppedAt = new int[PIXELS + PAD];

    /**
     * Per tile row, bit c set while the pixel in column c still blends; {@link #rowsOpen} has bit r
     * set while row r has such a pixel. Deep in a tile's list most pixels have stopped: these let a
     * Gaussian skip closed rows, and a Gaussian whose rows are all closed, without any arithmetic.
     */
    final int[] openBits = new int[TILE];

    int rowsOpen;

    /** Per row, bit c set where the last Gaussian blended the pixel in column c. */
    final int[] rowBlended = new int[TILE];

    /** Weight alpha*T of the last Gaussian at row r, column c: {@code weights[r * TILE + c]}. */
    final float[] weights = new float[PIXELS + PAD];

    /** Per tile row, the one label its labelled pixels share, or {@link #MIXED}. */
    final int[] rowLabel = new int[TILE];

    static final int MIXED = -1;

    /**
     * Per row of one label, the sum of {@code Contributions.toFixed} of the last Gaussian's weights
     * there; a kernel may put the sum of a run of consecutive rows of the same label in the last of
     * them and 0 in the others. Not kept for rows of mixed labels.
     */
    final long[] rowFixed = new long[TILE];

    /**
     * Colour being rendered, per pixel and channel, summed by the kernel (alpha*T times the
     * Gaussian's colour {@link #red}.. per blended pixel) when {@link #colour} is set: vector lanes
     * then do what would otherwise be three scalar adds per blended pixel.
     */
    final float[] red = new float[PIXELS + PAD],
            green = new float[PIXELS + PAD],
            blue = new float[PIXELS + PAD];

    boolean colour;

    /** The colour of the Gaussian being blended, where {@link #colour} is set. */
    float gaussianRed, gaussianGreen, gaussianBlue;

    long evaluated, blended;

    /** Pixels that stopped since the last {@link #takeStopped}. */
    int stopped;

    int takeStopped() {
        int s = stopped;
        stopped = 0;
        return s;
    }

    /** Marks pixel (r, c) stopped in the open bits. */
    void close(int r, int bits) {
        if ((openBits[r] &= ~bits) == 0) rowsOpen &= ~(1 << r);
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
