package org.flashsplat.raster.cpu;

import java.util.stream.IntStream;
import org.flashsplat.camera.Camera;
import org.flashsplat.scene.GaussianScene;

/**
 * The per-view preprocess of the reference rasterizer (DESIGN.md section 2, steps 1-6) for every
 * Gaussian: centre in pixels, conic, radius, tile rectangle, depth, and the ellipse inside which
 * alpha can reach 1/255 (for exact culling). Arrays are reused from view to view.
 */
final class Projection {
    static final int TILE = 16;
    static final float ALPHA_MIN = 1f / 255f;

    /**
     * Relaxes the exact-culling ellipse so float rounding in the blend can never put a pixel
     * outside it.
     */
    private static final double CULL_SLACK = 1e-3;

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

    int count;
    int width, height;
    int gridX, gridY;

    /**
     * Per Gaussian, interleaved: centre in pixels, half extents of the culling ellipse's bounding
     * box, conic, opacity, the power below which alpha < 1/255 for sure (skips the exp), and depth.
     * Interleaved because the blend reaches Gaussians in depth order, i.e. at random: one cache
     * miss instead of ten.
     */
    float[] packed = new float[0];

    /**
     * Tile rectangle [x0, x1) x [y0, y1); x1 == x0 when culled. The reference's rectangle (from the
     * 3-sigma radius), narrowed to the tiles where the blend's bounding box of the culling ellipse
     * holds a pixel.
     */
    int[] rectX0 = new int[0], rectX1 = new int[0], rectY0 = new int[0], rectY1 = new int[0];

    void ensure(int n) {
        if (rectX0.length >= n) return;
        packed = new float[n * STRIDE];
        rectX0 = new int[n];
        rectX1 = new int[n];
        rectY0 = new int[n];
        rectY1 = new int[n];
    }

    float get(int gaussian, int field) {
        return packed[gaussian * STRIDE + field];
    }

