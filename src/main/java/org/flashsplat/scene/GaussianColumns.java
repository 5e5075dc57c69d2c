package org.flashsplat.scene;

import java.util.ArrayList;
import java.util.List;

/**
 * Float columns in the Inria PLY layout (x y z, f_dc_0..2, f_rest_*, opacity, scale_0..2, rot_0..3,
 * raw values: logit opacity, log scales, w-first quaternion), which every decoder of another form
 * fills, so a decoded scene is a PLY scene to everything downstream.
 */
final class GaussianColumns {
    final int count;
    final float[] x, y, z, opacity;
    final float[][] dc = new float[3][], scale = new float[3][], rot = new float[4][];

    /** f_rest_k, channel-major (all coefficients of R, then G, then B), as 3DGS writes them. */
    final float[][] rest;

    GaussianColumns(int count, int shDegree) {
        this.count = count;
        x = new float[count];
        y = new float[count];
        z = new float[count];
        opacity = new float[count];
        for (int c = 0; c < 3; c++) {
            dc[c] = new float[count];
            scale[c] = new float[count];
        }
        for (int k = 0; k < 4; k++) rot[k] = new float[count];
        int restCount = 3 * (Activation.shCoefficients(shDegree) - 1);
        rest = new float[restCount][];
        for (int k = 0; k < restCount; k++) rest[k] = new float[count];
    }

    /** Coefficients per channel besides the DC term (0, 3, 8 or 15). */
    int restPerChannel() {
        return rest.length / 3;
    }

    VertexTable toTable(List<String> comments) {
        List<VertexTable.Column> cols = new ArrayList<>();
        cols.add(column("x", x));
        cols.add(column("y", y));
        cols.add(column("z", z));
        for (int c = 0; c < 3; c++) cols.add(column("f_dc_" + c, dc[c]));
        for (int k = 0; k < rest.length; k++) cols.add(column("f_rest_" + k, rest[k]));
        cols.add(column("opacity", opacity));
        for (int c = 0; c < 3; c++) cols.add(column("scale_" + c, scale[c]));
        for (int k = 0; k < 4; k++) cols.add(column("rot_" + k, rot[k]));
        return new VertexTable(count, cols, comments);
    }

    private static VertexTable.Column column(String name, float[] data) {
        return new VertexTable.Column(name, PlyType.FLOAT, data);
    }

    /**
     * A logit for an 8-bit or unit opacity: 0 and 1 map to -20 and 20 (sigmoid 2e-9 and 1.0f)
     * rather than to infinities, which would mark a fully opaque Gaussian as broken.
     */
    static float logit(float unit) {
        if (unit <= 0f) return -20f;
        if (unit >= 1f) return 20f;
        return (float) Math.log(unit / (1.0f - unit));
    }
}
