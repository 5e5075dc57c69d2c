package org.flashsplat.raster.cpu;

import java.util.stream.IntStream;
import org.flashsplat.camera.Camera;
import org.flashsplat.scene.GaussianScene;

/**
 * The per-view preprocess of the reference rasterizer (DESIGN.md section 2, steps 1-6) for every
 * Gaussian: centre in pixels, conic, radius, tile rectangle, depth, and the ellipse inside which
 * alpha can reach 1/255 (for exact culling). Arrays are reused from view to view. The arithmetic
 * per Gaussian is a {@link ProjectionKernel}'s (scalar or vector, the same bits); the scalar
 * kernel, the reference, ends in {@link #tileLo} and {@link #keep}, which {@code VectorTiles}
 * repeats in vectors.
 */
final class Projection {
    static final int TILE = 16;
    static final float ALPHA_MIN = 1f / 255f;

    /**
     * Relaxes the exact-culling ellipse so float rounding in the blend can never put a pixel
     * outside it.
     */
    static final double CULL_SLACK = 1e-3;

    /**
     * Floats per Gaussian in {@link #packed}: one cache line, so the blend touches one line per
     * Gaussian.
     */
    static final int STRIDE = 16;

    static final int X = 0,
            Y = 1,
            EXTENT_X = 2,
            EXTENT_Y = 3,
            CONIC_A = 4,
            CONIC_B = 5,
            CONIC_C = 6;
    static final int OPACITY = 7, POWER_MIN = 8, DEPTH = 9;

    /**
     * The Gaussian's colour in a render, written by the renderer after the projection: the blend
     * then finds it in the line it reads anyway, where colours by scene index cost a cache miss per
     * tile entry (a quarter of the at-rest preview frame).
     */
    static final int RED = 10, GREEN = 11, BLUE = 12;

    int count;
    int width, height;
    int gridX, gridY;

    /**
     * Per Gaussian, interleaved: centre in pixels, half extents of the culling ellipse's bounding
     * box, conic, opacity, the power below which alpha < 1/255 for sure (skips the exp), depth, and
     * in a render the colour. Interleaved because the blend reaches Gaussians in depth order, i.e.
     * at random: one cache miss instead of ten.
     */
    float[] packed = new float[0];

    /**
     * Tile rectangle [x0, x1) x [y0, y1); x1 == x0 when culled. The reference's rectangle (from the
     * 3-sigma radius), narrowed to the tiles where the blend's bounding box of the culling ellipse
     * holds a pixel.
     */
    int[] rectX0 = new int[0], rectX1 = new int[0], rectY0 = new int[0], rectY1 = new int[0];

    private final ProjectionKernel kernel;

    /**
     * The scene's index of each rank: records and rectangles are indexed by rank in the order of
     * the {@link SceneConstants} last run with (see there).
     */
    int[] order = new int[0];

    /** {@code hidden} of the last run by rank; reused. */
    private boolean[] hiddenByRank = new boolean[0];

    /** A projection with the process's kernel (see {@link ProjectionKernels}). */
    Projection() {
        this(ProjectionKernels.get());
    }

    /** A projection with a given kernel (tests and benchmarks compare them). */
    Projection(ProjectionKernel kernel) {
        this.kernel = kernel;
    }

    void ensure(int n) {
        if (rectX0.length >= n) return;
        packed = new float[n * STRIDE];
        rectX0 = new int[n];
        rectX1 = new int[n];
        rectY0 = new int[n];
        rectY1 = new int[n];
    }

    /** A field of the packed record of rank {@code rank} (see {@link #order}). */
    float get(int rank, int field) {
        return packed[rank * STRIDE + field];
    }

