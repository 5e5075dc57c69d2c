package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flashsplat.core.Json;
import org.flashsplat.core.Npy;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless commands end to end, as a user runs them. */
class CommandsTest {
    static final String GOLDEN = "src/test/resources/golden/tabletop";

    /** Runs a command; returns its exit status and keeps what it wrote to stderr. */
    static int run(StringWriter err, String... args) {
        return Main.execute(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    static int run(String... args) {
        return run(new StringWriter(), args);
    }

    static double relativeL1(float[] a, float[] b) {
        double num = 0, den = 0;
        for (int k = 0; k < b.length; k++) {
            num += Math.abs(a[k] - b[k]);
            den += Math.abs(b[k]);
        }
        return num / den;
    }

    @Test
    void accumulateIsBitIdenticalWithOneAndAllThreads(@TempDir Path tmp) throws Exception {
        for (String threads : new String[] {"1", "0"}) {
            assertThat(
                            run(
                                    "accumulate",
                                    "--scene",
                                    GOLDEN + "/point_cloud.ply",
                                    "--cameras",
                                    GOLDEN + "/cameras.json",
                                    "--masks",
                                    GOLDEN + "/masks",
                                    "--backend",
                                    "cpu",
                                    "--threads",
                                    threads,
                                    "--quiet",
                                    "--out",
                                    tmp.resolve("t" + threads).toString()))
                    .isZero();
        }
        byte[] one = Files.readAllBytes(tmp.resolve("t1/contributions.npy"));
        byte[] all = Files.readAllBytes(tmp.resolve("t0/contributions.npy"));
        assertThat(all).isEqualTo(one);
        float[] ref = Npy.read(Path.of(GOLDEN, "contributions_reference.npy")).floats();
        assertThat(relativeL1(Npy.read(tmp.resolve("t1/contributions.npy")).floats(), ref))
                .isLessThan(1e-4);
        Map<?, ?> info =
                Json.MAPPER.readValue(tmp.resolve("t1/accumulate.json").toFile(), Map.class);
        assertThat((java.util.List<?>) info.get("views_used")).hasSize(6);
        assertThat(info.get("backend").toString()).startsWith("CPU");
    }

    @Test
    void shardsMergeToTheWholeCapture(@TempDir Path tmp) throws Exception {
        String[] common = {
            "--scene", GOLDEN, "--masks", GOLDEN + "/masks", "--backend", "cpu", "--quiet"
        };
        run(
                concat(
                        new String[] {
                            "accumulate", "--views", "0-2", "--out", tmp.resolve("a").toString()
                        },
                        common));
        run(
                concat(
                        new String[] {
                            "accumulate", "--views", "3-5", "--out", tmp.resolve("b").toString()
                        },
                        common));
        assertThat(
                        run(
                                "merge",
                                tmp.resolve("a/contributions.npy").toString(),
                                tmp.resolve("b/contributions.npy").toString(),
                                "--out",
                                tmp.resolve("m").toString()))
                .isZero();
        float[] ref = Npy.read(Path.of(GOLDEN, "contributions_reference.npy")).floats();
        assertThat(relativeL1(Npy.read(tmp.resolve("m/contributions.npy")).floats(), ref))
                .isLessThan(1e-4);
    }

    @Test
    void segmentOnTheSampleRecoversTheObjects(@TempDir Path tmp) throws Exception {
        assertThat(run("segment", "--backend", "cpu", "--quiet", "--out", tmp.toString())).isZero();
        Map<?, ?> summary = Json.MAPPER.readValue(tmp.resolve("summary.json").toFile(), Map.class);
        Map<?, ?> gt = (Map<?, ?>) summary.get("ground_truth");
        double objectIoU = ((Number) gt.get("mean_object_iou")).doubleValue();
        double heldOut = ((Number) gt.get("held_out_mean_iou")).doubleValue();
        System.out.printf(
                "sample: mean object IoU %.3f, held-out view mask IoU %.3f%n", objectIoU, heldOut);
        assertThat(objectIoU).isGreaterThan(0.9);
        assertThat(heldOut).isGreaterThan(0.9);
        Npy.Array seg = Npy.read(tmp.resolve("segments.npy"));
        assertThat(seg.shape()).containsExactly(4, 16000);
        Npy.Array labels = Npy.read(tmp.resolve("labels.npy"));
        assertThat(labels.dtype()).isEqualTo("int32");

        // export object 2 alone, then the scene without it: the two add up to the whole scene
        Path segments = tmp.resolve("segments.npy");
        assertThat(
                        run(
                                "export",
                                "--scene",
                                "samples/tabletop",
                                "--segments",
                                segments.toString(),
                                "--objects",
                                "2",
                                "--out",
                                tmp.resolve("obj").toString()))
                .isZero();
        assertThat(
                        run(
                                "export",
                                "--scene",
                                "samples/tabletop",
                                "--segments",
                                segments.toString(),
                                "--objects",
                                "2",
                                "--remove",
                                "--out",
                                tmp.resolve("rest").toString()))
                .isZero();
        GaussianScene object = PlyReader.readScene(tmp.resolve("obj/object_2.ply"));
        GaussianScene rest = PlyReader.readScene(tmp.resolve("rest/scene_without_2.ply"));
        assertThat(object.count() + rest.count()).isEqualTo(16000);
        assertThat(object.table().names()).isEqualTo(rest.table().names());

        assertThat(
                        run(
                                "render-masks",
                                "--segments",
                                segments.toString(),
                                "--backend",
                                "cpu",
                                "--quiet",
                                "--out",
                                tmp.resolve("masks").toString()))
                .isZero();
        try (var files = Files.list(tmp.resolve("masks"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(28);
        }
    }

    @Test
    void aSceneBehindTheCamerasIsAClearError(@TempDir Path tmp) throws Exception {
        // Move every camera 100 units forward, past the scene: nothing lies in front of them any
        // more.
        Path cams = tmp.resolve("cameras.json");
        String json = Files.readString(Path.of(GOLDEN, "cameras.json"));
        var list = Json.MAPPER.readTree(json);
        for (var c : list) {
            var pos = (com.fasterxml.jackson.databind.node.ArrayNode) c.get("position");
            var rot = c.get("rotation");
            for (int k = 0; k < 3; k++)
                pos.set(k, pos.get(k).asDouble() + 100 * rot.get(k).get(2).asDouble());
        }
        Files.writeString(cams, list.toString());
        StringWriter err = new StringWriter();
        int code =
                run(
                        err,
                        "accumulate",
                        "--scene",
                        GOLDEN + "/point_cloud.ply",
                        "--cameras",
                        cams.toString(),
                        "--masks",
                        GOLDEN + "/masks",
                        "--out",
                        tmp.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("behind").doesNotContain("Exception").hasLineCount(1);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void varyingLabelCountsAndEmptyViewsAreReported(@TempDir Path tmp) throws Exception {
        Path masks = tmp.resolve("masks");
        Files.createDirectories(masks);
        try (var files = Files.list(Path.of(GOLDEN, "masks"))) {
            for (Path f : files.toList()) Files.copy(f, masks.resolve(f.getFileName()));
        }
        org.flashsplat.mask.MaskPngWriter.write(
                masks.resolve("view_002.png"), org.flashsplat.mask.LabelMask.empty(160, 120));
        assertThat(
                        run(
                                "accumulate",
                                "--scene",
                                GOLDEN,
                                "--masks",
                                masks.toString(),
                                "--quiet",
                                "--out",
                                tmp.resolve("out").toString()))
                .isZero();
        Map<?, ?> info =
                Json.MAPPER.readValue(tmp.resolve("out/accumulate.json").toFile(), Map.class);
        assertThat(info.get("warnings").toString())
                .contains("label count varies between views")
                .contains("all background: view_002");
    }

    @Test
    void aTruncatedMaskIsAnInputErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path masks = tmp.resolve("masks");
        Files.createDirectories(masks);
        try (var files = Files.list(Path.of(GOLDEN, "masks"))) {
            for (Path f : files.toList()) Files.copy(f, masks.resolve(f.getFileName()));
        }
        byte[] png = Files.readAllBytes(masks.resolve("view_003.png"));
        Files.write(masks.resolve("view_003.png"), java.util.Arrays.copyOf(png, 300));
        StringWriter err = new StringWriter();
        int code =
                run(
                        err,
                        "accumulate",
                        "--scene",
                        GOLDEN,
                        "--masks",
                        masks.toString(),
                        "--quiet",
                        "--out",
                        tmp.resolve("out").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("view_003.png")
                .doesNotContain("Exception")
                .hasLineCount(1);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void badOptionsGiveOneLine() {
        StringWriter err = new StringWriter();
        assertThat(
                        run(
                                err,
                                "segment",
                                "--gamma",
                                "3",
                                "--contributions",
                                GOLDEN + "/contributions_reference.npy"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--gamma").hasLineCount(1);
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "accumulate", "--backend", "tpu", "--out", "x")).isEqualTo(2);
        assertThat(err2.toString()).contains("tpu").hasLineCount(1);
    }

    @Test
    void npyFilesLoadInNumpy(@TempDir Path tmp) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                pythonWithNumpy(), "python3 with numpy not installed");
        run(
                "segment",
                "--contributions",
                GOLDEN + "/contributions_reference.npy",
                "--quiet",
                "--out",
                tmp.toString());
        Process p =
                new ProcessBuilder(
                                "python3",
                                "-c",
                                "import numpy as n,sys; d=sys.argv[1];"
                                        + "a=n.load(d+'/segments.npy'); b=n.load(d+'/labels.npy');"
                                        + "print(a.dtype, a.shape, b.dtype, b.shape, int(b.max()))",
                                tmp.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("uint8 (4, 9000) int32 (9000,) 4");
    }

    static boolean pythonWithNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
