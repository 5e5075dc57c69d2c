package org.flashsplat.studio.preview;

import org.flashsplat.camera.Camera;

/**
 * The preview's free camera: orbits a target at a distance, around the scene's up direction
 * (estimated from the training cameras, since COLMAP scenes have no fixed up axis). Immutable;
 * every gesture makes a new one.
 */
public record OrbitCamera(
        double[] target, double distance, double yaw, double pitch, double[] up, double fovY) {
    private static final double MAX_PITCH = Math.toRadians(89);

    public OrbitCamera {
        target = target.clone();
        up = normalise(up.clone());
    }

    /** The orbit that sees what {@code c} sees, pivoting about the point it looks at. */
    public static OrbitCamera from(Camera c, double[] up, double[] sceneCentre) {
        double[] eye = c.position();
        double[] r = c.rotation();
        double[] f = {r[6], r[7], r[8]};
        double d = Math.max(0.05, dot(sub(sceneCentre, eye), f));
        double[] target = {eye[0] + f[0] * d, eye[1] + f[1] * d, eye[2] + f[2] * d};
        double[][] basis = basis(up);
        double[] off = sub(eye, target);
        double n = Math.sqrt(dot(off, off));
        double pitch = Math.asin(Math.max(-1, Math.min(1, dot(off, basis[2]) / n)));
        double yaw = Math.atan2(dot(off, basis[1]), dot(off, basis[0]));
        double fovY = 2 * Math.atan(c.height() / (2 * c.fy()));
        return new OrbitCamera(target, n, yaw, pitch, up, fovY);
    }

    /** The camera for a {@code width x height} image. */
    public Camera camera(int width, int height) {
        double[][] b = basis(up);
        double cp = Math.cos(pitch), sp = Math.sin(pitch);
        double[] eye = new double[3];
        for (int k = 0; k < 3; k++) {
            eye[k] =
                    target[k]
                            + distance
                                    * (cp * (Math.cos(yaw) * b[0][k] + Math.sin(yaw) * b[1][k])
                                            + sp * b[2][k]);
        }
        double fx = height / (2 * Math.tan(fovY / 2));
        return Camera.lookAt(-1, "preview", width, height, fx, eye, target, up);
    }

    /** Turns by mouse-drag angles (radians). */
    public OrbitCamera orbit(double dYaw, double dPitch) {
        double p = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, pitch + dPitch));
        return new OrbitCamera(target, distance, yaw + dYaw, p, up, fovY);
    }

    /** Moves the target in the image plane by a fraction of the view height. */
    public OrbitCamera pan(double dxFraction, double dyFraction) {
        Camera c = camera(2, 2);
        double[] r = c.rotation();
        double s = 2 * distance * Math.tan(fovY / 2);
        double[] t = target.clone();
        for (int k = 0; k < 3; k++) t[k] += -dxFraction * s * r[k] - dyFraction * s * r[3 + k];
        return new OrbitCamera(t, distance, yaw, pitch, up, fovY);
    }

    /** Zooms by a factor (< 1 moves closer). */
    public OrbitCamera zoom(double factor) {
        return new OrbitCamera(target, Math.max(1e-3, distance * factor), yaw, pitch, up, fovY);
    }

    /** An orthonormal frame {e1, e2, up}. */
    private static double[][] basis(double[] up) {
        double[] ref = Math.abs(up[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] e1 = normalise(cross(ref, up));
        double[] e2 = cross(up, e1);
        return new double[][] {e1, e2, up};
    }

    /** Scene up from training cameras: the mean of their image-up directions (-y of camera). */
    public static double[] upFrom(java.util.List<Camera> cams) {
        double[] u = new double[3];
        for (Camera c : cams) for (int k = 0; k < 3; k++) u[k] -= c.rotation()[3 + k];
        if (dot(u, u) < 1e-12) return new double[] {0, -1, 0};
        return normalise(u);
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {
            a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
        };
    }

    static double[] normalise(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