    /** Projects every Gaussian of {@code constants}' scene; {@code hidden} is by scene index. */
    void run(SceneConstants constants, Camera cam, boolean[] hidden) {
        int n = constants.count();
        ensure(n);
        count = n;
        order = constants.order();
        width = cam.width();
        height = cam.height();
        gridX = (cam.width() + TILE - 1) / TILE;
        gridY = (cam.height() + TILE - 1) / TILE;
        boolean[] hiddenRanks = hidden == null ? null : byRank(hidden, constants.order());
        int chunks = (n + 8191) / 8192;
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c ->
                                kernel.project(
                                        this,
                                        constants,
                                        cam,
                                        hiddenRanks,
                                        c * 8192,
                                        Math.min(n, c * 8192 + 8192)));
    }

    private boolean[] byRank(boolean[] hidden, int[] order) {
        if (hiddenByRank.length < order.length) hiddenByRank = new boolean[order.length];
        for (int r = 0; r < order.length; r++) hiddenByRank[r] = hidden[order[r]];
        return hiddenByRank;
    }

    /**
     * Per Gaussian (in the order of {@code opacity}), tau = ln(255 o) + slack (alpha >= 1/255 needs
     * power >= -tau); it depends on the scene only, so renderers keep it with the covariances
     * ({@link SceneConstants}) instead of taking a logarithm per Gaussian and view.
     */
    static double[] cullingTau(float[] opacity) {
        double[] tau = new double[opacity.length];
        IntStream.range(0, (opacity.length + 8191) / 8192)
                .parallel()
                .forEach(
                        c -> {
                            for (int i = c * 8192;
                                    i < Math.min(opacity.length, c * 8192 + 8192);
                                    i++) {
                                tau[i] = Math.log(255.0 * opacity[i]) + CULL_SLACK;
                            }
                        });
        return tau;
    }

    /** Tile rectangle's first column (or row) of the reference: from the 3-sigma radius. */
    static int tileLo(float centre, float radius, int grid) {
        return Math.min(grid, Math.max(0, (int) ((centre - radius) / TILE)));
    }

    /** Tile rectangle's end column (or row), exclusive; see {@link #tileLo}. */
    static int tileHi(float centre, float radius, int grid) {
        return Math.min(grid, Math.max(0, (int) ((centre + radius + TILE - 1) / TILE)));
    }

    /** Writes Gaussian i's packed record (see {@link #packed}); both kernels store through it. */
    void record(
            int i,
            float cx,
            float cy,
            float qa,
            float qb,
            float qc,
            float o,
            float depth,
            double tau,
            float ex,
            float ey) {
        int b = i * STRIDE;
        packed[b + X] = cx;
        packed[b + Y] = cy;
        packed[b + CONIC_A] = qa;
        packed[b + CONIC_B] = qb;
        packed[b + CONIC_C] = qc;
        packed[b + OPACITY] = o;
        packed[b + DEPTH] = depth;
        packed[b + POWER_MIN] = (float) -tau;
        packed[b + EXTENT_X] = ex;
        packed[b + EXTENT_Y] = ey;
    }

    /**
     * Stores Gaussian i, which passed the reference's tests (in front, non-degenerate, on a tile,
     * visible), and its rectangle [x0, x1) x [y0, y1) narrowed to the tiles where the blend's box
     * of it (the culling ellipse's bounding box, from the same float values) holds a pixel: the
     * others the blend would skip anyway, after a cache miss, and they would cost sorting. The
     * scalar kernel's last step; {@code VectorTiles} and {@code VectorProjection.finish} repeat its
     * tests in vectors.
     */
    void keep(
            int i,
            float cx,
            float cy,
            float qa,
            float qb,
            float qc,
            float o,
            float depth,
            double tau,
            float ex,
            float ey,
            int x0,
            int x1,
            int y0,
            int y1) {
        record(i, cx, cy, qa, qb, qc, o, depth, tau, ex, ey);
        int boxU0 = (int) Math.ceil(cx - ex), boxU1 = (int) Math.floor(cx + ex);
        int boxV0 = (int) Math.ceil(cy - ey), boxV1 = (int) Math.floor(cy + ey);
        if (boxU0 > boxU1 || boxU0 > width - 1 || boxV0 > boxV1 || boxV0 > height - 1) return;
        x0 = Math.max(x0, Math.floorDiv(boxU0, TILE));
        x1 = Math.min(x1, Math.floorDiv(boxU1, TILE) + 1);
        y0 = Math.max(y0, Math.floorDiv(boxV0, TILE));
        y1 = Math.min(y1, Math.floorDiv(boxV1, TILE) + 1);
        if (x0 >= x1 || y0 >= y1) return;
        rectX0[i] = x0;
        rectX1[i] = x1;
        rectY0[i] = y0;
        rectY1[i] = y1;
    }

    /**
     * Sigma = R S S^T R^T per Gaussian, upper triangle (xx, xy, xz, yy, yz, zz); computed once per
     * scene. Six planes of n values (element k of the Gaussian of scene index i at {@code k * n +
     * rankOf[i]}), so that the vector kernel loads each element of consecutive ranks as one vector.
     */
    static float[] covariances(GaussianScene s, int[] rankOf) {
        int n = s.count();
        float[] cov = new float[6 * n];
        IntStream.range(0, n)
                .parallel()
                .forEach(
                        i -> {
                            int r = rankOf[i];
                            double w = s.qw[i], x = s.qx[i], y = s.qy[i], z = s.qz[i];
                            double r00 = 1 - 2 * (y * y + z * z),
                                    r01 = 2 * (x * y - w * z),
                                    r02 = 2 * (x * z + w * y);
                            double r10 = 2 * (x * y + w * z),
                                    r11 = 1 - 2 * (x * x + z * z),
                                    r12 = 2 * (y * z - w * x);
                            double r20 = 2 * (x * z - w * y),
                                    r21 = 2 * (y * z + w * x),
                                    r22 = 1 - 2 * (x * x + y * y);
                            double a = (double) s.sx[i] * s.sx[i], b = (double) s.sy[i] * s.sy[i];
                            double c = (double) s.sz[i] * s.sz[i];
                            cov[r] = (float) (r00 * r00 * a + r01 * r01 * b + r02 * r02 * c);
                            cov[n + r] = (float) (r00 * r10 * a + r01 * r11 * b + r02 * r12 * c);
                            cov[2 * n + r] =
                                    (float) (r00 * r20 * a + r01 * r21 * b + r02 * r22 * c);
                            cov[3 * n + r] =
                                    (float) (r10 * r10 * a + r11 * r11 * b + r12 * r12 * c);
                            cov[4 * n + r] =
                                    (float) (r10 * r20 * a + r11 * r21 * b + r12 * r22 * c);
                            cov[5 * n + r] =
                                    (float) (r20 * r20 * a + r21 * r21 * b + r22 * r22 * c);
                        });
        return cov;
    }
}
