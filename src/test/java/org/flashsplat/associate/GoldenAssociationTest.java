package org.flashsplat.associate;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.cli.Main;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.AccumulateJob;
import org.flashsplat.lift.ViewSelection;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden tabletop's SAM masks (IDs shuffled per view, made from the noisy masks/): the command
 * recovers the true association up to renaming, and accumulating its output reproduces the
 * reference contributions after permuting the rows.
 */
class GoldenAssociationTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");

    @TempDir Path out;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int s = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
        return new Run(s, o.toString(), e.toString());
    }

    @Test
    void recoversTheTrueAssociationAndTheReferenceContributions() throws Exception {
        Run r =
                run(
                        "associate",
                        "--scene",
                        DIR.resolve("point_cloud.ply").toString(),
                        "--cameras",
                        DIR.resolve("cameras.json").toString(),
                        "--masks",
                        DIR.resolve("masks_sam_rle").toString(),
                        "--backend",
                        "cpu",
                        "--quiet",
                        "--out",
                        out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        List<Camera> cams = CameraReader.read(DIR.resolve("cameras.json")).cameras();
        for (Camera c : cams) assertThat(out.resolve(c.name() + ".png")).exists();
        assertThat(out.resolve("association.json")).exists();

        // One renaming for all views, and a bijection: exact recovery.
        MaskSet ours = MaskSet.open(out, cams), truth = MaskSet.open(DIR.resolve("masks"), cams);
        Map<Integer, Integer> rename = new HashMap<>();
        for (Camera c : cams) {
            LabelMask a = ours.load(c), b = truth.load(c);
            for (int p = 0; p < a.labels().length; p++) {
                Integer prev = rename.putIfAbsent(a.labels()[p], b.labels()[p]);
                assertThat(prev == null ? b.labels()[p] : prev)
                        .as("view %s pixel %d", c.name(), p)
                        .isEqualTo(b.labels()[p]);
            }
        }
        assertThat(rename).hasSize(5);
        assertThat(rename.values()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(rename.get(0)).isZero();

        GaussianScene scene = PlyReader.readScene(DIR.resolve("point_cloud.ply"));
        try (CpuRenderer renderer = new CpuRenderer()) {
            AccumulateJob.Result acc =
                    AccumulateJob.run(
                            scene, cams, ours, ViewSelection.all(), renderer, Progress.NONE);
            float[] a = Dense.floats(acc.table());
            Npy.Array ref = Npy.read(DIR.resolve("contributions_reference.npy"));
            int n = ref.shape()[1];
            float[] permuted = new float[ref.floats().length];
            for (var e : rename.entrySet())
                System.arraycopy(a, e.getKey() * n, permuted, e.getValue() * n, n);
            double num = 0, den = 0;
            for (int k = 0; k < permuted.length; k++) {
                num += Math.abs(permuted[k] - ref.floats()[k]);
                den += Math.abs(ref.floats()[k]);
            }
            System.out.printf("golden association: relative L1 after renaming %.3g%n", num / den);
            assertThat(num / den).isLessThan(1e-4);
        }
        AssociationTable t = AssociationJson.read(out.resolve("association.json"));
        assertThat(t.instances()).hasSize(4);
        assertThat(t.allMasks()).hasSize(24).allMatch(m -> m.instance() > 0);
        System.out.printf(
                "golden association: lowest confidence %.3f%n",
                t.allMasks().stream().mapToDouble(MaskAssignment::confidence).min().orElse(0));
    }

    @Test
    void badInputIsOneLineAndStatusTwo() throws Exception {
        Run missing =
                run(
                        "associate",
                        "--scene",
                        DIR.resolve("point_cloud.ply").toString(),
                        "--cameras",
                        DIR.resolve("cameras.json").toString(),
                        "--masks",
                        out.resolve("nothing").toString(),
                        "--out",
                        out.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().strip())
                .contains("mask folder does not exist")
                .doesNotContain("\n");

        Run area =
                run(
                        "associate",
                        "--scene",
                        DIR.resolve("point_cloud.ply").toString(),
                        "--masks",
                        DIR.resolve("masks_sam_rle").toString(),
                        "--min-area",
                        "0",
                        "--out",
                        out.toString());
        assertThat(area.status()).isEqualTo(2);
        assertThat(area.err()).contains("--min-area");

        Path bad = Files.createDirectories(out.resolve("bad"));
        Files.writeString(bad.resolve("view_000.json"), "[{\"segmentation\": 3}]");
        Run json =
                run(
                        "associate",
                        "--scene",
                        DIR.resolve("point_cloud.ply").toString(),
                        "--cameras",
                        DIR.resolve("cameras.json").toString(),
                        "--masks",
                        bad.toString(),
                        "--out",
                        out.resolve("o").toString());
        assertThat(json.status()).isEqualTo(2);
        assertThat(json.err().strip()).contains("view_000.json").doesNotContain("\n");
    }
}
