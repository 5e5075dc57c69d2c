package org.flashsplat.camera;

/**
 * A pinhole training camera in the COLMAP convention: {@code x_cam = R * x_world + t}, looking
 * along +z with x right and y down. {@code name} is the image file stem masks are matched by.
 *
 * @param rotation world-to-camera rotation, row-major 3x3
 * @param translation world-to-camera translation
 * @param cx principal point as given (the forward pass, like the reference, uses the image centre)
 */
public record Camera(
        int id,
        String name,
        int width,
        int height,
        double fx,
        double fy,
        double cx,
        double cy,
        double[] rotation,
        double[] translation) {

    public Camera {
        if (rotation.length != 9 || translation.length != 3) {
            throw new IllegalArgumentException("rotation needs 9 values and translation 3");
        }
        rotation = rotation.clone();
        translation = translation.clone();
    }

    /** A camera with the principal point at the image centre. */
    public static Camera centred(
            int id,
            String name,
            int width,
            int height,
            double fx,
            double fy,
            double[] rotation,
            double[] translation) {
        return new Camera(
                id, name, width, height, fx, fy, width / 2.0, height / 2.0, rotation, translation);
    }

    /** The camera centre in world coordinates: {@code -R^T t}. */
    public double[] position() {
        double[] r = rotation, t = translation;
        return new double[] {
            -(r[0] * t[0] + r[3] * t[1] + r[6] * t[2]),
            -(r[1] * t[0] + r[4] * t[1] + r[7] * t[2]),
            -(r[2] * t[0] + r[5] * t[1] + r[8] * t[2])
        };
    }

    public double tanFovX() {
        return width / (2.0 * fx);
    }

    public double tanFovY() {
        return height / (2.0 * fy);
    }

    /**
     * The same camera rendering at another resolution (focal lengths scaled with it), for previews.
     */
    public Camera resized(int newWidth, int newHeight) {
        double kx = (double) newWidth / width, ky = (double) newHeight / height;
        return new Camera(
                id,
                name,
                newWidth,
                newHeight,
                fx * kx,
                fy * ky,
                cx * kx,
                cy * ky,
                rotation,
                translation);
    }

    /**
     * A camera at {@code eye} looking at {@code target}, with {@code up} the world direction that
     * should appear up on screen (image y points down, so camera y is -up).
     */
    public static Camera lookAt(
            int id,
            String name,
            int width,
            int height,
            double fx,
            double[] eye,
            double[] target,
            double[] up) {
        double[] f = normalise(sub(target, eye));
        double[] r = normalise(cross(f, up));
        double[] d = cross(f, r);
        double[] rot = {r[0], r[1], r[2], d[0], d[1], d[2], f[0], f[1], f[2]};
        double[] t = {-dot(r, eye), -dot(d, eye), -dot(f, eye)};
        return centred(id, name, width, height, fx, fx, rot, t);
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {
            a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
        };
    }

    private static double[] normalise(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
