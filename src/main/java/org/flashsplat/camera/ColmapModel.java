package org.flashsplat.camera;

/**
 * COLMAP camera models with their ids (as in cameras.bin) and parameter counts. Only the pinhole
 * part (focal lengths, principal point) is used; the rest is lens distortion, which the 3DGS
 * forward pass cannot model, so cameras with it are read with a warning.
 */
public enum ColmapModel {
    SIMPLE_PINHOLE(0, 3, true),
    PINHOLE(1, 4, false),
    SIMPLE_RADIAL(2, 4, true),
    RADIAL(3, 5, true),
    OPENCV(4, 8, false),
    OPENCV_FISHEYE(5, 8, false),
    FULL_OPENCV(6, 12, false),
    FOV(7, 5, false),
    SIMPLE_RADIAL_FISHEYE(8, 4, true),
    RADIAL_FISHEYE(9, 5, true),
    THIN_PRISM_FISHEYE(10, 12, false),
    RAD_TAN_THIN_PRISM_FISHEYE(11, 16, false);

    public final int id;
    public final int params;

    /** One focal length {@code f, cx, cy, ...} rather than {@code fx, fy, cx, cy, ...}. */
    public final boolean singleFocal;

    ColmapModel(int id, int params, boolean singleFocal) {
        this.id = id;
        this.params = params;
        this.singleFocal = singleFocal;
    }

    public boolean hasDistortion() {
        return this != SIMPLE_PINHOLE && this != PINHOLE;
    }

    public static ColmapModel byName(String name) {
        for (ColmapModel m : values()) if (m.name().equals(name)) return m;
        return null;
    }

    public static ColmapModel byId(int id) {
        for (ColmapModel m : values()) if (m.id == id) return m;
        return null;
    }

    /** {fx, fy, cx, cy} from this model's parameter list. */
    public double[] pinhole(double[] p) {
        return singleFocal
                ? new double[] {p[0], p[0], p[1], p[2]}
                : new double[] {p[0], p[1], p[2], p[3]};
    }
}
