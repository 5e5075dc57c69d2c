package org.flashsplat.camera;

import java.nio.file.Path;
import java.util.Locale;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Limits;

/**
 * Checks shared by the camera readers, on values the files declare: an image size within {@link
 * Limits} (the renderer allocates per pixel), a field of view a pinhole can have, finite poses, and
 * rotations that are rotations. A rotation a little off orthonormal (rounding in an exporter) is
 * used as given with a warning; one far off (zeros, a scaled matrix, a mirror) would project the
 * scene to nonsense, so it is refused.
 */
final class CameraChecks {
    /** Largest deviation of {@code R R^T} from the identity accepted without a word. */
    static final double ROTATION_SILENT = 1e-4;

    /** Largest deviation accepted at all. */
    static final double ROTATION_REFUSED = 0.05;

    /** Tangent of half the field of view: about 0.01 to 179.8 degrees. */
    private static final double MIN_TAN_HALF_FOV = 1e-4, MAX_TAN_HALF_FOV = 1e3;

    private CameraChecks() {}

    /**
     * @param who how the message names the camera ("camera 3: "), or "" when {@code place} does
     */
    static void intrinsics(
            Path file, String place, String who, long width, long height, double fx, double fy) {
        Limits.imagePixels(file, place, width, height);
        if (!(fx > 0) || !(fy > 0) || Double.isInfinite(fx) || Double.isInfinite(fy)) {
            throw new InputException(
                    file,
                    place,
                    who + "focal length must be positive and finite, got fx=" + fx + ", fy=" + fy);
        }
        double tx = width / (2 * fx), ty = height / (2 * fy);
        if (!(tx >= MIN_TAN_HALF_FOV && tx <= MAX_TAN_HALF_FOV)
                || !(ty >= MIN_TAN_HALF_FOV && ty <= MAX_TAN_HALF_FOV)) {
            throw new InputException(
                    file,
                    place,
                    String.format(
                            Locale.ROOT,
                            who
                                    + "focal lengths fx=%.6g, fy=%.6g give a field of view of %.4g x %.4g"
                                    + " degrees for a %dx%d image; not a usable pinhole camera",
                            fx,
                            fy,
                            2 * Math.toDegrees(Math.atan(tx)),
                            2 * Math.toDegrees(Math.atan(ty)),
                            width,
                            height));
        }
    }

    static void finite(Path file, String place, String what, double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new InputException(file, place, what + " is not finite (" + x + ")");
            }
        }
    }

    /**
     * Checks a row-major 3x3 rotation.
     *
     * @return a warning when it is mildly off orthonormal, else null
     * @throws InputException when it is clearly not a rotation
     */
    static String rotation(Path file, String place, double[] r) {
        finite(file, place, "rotation", r);
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot =
                        r[i * 3] * r[j * 3]
                                + r[i * 3 + 1] * r[j * 3 + 1]
                                + r[i * 3 + 2] * r[j * 3 + 2];
                worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        double det =
                r[0] * (r[4] * r[8] - r[5] * r[7])
                        - r[1] * (r[3] * r[8] - r[5] * r[6])
                        + r[2] * (r[3] * r[7] - r[4] * r[6]);
        if (worst > ROTATION_REFUSED || !(det > 0)) {
            throw new InputException(
                    file,
                    place,
                    String.format(
                            Locale.ROOT,
                            "rotation is not a rotation: R R^T differs from the identity by %.3g"
                                    + " and det R is %.3g (should be 0 and 1)",
                            worst,
                            det));
        }
        if (worst > ROTATION_SILENT) {
            return String.format(
                    Locale.ROOT,
                    "%s: rotation is not quite orthonormal (R R^T off the identity by %.2g); used"
                            + " as given",
                    place,
                    worst);
        }
        return null;
    }
}
