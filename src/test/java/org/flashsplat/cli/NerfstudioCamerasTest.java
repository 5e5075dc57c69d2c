package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.core.Npy;
import org.flashsplat.scene.PlyReader;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.PlyWriter;
import org.flashsplat.scene.VertexTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nerfstudio cameras: a transforms.json written from the golden cameras.json (OpenGL axes, with and
 * without applied_transform) lifts the same contributions; a scene moved into a dataparser frame
 * lines up with its cameras through dataparser_transforms.json, named or found beside the scene.
 */
class NerfstudioCamerasTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/tabletop");

    /** ns-process-data's applied_transform: swap y and z, negate the new z. */
    static final double[][] APPLIED = {{1, 0, 0, 0}, {0, 0, 1, 0}, {0, -1, 0, 0}};

    static float[] reference;

    @BeforeAll
    static void referenceRun(@TempDir Path tmp) {
        reference =
                accumulate(
                        GOLDEN.resolve("point_cloud.ply"),
                        GOLDEN.resolve("cameras.json"),
                        tmp,
                        new StringWriter());
    }

    static float[] accumulate(
            Path scene, Path cameras, Path out, StringWriter err, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "accumulate",
                                "--scene",
                                scene.toString(),
                                "--cameras",
                                cameras.toString(),
                                "--masks",
                                GOLDEN.resolve("masks").toString(),
                                "--backend",
                                "cpu",
                                "--out",
                                out.toString()));
        args.addAll(List.of(extra));
        int status =
                Main.execute(
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true),
                        args.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        return Npy.read(out.resolve("contributions.npy")).floats();
    }

    /** x -> m x for a 3x4 row-major affine m. */
    static double[] apply(double[][] m, double[] x) {
        double[] out = new double[3];
        for (int r = 0; r < 3; r++)
            out[r] = m[r][0] * x[0] + m[r][1] * x[1] + m[r][2] * x[2] + m[r][3];
        return out;
    }

    /** Writes cameras as a transforms.json whose poses are in the frame {@code applied} makes. */
    static Path writeTransforms(CameraSet set, double[][] applied, Path file) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        Camera first = set.cameras().get(0);
        root.put("camera_model", "OPENCV");
        root.put("fl_x", first.fx());
        root.put("fl_y", first.fy());
        root.put("w", first.width());
        root.put("h", first.height());
        if (applied != null) root.put("applied_transform", applied);
        List<Object> frames = new ArrayList<>();
        int k = 0;
        for (Camera c : set.cameras()) {
            double[] r = c.rotation(), p = c.position();
            double[][] m = new double[4][4];
            for (int row = 0; row < 3; row++) {
                // camera-to-world rotation is R^T; OpenGL axes negate camera y and z.
                m[row][0] = r[0 * 3 + row];
                m[row][1] = -r[1 * 3 + row];
                m[row][2] = -r[2 * 3 + row];
                m[row][3] = p[row];
            }
            m[3][3] = 1;
            if (applied != null) {
                double[][] moved = new double[4][4];
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 4; col++) {
                        double s = col == 3 ? applied[row][3] : 0;
                        for (int j = 0; j < 3; j++) s += applied[row][j] * m[j][col];
                        moved[row][col] = s;
                    }
                }
                moved[3][3] = 1;
                m = moved;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file_path", "images/" + c.name() + ".png");
            f.put("transform_matrix", m);
            if (k++ % 2 == 1) { // per-frame intrinsics override the shared ones
                f.put("fl_x", c.fx());
                f.put("fl_y", c.fy());
            }
            frames.add(f);
        }
        root.put("frames", frames);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void transformsJsonLiftsWhatCamerasJsonLifts(@TempDir Path tmp) throws Exception {
        CameraSet golden = CameraReader.read(GOLDEN.resolve("cameras.json"));
        for (double[][] applied : new double[][][] {null, APPLIED}) {
            Path dir = Files.createDirectories(tmp.resolve(applied == null ? "plain" : "applied"));
            Path json = writeTransforms(golden, applied, dir.resolve("transforms.json"));
            float[] got =
                    accumulate(
                            GOLDEN.resolve("point_cloud.ply"),
                            json,
                            dir.resolve("out"),
                            new StringWriter());
            assertThat(CommandsTest.relativeL1(got, reference)).isLessThan(1e-5);
        }
    }

    @Test
    void distortionIsWarnedAsIgnored(@TempDir Path tmp) throws Exception {
        Path json =
                writeTransforms(
                        CameraReader.read(GOLDEN.resolve("cameras.json")),
                        null,
                        tmp.resolve("transforms.json"));
        Map<String, Object> root = new ObjectMapper().readValue(json.toFile(), LinkedHashMap.class);
        root.put("k1", 0.02);
        new ObjectMapper().writeValue(json.toFile(), root);
        CameraSet set = CameraReader.read(json);
        assertThat(set.warnings()).singleElement().asString().contains("distortion is ignored");
    }

    @Test
    void dataparserFrameLinesUpNamedOrFoundBesideTheScene(@TempDir Path tmp) throws Exception {
        double angle = 0.7, s = 1.5;
        double[] axis = {1 / Math.sqrt(14), 2 / Math.sqrt(14), 3 / Math.sqrt(14)};
        double[] q0 = {
            Math.cos(angle / 2),
            axis[0] * Math.sin(angle / 2),
            axis[1] * Math.sin(angle / 2),
            axis[2] * Math.sin(angle / 2)
        };
        double[][] rot = rotation(q0);
        double[][] transform = {
            {rot[0][0], rot[0][1], rot[0][2], 0.3},
            {rot[1][0], rot[1][1], rot[1][2], -0.2},
            {rot[2][0], rot[2][1], rot[2][2], 0.5}
        };
        // The dataparser transform was computed on poses in the applied_transform frame, so the
        // splatfacto scene is (transform . applied) x, then scaled.
        double[] qApplied = quaternion(APPLIED);
        double[] qMove = multiply(q0, qApplied);
        VertexTable t = PlyReader.read(GOLDEN.resolve("point_cloud.ply"));
        int n = t.count();
        Map<String, float[]> cols = new LinkedHashMap<>();
        for (VertexTable.Column c : t.columns()) cols.put(c.name(), c.asFloats().clone());
        for (int i = 0; i < n; i++) {
            double[] x = {cols.get("x")[i], cols.get("y")[i], cols.get("z")[i]};
            double[] moved = apply(transform, apply(APPLIED, x));
            for (int a = 0; a < 3; a++)
                cols.get("xyz".substring(a, a + 1))[i] = (float) (s * moved[a]);
            for (int a = 0; a < 3; a++) cols.get("scale_" + a)[i] += (float) Math.log(s);
            double[] q = {
                cols.get("rot_0")[i],
                cols.get("rot_1")[i],
                cols.get("rot_2")[i],
                cols.get("rot_3")[i]
            };
            double[] qq = multiply(qMove, q);
            for (int k = 0; k < 4; k++) cols.get("rot_" + k)[i] = (float) qq[k];
        }
        List<VertexTable.Column> out = new ArrayList<>();
        cols.forEach((name, data) -> out.add(new VertexTable.Column(name, PlyType.FLOAT, data)));
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path ply = run.resolve("splat.ply");
        PlyWriter.write(ply, new VertexTable(n, out, List.of()));
        Path cams =
                writeTransforms(
                        CameraReader.read(GOLDEN.resolve("cameras.json")),
                        APPLIED,
                        tmp.resolve("transforms.json"));
        Path dp = tmp.resolve("dp.json");
        new ObjectMapper().writeValue(dp.toFile(), Map.of("transform", transform, "scale", s));

        float[] named =
                accumulate(
                        ply,
                        cams,
                        tmp.resolve("named"),
                        new StringWriter(),
                        "--dataparser-transforms",
                        dp.toString());
        assertThat(CommandsTest.relativeL1(named, reference)).isLessThan(1e-4);

        float[] unaligned = accumulate(ply, cams, tmp.resolve("unaligned"), new StringWriter());
        assertThat(CommandsTest.relativeL1(unaligned, reference)).isGreaterThan(0.1);

        Files.copy(dp, run.resolve("dataparser_transforms.json"));
        StringWriter err = new StringWriter();
        float[] found = accumulate(ply, cams, tmp.resolve("found"), err);
        assertThat(CommandsTest.relativeL1(found, reference)).isLessThan(1e-4);
    }

    static double[] multiply(double[] a, double[] b) {
        return new double[] {
            a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
            a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
            a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
            a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0]
        };
    }

    static double[][] rotation(double[] q) {
        double w = q[0], x = q[1], y = q[2], z = q[3];
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}
        };
    }

    /** The unit quaternion of a proper rotation matrix (the upper 3x3 of m). */
    static double[] quaternion(double[][] m) {
        double tr = m[0][0] + m[1][1] + m[2][2];
        if (tr > -0.99) {
            double w = Math.sqrt(1 + tr) / 2;
            return new double[] {
                w,
                (m[2][1] - m[1][2]) / (4 * w),
                (m[0][2] - m[2][0]) / (4 * w),
                (m[1][0] - m[0][1]) / (4 * w)
            };
        }
        double x = Math.sqrt(Math.max(0, 1 + m[0][0] - m[1][1] - m[2][2])) / 2;
        return new double[] {
            (m[2][1] - m[1][2]) / (4 * x),
            x,
            (m[0][1] + m[1][0]) / (4 * x),
            (m[0][2] + m[2][0]) / (4 * x)
        };
    }
}
