package org.flashsplat.scene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.InputException;

/**
 * A trained 3DGS scene: the PLY vertex table as read (every property kept, to write it back) plus
 * the activated per-Gaussian values the forward pass reads, all as flat primitive arrays indexed by
 * Gaussian.
 */
public final class GaussianScene {
    /** Properties without which a file is not a 3DGS scene. */
    public static final List<String> REQUIRED =
            List.of(
                    "x", "y", "z", "opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1",
                    "rot_2", "rot_3", "f_dc_0", "f_dc_1", "f_dc_2");

    private final Path source;
    private final VertexTable table;
    private final int count;
    private final int shDegree;
    private final int shCoefficients;
    private final List<String> warnings;

    public final float[] x, y, z;

    /** Activated opacity in (0, 1). */
    public final float[] opacity;

    /** Activated scales. */
    public final float[] sx, sy, sz;

    /** Normalised rotation quaternion, w first. */
    public final float[] qw, qx, qy, qz;

    /** Built on the first colour render: the pass that lifts masks never needs it. */
    private float[] sh;

    private GaussianScene(Path source, VertexTable table, int shDegree, List<String> warnings) {
        this.source = source;
        this.table = table;
        this.count = table.count();
        this.shDegree = shDegree;
        this.shCoefficients = Activation.shCoefficients(shDegree);
        this.warnings = List.copyOf(warnings);
        int n = count;
        x = table.column("x").asFloats();
        y = table.column("y").asFloats();
        z = table.column("z").asFloats();
        opacity = new float[n];
        sx = new float[n];
        sy = new float[n];
        sz = new float[n];
        qw = new float[n];
        qx = new float[n];
        qy = new float[n];
        qz = new float[n];
        VertexTable.Column op = table.column("opacity");
        VertexTable.Column[] sc = {
            table.column("scale_0"), table.column("scale_1"), table.column("scale_2")
        };
        VertexTable.Column[] rot = {
            table.column("rot_0"),
            table.column("rot_1"),
            table.column("rot_2"),
            table.column("rot_3")
        };
        float[] q = new float[4];
        for (int i = 0; i < n; i++) {
            opacity[i] = Activation.opacity(op.get(i));
            sx[i] = Activation.scale(sc[0].get(i));
            sy[i] = Activation.scale(sc[1].get(i));
            sz[i] = Activation.scale(sc[2].get(i));
            for (int k = 0; k < 4; k++) q[k] = (float) rot[k].get(i);
            Activation.normaliseQuaternion(q);
            qw[i] = q[0];
            qx[i] = q[1];
            qy[i] = q[2];
            qz[i] = q[3];
        }
    }

    /**
     * Builds a scene from a vertex table: checks the required properties, infers the SH degree and
     * drops Gaussians with NaN or infinite values (counted in {@link #warnings()}).
     */
    public static GaussianScene of(VertexTable table, Path source) {
        return of(table, source, List.of());
    }

    /**
     * As {@link #of(VertexTable, Path)}, with warnings from reading the file (e.g. skipped
     * elements) listed first.
     */
    public static GaussianScene of(VertexTable table, Path source, List<String> readWarnings) {
        List<String> missing = new ArrayList<>();
        for (String p : REQUIRED) if (!table.has(p)) missing.add(p);
        if (!missing.isEmpty()) {
            throw new InputException(
                    source,
                    "header",
                    "missing required vertex properties "
                            + String.join(", ", missing)
                            + " (a 3DGS scene has x y z, f_dc_0..2, opacity, scale_0..2,"
                            + " rot_0..3)");
        }
        int rest = 0;
        while (table.has("f_rest_" + rest)) rest++;
        int degree = Activation.shDegreeFromRestCount(rest);
        if (degree < 0) {
            throw new InputException(
                    source,
                    "header",
                    rest + " f_rest_* properties; a 3DGS scene has 0, 9, 24 or 45");
        }
        List<String> warnings = new ArrayList<>(readWarnings);
        boolean[] keep = new boolean[table.count()];
        int bad = 0;
        java.util.Arrays.fill(keep, true);
        for (VertexTable.Column c : table.columns()) {
            if (!c.type().isFloating()) continue;
            for (int i = 0; i < table.count(); i++) {
                if (keep[i] && !Double.isFinite(c.get(i))) {
                    keep[i] = false;
                    bad++;
                }
            }
        }
        VertexTable t = table;
        if (bad > 0) {
            warnings.add(bad + " Gaussians with NaN or infinite values were dropped");
            t = table.select(keep);
        }
        return new GaussianScene(source, t, degree, warnings);
    }

    /**
     * SH coefficients, index {@code (i * 3 + channel) * shCoefficients() + k}, k = 0 the DC term.
     * A copy of the table's colour columns in the order renderers read, made on first use.
     */
    public synchronized float[] sh() {
        if (sh != null) return sh;
        int n = count, nc = shCoefficients;
        float[] out = new float[n * 3 * nc];
        int restPerChannel = nc - 1;
        for (int c = 0; c < 3; c++) {
            VertexTable.Column dc = table.column("f_dc_" + c);
            for (int i = 0; i < n; i++) out[(i * 3 + c) * nc] = (float) dc.get(i);
            for (int k = 1; k < nc; k++) {
                // f_rest is channel-major: all higher coefficients of R, then of G, then of B.
                VertexTable.Column rest = table.column("f_rest_" + (c * restPerChannel + k - 1));
                for (int i = 0; i < n; i++) out[(i * 3 + c) * nc + k] = (float) rest.get(i);
            }
        }
        sh = out;
        return sh;
    }

    public Path source() {
        return source;
    }

    public VertexTable table() {
        return table;
    }

    public int count() {
        return count;
    }

    public int shDegree() {
        return shDegree;
    }

    public int shCoefficients() {
        return shCoefficients;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The scene with only the Gaussians where {@code keep} is true (every property kept). */
    public GaussianScene subset(boolean[] keep) {
        return new GaussianScene(source, table.select(keep), shDegree, List.of());
    }

    /** Axis-aligned bounds of the centres: {min x, min y, min z, max x, max y, max z}. */
    public double[] bounds() {
        double[] b = {
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY
        };
        for (int i = 0; i < count; i++) {
            b[0] = Math.min(b[0], x[i]);
            b[1] = Math.min(b[1], y[i]);
            b[2] = Math.min(b[2], z[i]);
            b[3] = Math.max(b[3], x[i]);
            b[4] = Math.max(b[4], y[i]);
            b[5] = Math.max(b[5], z[i]);
        }
        return b;
    }
}
