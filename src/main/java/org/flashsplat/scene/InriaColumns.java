package org.flashsplat.scene;

import org.flashsplat.core.InputException;

/**
 * The raw Inria parameters of a vertex table as floats, for the writers of compressed forms (which
 * keep only these: other properties have no place in them).
 */
final class InriaColumns {
    final int count, restPerChannel;
    final float[] x, y, z, opacity;
    final float[][] dc = new float[3][], scale = new float[3][], rot = new float[4][], rest;

    InriaColumns(VertexTable t) {
        for (String p : GaussianScene.REQUIRED) {
            if (!t.has(p))
                throw new InputException(null, "export", "the scene has no " + p + " property");
        }
        count = t.count();
        x = t.column("x").asFloats();
        y = t.column("y").asFloats();
        z = t.column("z").asFloats();
        opacity = t.column("opacity").asFloats();
        for (int c = 0; c < 3; c++) {
            dc[c] = t.column("f_dc_" + c).asFloats();
            scale[c] = t.column("scale_" + c).asFloats();
        }
        for (int k = 0; k < 4; k++) rot[k] = t.column("rot_" + k).asFloats();
        int n = 0;
        while (t.has("f_rest_" + n)) n++;
        int degree = Activation.shDegreeFromRestCount(n);
        if (degree < 0)
            throw new InputException(null, "export", n + " f_rest properties (0, 9, 24 or 45)");
        rest = new float[n][];
        for (int k = 0; k < n; k++) rest[k] = t.column("f_rest_" + k).asFloats();
        restPerChannel = n / 3;
    }

    int shDegree() {
        return Activation.shDegreeFromRestCount(rest.length);
    }
}
