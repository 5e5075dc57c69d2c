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

    /**
     * Per row, bit c set where the last Gaussian blended the pixel in column c; kept only for the
     * rows in {@link #pixelRows}.
     */
    final int[] rowBlended = new int[TILE];

    /**
     * Rows where the last Gaussian blended pixels that the blender must visit one by one (mixed
     * labels, or a render): bit r. Rows of one label are summed by the kernel instead.
     */
    int pixelRows;

    /** Weight alpha*T of the last Gaussian at row r, column c: {@code weights[r * TILE + c]}. */
    final float[] weights = new float[PIXELS + PAD];

    /** Per tile row, the one label its labelled pixels share, or {@link #MIXED}. */
    final int[] rowLabel = new int[TILE];

    static final int MIXED = -1;

    /**
     * Per label, the sum of {@code Contributions.toFixed} of the current Gaussian's weights in this
     * tile, and the labels with a non-zero sum in {@link #touched}: what the blender then adds to
     * the contributions, once per (Gaussian, label). Kernels add whole rows of one label; the
     * blender adds the pixels of mixed rows.
     */
    long[] labelSum = new long[16];

    int[] touched = new int[16];
    int touchedCount;

    /**
     * Makes room for labels 0..labels-1 and clears what an add that failed part way (a range error)
     * may have left, so it cannot reach the next tile or pass.
     */
    void startLabels(int labels) {
        for (int k = 0; k < touchedCount; k++) labelSum[touched[k]] = 0;
        touchedCount = 0;
        if (labelSum.length < labels) {
            labelSum = new long[labels];
            touched = new int[labels];
        }
    }

    /** Adds a fixed-point sum under a label (nothing for 0: such a label is not touched). */
    void addFixed(int label, long fixed) {
        if (fixed == 0) return;
        if (labelSum[label] == 0) touched[touchedCount++] = label;
        labelSum[label] += fixed;
    }

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
