package org.flashsplat.raster;

import java.util.function.IntPredicate;
import org.flashsplat.scene.GaussianScene;

/** View-dependent colour from spherical harmonics up to degree 3, as the reference evaluates it. */
public final class ShColour {
    private static final double C0 = 0.28209479177387814;
    private static final double C1 = 0.4886025119029199;
    private static final double[] C2 = {
        1.0925484305920792,
        -1.0925484305920792,
        0.31539156525252005,
        -1.0925484305920792,
        0.5462742152960396
    };
    private static final double[] C3 = {
        -0.5900435899266435,
        2.890611442640554,
        -0.4570457994644658,
        0.3731763325901154,
        -0.4570457994644658,
        1.445305721320277,
        -0.5900435899266435
    };

    private ShColour() {}

    /**
     * Writes RGB of Gaussians [from, to) seen from {@code eye} into {@code rgb} (3 per Gaussian).
     */
    public static void evaluate(GaussianScene s, double[] eye, float[] rgb, int from, int to) {
        evaluate(s, eye, rgb, from, to, null);
    }

    /**
     * Like {@link #evaluate(GaussianScene, double[], float[], int, int)}, leaving alone the
     * Gaussians {@code skip} accepts (a renderer skips those it culled); null skips none.
     */
    public static void evaluate(
            GaussianScene s, double[] eye, float[] rgb, int from, int to, IntPredicate skip) {
        int nc = s.shCoefficients(), deg = s.shDegree();
        float[] sh = s.sh();
        if (deg == 0) {
            // No view dependence: the direction (a square root and three divisions) is not needed.
            for (int i = from; i < to; i++) {
                if (skip != null && skip.test(i)) continue;
                for (int c = 0; c < 3; c++)
                    rgb[3 * i + c] = (float) Math.max(0, C0 * sh[(i * 3 + c) * nc] + 0.5);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            if (skip != null && skip.test(i)) continue;
            double x = s.x[i] - eye[0], y = s.y[i] - eye[1], z = s.z[i] - eye[2];
            double len = Math.sqrt(x * x + y * y + z * z);
            if (len > 0) {
                x /= len;
                y /= len;
                z /= len;
            }
            double xx = x * x, yy = y * y, zz = z * z, xy = x * y, yz = y * z, xz = x * z;
            for (int c = 0; c < 3; c++) {
                int b = (i * 3 + c) * nc;
                double r = C0 * sh[b];
                if (deg > 0) {
                    r += -C1 * y * sh[b + 1] + C1 * z * sh[b + 2] - C1 * x * sh[b + 3];
                    if (deg > 1) {
                        r +=
                                C2[0] * xy * sh[b + 4]
                                        + C2[1] * yz * sh[b + 5]
                                        + C2[2] * (2 * zz - xx - yy) * sh[b + 6]
                                        + C2[3] * xz * sh[b + 7]
                                        + C2[4] * (xx - yy) * sh[b + 8];
                        if (deg > 2) {
                            r +=
                                    C3[0] * y * (3 * xx - yy) * sh[b + 9]
                                            + C3[1] * xy * z * sh[b + 10]
                                            + C3[2] * y * (4 * zz - xx - yy) * sh[b + 11]
                                            + C3[3] * z * (2 * zz - 3 * xx - 3 * yy) * sh[b + 12]
                                            + C3[4] * x * (4 * zz - xx - yy) * sh[b + 13]
                                            + C3[5] * z * (xx - yy) * sh[b + 14]
                                            + C3[6] * x * (xx - 3 * yy) * sh[b + 15];
                        }
                    }
                }
                rgb[3 * i + c] = (float) Math.max(0, r + 0.5);
            }
        }
    }
}
