package org.flashsplat.select;

import org.flashsplat.camera.Camera;

/**
 * 3D selection shapes from mouse gestures on a view: a rectangle or a circle drawn on the screen
 * becomes a box or a sphere at the depth of a pivot point (the point the view orbits), so moving
 * the pivot (pan) moves where the shape sits. Pixel coordinates follow the renderer, which puts the
 * principal point at the image centre.
 */
public final class ScreenShapes {
    private ScreenShapes() {}

    /** An axis-aligned box, world coordinates. */
    public record Box(double[] min, double[] max) {}

    /** A sphere, world coordinates. */
    public record Sphere(double[] centre, double radius) {}

    /** The camera as the renderer uses it: principal point at the image centre. */
    public static Camera centred(Camera c) {
        return Camera.centred(
                c.id(),
                c.name(),
                c.width(),
                c.height(),
                c.fx(),
                c.fy(),
                c.rotation(),
                c.translation());
    }

    /** Depth along the view direction of world point {@code p} (camera z). */
    public static double depth(Camera c, double[] p) {
        double[] r = c.rotation(), t = c.translation();
        return r[6] * p[0] + r[7] * p[1] + r[8] * p[2] + t[2];
    }

    /** The world point seen at pixel (u, v) at camera depth {@code z}. */
    public static double[] unproject(Camera c, double u, double v, double z) {
        double[] r = c.rotation(), t = c.translation();
        double[] pc = {
            (u - c.width() / 2.0) / c.fx() * z - t[0],
            (v - c.height() / 2.0) / c.fy() * z - t[1],
            z - t[2]
        };
        return new double[] {
            r[0] * pc[0] + r[3] * pc[1] + r[6] * pc[2],
            r[1] * pc[0] + r[4] * pc[1] + r[7] * pc[2],
            r[2] * pc[0] + r[5] * pc[1] + r[8] * pc[2]
        };
    }

    /**
     * The box a screen rectangle (u0, v0)-(u1, v1) spans at the pivot's depth, as deep along the
     * view as it is wide or high (whichever is more), as an axis-aligned box around those corners.
     */
    public static Box box(Camera c, double[] pivot, double u0, double v0, double u1, double v1) {
        double z = Math.max(1e-6, depth(c, pivot));
        double[][] corners = {
            unproject(c, u0, v0, z), unproject(c, u1, v0, z),
            unproject(c, u0, v1, z), unproject(c, u1, v1, z)
        };
        double half = Math.max(dist(corners[0], corners[1]), dist(corners[0], corners[2])) / 2;
        double[] f = {c.rotation()[6], c.rotation()[7], c.rotation()[8]};
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : corners)
            for (int s = -1; s <= 1; s += 2)
                for (int k = 0; k < 3; k++) {
                    double v = p[k] + s * half * f[k];
                    min[k] = Math.min(min[k], v);
                    max[k] = Math.max(max[k], v);
                }
        return new Box(min, max);
    }

    /** The sphere centred where (u0, v0) lies at the pivot's depth, reaching (u1, v1). */
    public static Sphere sphere(
            Camera c, double[] pivot, double u0, double v0, double u1, double v1) {
        double z = Math.max(1e-6, depth(c, pivot));
        double[] centre = unproject(c, u0, v0, z);
        return new Sphere(centre, dist(centre, unproject(c, u1, v1, z)));
    }

    private static double dist(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
