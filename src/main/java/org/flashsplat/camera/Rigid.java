package org.flashsplat.camera;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.flashsplat.core.InputException;

/**
 * 3x4 affine transforms, row-major {@code [R | t]}, as nerfstudio writes them (camera-to-world
 * poses, applied_transform, the dataparser transform).
 */
final class Rigid {
    static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};

    private Rigid() {}

    /** The first three rows of a JSON matrix of 4 columns. */
    static double[] rows(JsonNode m, int rows, Path file, String place) {
        if (m == null || !m.isArray() || m.size() < rows) {
            throw new InputException(file, place, "must be " + rows + " rows of 4 numbers");
        }
        double[] out = new double[12];
        for (int r = 0; r < rows; r++) {
            JsonNode row = m.get(r);
            if (row == null || !row.isArray() || row.size() != 4) {
                throw new InputException(file, place, "row " + r + " must be 4 numbers");
            }
            for (int c = 0; c < 4; c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new InputException(file, place, "row " + r + " has a non-numeric value");
                }
                out[r * 4 + c] = v.asDouble();
            }
        }
        return out;
    }

    /** {@code a} after {@code b}: x -> a(b(x)). */
    static double[] compose(double[] a, double[] b) {
        double[] out = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                double s = c == 3 ? a[r * 4 + 3] : 0;
                for (int k = 0; k < 3; k++) s += a[r * 4 + k] * b[k * 4 + c];
                out[r * 4 + c] = s;
            }
        }
        return out;
    }

    static double[] inverse(double[] a) {
        double a0 = a[0], a1 = a[1], a2 = a[2], b0 = a[4], b1 = a[5], b2 = a[6];
        double c0 = a[8], c1 = a[9], c2 = a[10];
        double det = a0 * (b1 * c2 - b2 * c1) - a1 * (b0 * c2 - b2 * c0) + a2 * (b0 * c1 - b1 * c0);
        if (Math.abs(det) < 1e-12) throw new IllegalArgumentException("singular transform");
        double[] inv = {
            (b1 * c2 - b2 * c1) / det, (a2 * c1 - a1 * c2) / det, (a1 * b2 - a2 * b1) / det, 0,
            (b2 * c0 - b0 * c2) / det, (a0 * c2 - a2 * c0) / det, (a2 * b0 - a0 * b2) / det, 0,
            (b0 * c1 - b1 * c0) / det, (a1 * c0 - a0 * c1) / det, (a0 * b1 - a1 * b0) / det, 0
        };
        for (int r = 0; r < 3; r++) {
            inv[r * 4 + 3] = -(inv[r * 4] * a[3] + inv[r * 4 + 1] * a[7] + inv[r * 4 + 2] * a[11]);
        }
        return inv;
    }

    /** A camera's pose as camera-to-world {@code [R^T | centre]} (COLMAP axes). */
    static double[] cameraToWorld(Camera c) {
        double[] r = c.rotation(), p = c.position();
        return new double[] {
            r[0], r[3], r[6], p[0], r[1], r[4], r[7], p[1], r[2], r[5], r[8], p[2]
        };
    }

    /** A camera from a camera-to-world pose in COLMAP axes. */
    static Camera toCamera(
            int id,
            String name,
            int w,
            int h,
            double fx,
            double fy,
            double cx,
            double cy,
            double[] c2w) {
        double[] rot = new double[9], t = new double[3];
        for (int r = 0; r < 3; r++) for (int k = 0; k < 3; k++) rot[r * 3 + k] = c2w[k * 4 + r];
        for (int r = 0; r < 3; r++) {
            t[r] = -(rot[r * 3] * c2w[3] + rot[r * 3 + 1] * c2w[7] + rot[r * 3 + 2] * c2w[11]);
        }
        return new Camera(id, name, w, h, fx, fy, cx, cy, rot, t);
    }
}
