package org.flashsplat.scene;

/**
 * The one place where raw 3DGS parameters become the values the forward pass uses: logit opacity
 * through a sigmoid, log scales through exp, quaternions normalised. Everything else reads the
 * activated values.
 */
public final class Activation {
    /** Zeroth-order spherical-harmonics constant. */
    public static final double SH_C0 = 0.28209479177387814;

    private Activation() {}

    public static float opacity(double raw) {
        return (float) (1.0 / (1.0 + Math.exp(-raw)));
    }

    public static double inverseOpacity(double opacity) {
        return Math.log(opacity / (1.0 - opacity));
    }

    public static float scale(double raw) {
        return (float) Math.exp(raw);
    }

    /** Normalises (w, x, y, z) in place; a zero quaternion becomes the identity. */
    public static void normaliseQuaternion(float[] q) {
        double n =
                Math.sqrt(
                        (double) q[0] * q[0]
                                + (double) q[1] * q[1]
                                + (double) q[2] * q[2]
                                + (double) q[3] * q[3]);
        if (n == 0) {
            q[0] = 1;
            q[1] = q[2] = q[3] = 0;
            return;
        }
        for (int k = 0; k < 4; k++) q[k] = (float) (q[k] / n);
    }

    /**
     * SH degree from the number of {@code f_rest_*} properties (0, 9, 24 or 45), or -1 if it is not
     * one of them.
     */
    public static int shDegreeFromRestCount(int restCount) {
        return switch (restCount) {
            case 0 -> 0;
            case 9 -> 1;
            case 24 -> 2;
            case 45 -> 3;
            default -> -1;
        };
    }

    public static int shCoefficients(int degree) {
        return (degree + 1) * (degree + 1);
    }
}
