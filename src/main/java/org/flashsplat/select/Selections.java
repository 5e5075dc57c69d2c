package org.flashsplat.select;

import java.util.Arrays;
import org.flashsplat.camera.Camera;
import org.flashsplat.scene.GaussianScene;

/** Gaussians picked in 3D: inside a box, a sphere, or a screen-space lasso through all depths. */
public final class Selections {
    private Selections() {}

    /** Centres inside the axis-aligned box [min, max]. */
    public static int[] box(GaussianScene s, double[] min, double[] max) {
        int[] out = new int[s.count()];
        int n = 0;
        for (int i = 0; i < s.count(); i++)
            if (s.x[i] >= min[0]
                    && s.x[i] <= max[0]
                    && s.y[i] >= min[1]
                    && s.y[i] <= max[1]
                    && s.z[i] >= min[2]
                    && s.z[i] <= max[2]) out[n++] = i;
        return Arrays.copyOf(out, n);
    }

    /** Centres within {@code radius} of {@code centre}. */
    public static int[] sphere(GaussianScene s, double[] centre, double radius) {
        int[] out = new int[s.count()];
        int n = 0;
        double r2 = radius * radius;
        for (int i = 0; i < s.count(); i++) {
            double dx = s.x[i] - centre[0], dy = s.y[i] - centre[1], dz = s.z[i] - centre[2];
            if (dx * dx + dy * dy + dz * dz <= r2) out[n++] = i;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Centres in front of {@code cam} whose projection falls inside the polygon (pixel coordinates,
     * {@code xs[k], ys[k]}): the lasso selects through every depth, as in SuperSplat.
     */
    public static int[] lasso(GaussianScene s, Camera cam, double[] xs, double[] ys) {
        double[] r = cam.rotation(), t = cam.translation();
        int[] out = new int[s.count()];
        int n = 0;
        for (int i = 0; i < s.count(); i++) {
            double zc = r[6] * s.x[i] + r[7] * s.y[i] + r[8] * s.z[i] + t[2];
            if (zc <= 1e-6) continue;
            double xc = r[0] * s.x[i] + r[1] * s.y[i] + r[2] * s.z[i] + t[0];
            double yc = r[3] * s.x[i] + r[4] * s.y[i] + r[5] * s.z[i] + t[1];
            double u = cam.fx() * xc / zc + cam.cx(), v = cam.fy() * yc / zc + cam.cy();
            if (inside(xs, ys, u, v)) out[n++] = i;
        }
        return Arrays.copyOf(out, n);
    }

    /** Even-odd rule. */
    static boolean inside(double[] xs, double[] ys, double u, double v) {
        boolean in = false;
        for (int a = 0, b = xs.length - 1; a < xs.length; b = a++) {
            if ((ys[a] > v) != (ys[b] > v)
                    && u < (xs[b] - xs[a]) * (v - ys[a]) / (ys[b] - ys[a]) + xs[a]) in = !in;
        }
        return in;
    }
}