    void run(GaussianScene scene, SceneConstants constants, Camera cam, boolean[] hidden) {
        int n = scene.count();
        ensure(n);
        count = n;
        width = cam.width();
        height = cam.height();
        gridX = (cam.width() + TILE - 1) / TILE;
        gridY = (cam.height() + TILE - 1) / TILE;
        int chunks = (n + 8191) / 8192;
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c ->
                                project(
                                        scene,
                                        constants.cov3d(),
                                        constants.cullingTau(),
                                        cam,
                                        hidden,
                                        c * 8192,
                                        Math.min(n, c * 8192 + 8192)));
    }

    /**
     * Per Gaussian, tau = ln(255 o) + slack (alpha >= 1/255 needs power >= -tau); it depends on the
     * scene only, so renderers keep it with the covariances ({@link SceneConstants}) instead of
     * taking a logarithm per Gaussian and view.
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

    private void project(
            GaussianScene s,
            float[] cov3d,
            double[] tauOf,
            Camera cam,
            boolean[] hidden,
            int from,
            int to) {
        double[] r = cam.rotation(), t = cam.translation();
        double fx = cam.fx(), fy = cam.fy();
        double limX = 1.3 * cam.tanFovX(), limY = 1.3 * cam.tanFovY();
        double halfW = (cam.width() - 1) * 0.5, halfH = (cam.height() - 1) * 0.5;
        for (int i = from; i < to; i++) {
            rectX0[i] = rectX1[i] = 0;
            if (hidden != null && hidden[i]) continue;
            double x = s.x[i], y = s.y[i], z = s.z[i];
            double vx = r[0] * x + r[1] * y + r[2] * z + t[0];
            double vy = r[3] * x + r[4] * y + r[5] * z + t[1];
            double vz = r[6] * x + r[7] * y + r[8] * z + t[2];
            if (vz <= 0.2) continue;
            double tx = Math.min(limX, Math.max(-limX, vx / vz)) * vz;
            double ty = Math.min(limY, Math.max(-limY, vy / vz)) * vz;
            // M = J * R_wc, a 2x3 matrix; cov2 = M Sigma M^T.
            double j00 = fx / vz,
                    j02 = -fx * tx / (vz * vz),
                    j11 = fy / vz,
                    j12 = -fy * ty / (vz * vz);
            double m00 = j00 * r[0] + j02 * r[6],
                    m01 = j00 * r[1] + j02 * r[7],
                    m02 = j00 * r[2] + j02 * r[8];
            double m10 = j11 * r[3] + j12 * r[6],
                    m11 = j11 * r[4] + j12 * r[7],
                    m12 = j11 * r[5] + j12 * r[8];
            int c = 6 * i;
            double s00 = cov3d[c], s01 = cov3d[c + 1], s02 = cov3d[c + 2];
            double s11 = cov3d[c + 3], s12 = cov3d[c + 4], s22 = cov3d[c + 5];
            // rows of M * Sigma
            double a0 = m00 * s00 + m01 * s01 + m02 * s02;
            double a1 = m00 * s01 + m01 * s11 + m02 * s12;
            double a2 = m00 * s02 + m01 * s12 + m02 * s22;
            double b0 = m10 * s00 + m11 * s01 + m12 * s02;
            double b1 = m10 * s01 + m11 * s11 + m12 * s12;
            double b2 = m10 * s02 + m11 * s12 + m12 * s22;
            float ca = (float) (a0 * m00 + a1 * m01 + a2 * m02 + 0.3);
            float cb = (float) (a0 * m10 + a1 * m11 + a2 * m12);
            float cc = (float) (b0 * m10 + b1 * m11 + b2 * m12 + 0.3);
            float det = ca * cc - cb * cb;
            if (det == 0f) continue;
            float detInv = 1f / det;
            float mid = 0.5f * (ca + cc);
            float disc = (float) Math.sqrt(Math.max(0.1f, mid * mid - det));
            float radius =
                    (float) Math.ceil(3f * (float) Math.sqrt(Math.max(mid + disc, mid - disc)));
            float cx = (float) (fx * vx / vz + halfW);
            float cy = (float) (fy * vy / vz + halfH);
            int x0 = Math.min(gridX, Math.max(0, (int) ((cx - radius) / TILE)));
            int y0 = Math.min(gridY, Math.max(0, (int) ((cy - radius) / TILE)));
            int x1 = Math.min(gridX, Math.max(0, (int) ((cx + radius + TILE - 1) / TILE)));
            int y1 = Math.min(gridY, Math.max(0, (int) ((cy + radius + TILE - 1) / TILE)));
            if ((x1 - x0) * (y1 - y0) == 0) continue;
            float o = s.opacity[i];
            if (o < ALPHA_MIN)
                continue; // alpha = min(0.99, o * exp(power <= 0)) never reaches 1/255
            int b = i * STRIDE;
            float qa = cc * detInv, qb = -cb * detInv, qc = ca * detInv;
            packed[b + X] = cx;
            packed[b + Y] = cy;
            packed[b + CONIC_A] = qa;
            packed[b + CONIC_B] = qb;
            packed[b + CONIC_C] = qc;
            packed[b + OPACITY] = o;
            packed[b + DEPTH] = (float) vz;
            // alpha >= 1/255 needs power >= -tau, tau = ln(255 o); i.e. d^T Q d <= 2 tau (Q the
            // conic).
            double tau = tauOf[i];
            packed[b + POWER_MIN] = (float) -tau;
            double qdet = (double) qa * qc - (double) qb * qb;
            if (qdet > 0 && qa > 0) {
                packed[b + EXTENT_X] =
                        (float) (Math.sqrt(2 * tau * qc / qdet) * (1 + CULL_SLACK) + 0.01);
                packed[b + EXTENT_Y] =
                        (float) (Math.sqrt(2 * tau * qa / qdet) * (1 + CULL_SLACK) + 0.01);
            } else {
                packed[b + EXTENT_X] = packed[b + EXTENT_Y] = Float.POSITIVE_INFINITY;
            }
            // Of the reference's tiles keep those where the blend's box of this Gaussian (the
            // culling ellipse's bounding box, from the same float values) holds a pixel: the
            // others it would skip anyway, after a cache miss, and they would cost sorting.
            float exf = packed[b + EXTENT_X], eyf = packed[b + EXTENT_Y];
            int boxU0 = (int) Math.ceil(cx - exf), boxU1 = (int) Math.floor(cx + exf);
            int boxV0 = (int) Math.ceil(cy - eyf), boxV1 = (int) Math.floor(cy + eyf);
            if (boxU0 > boxU1 || boxU0 > width - 1 || boxV0 > boxV1 || boxV0 > height - 1) continue;
            x0 = Math.max(x0, Math.floorDiv(boxU0, TILE));
            x1 = Math.min(x1, Math.floorDiv(boxU1, TILE) + 1);
            y0 = Math.max(y0, Math.floorDiv(boxV0, TILE));
            y1 = Math.min(y1, Math.floorDiv(boxV1, TILE) + 1);
            if (x0 >= x1 || y0 >= y1) continue;
            rectX0[i] = x0;
            rectX1[i] = x1;
            rectY0[i] = y0;
            rectY1[i] = y1;
        }
    }

    /**
     * Sigma = R S S^T R^T per Gaussian, upper triangle (xx, xy, xz, yy, yz, zz); computed once per
     * scene.
     */
    static float[] covariances(GaussianScene s) {
        int n = s.count();
        float[] cov = new float[6 * n];
        IntStream.range(0, n)
                .parallel()
                .forEach(
                        i -> {
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
                            int k = 6 * i;
                            cov[k] = (float) (r00 * r00 * a + r01 * r01 * b + r02 * r02 * c);
                            cov[k + 1] = (float) (r00 * r10 * a + r01 * r11 * b + r02 * r12 * c);
                            cov[k + 2] = (float) (r00 * r20 * a + r01 * r21 * b + r02 * r22 * c);
                            cov[k + 3] = (float) (r10 * r10 * a + r11 * r11 * b + r12 * r12 * c);
                            cov[k + 4] = (float) (r10 * r20 * a + r11 * r21 * b + r12 * r22 * c);
                            cov[k + 5] = (float) (r20 * r20 * a + r21 * r21 * b + r22 * r22 * c);
                        });
        return cov;
    }
}
