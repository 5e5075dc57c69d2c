package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SampleWriter;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of labels, as SAM gives: the sparse contributions stay exact (grouped sums, threads,
 * view order, add and subtract, shards) and cost memory by what is used.
 */
class ManyLabelsTest {
    /** The many-labels benchmark scene, small: 250 objects, 6 views. */
    static final SceneSpec SPEC =
            new SceneSpec(
                    "many-labels-small", 40_000, 250, 0.6, 0.05, 0.1, 1.6, 5, 0.004, 0.02, 0.1,
                    0.99, 0, 6, 320, 180, 60, 4.0, -1.6, 0, 20261202L);

    static SceneGenerator.Generated g;
    static LabelMask[] many, grouped;

    @BeforeAll
    static void generate() {
        g = SceneGenerator.generate(SPEC);
        many = new LabelMask[SPEC.cameras()];
        grouped = new LabelMask[SPEC.cameras()];
        for (int v = 0; v < SPEC.cameras(); v++) {
            many[v] = SampleMasks.discs(g, g.cameras().get(v));
            grouped[v] = SampleMasks.grouped(many[v]);
        }
    }

    static ContributionTable accumulate(int threads, List<Camera> cams, List<LabelMask> masks, int labels) {
        Contributions c = new Contributions(labels, g.scene().count());
        try (CpuRenderer r = new CpuRenderer(threads)) {
            r.accumulate(g.scene(), cams, masks::get, c, Progress.NONE);
        }
        return c.table();
    }

    @Test
    void manyLabelsSummedIntoGroupsEqualTheGroupedPassBitForBit() {
        List<Camera> cams = g.cameras();
        ContributionTable m = accumulate(2, cams, List.of(many), 251);
        ContributionTable f = accumulate(2, cams, List.of(grouped), 9);
        assertThat(m.nonZero()).isGreaterThan(f.nonZero());
        assertThat(ScaleBench.groupSums(m).sameAs(f)).isTrue();
        // and the objects seen are many: the test is not about an empty scene
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int l : m.label()) seen.add(l);
        assertThat(seen.size()).isGreaterThan(150);
    }

    @Test
    void bitIdenticalForAnyThreadCountAndViewOrder() {
        List<Camera> cams = g.cameras();
        ContributionTable one = accumulate(1, cams, List.of(many), 251);
        ContributionTable two = accumulate(2, cams, List.of(many), 251);
        List<Camera> rc = new ArrayList<>(cams);
        List<LabelMask> rm = new ArrayList<>(List.of(many));
        java.util.Collections.reverse(rc);
        java.util.Collections.reverse(rm);
        ContributionTable reversed = accumulate(2, rc, rm, 251);
        assertThat(two.sameAs(one)).isTrue();
        assertThat(reversed.sameAs(one)).isTrue();
    }

    @Test
    void viewsAddedAndSubtractedLeaveExactlyNothing() {
        List<Camera> cams = g.cameras();
        int n = g.scene().count();
        Contributions all = new Contributions(251, n), first = new Contributions(251, n);
        try (CpuRenderer r = new CpuRenderer(2)) {
            r.accumulate(g.scene(), cams, v -> many[v], all, Progress.NONE);
            r.accumulate(g.scene(), cams.subList(0, 3), v -> many[v], first, Progress.NONE);
        }
        all.subtract(first);
        ContributionTable rest = accumulate(2, cams.subList(3, 6), List.of(many).subList(3, 6), 251);
        assertThat(all.table().sameAs(rest)).isTrue();
        all.subtract(rest.toContributions(251));
        assertThat(all.table().nonZero()).isZero();
    }

    @Test
    void sparseIdsCostWhatIsUsedNotTheLargestId() {
        // Labels 1, 7 and 4000 only: rows up to 4000 exist but hold nothing.
        int[] ids = {1, 7, 4000};
        List<LabelMask> masks = new ArrayList<>();
        for (LabelMask m : grouped) {
            int[] l = m.labels().clone();
            for (int p = 0; p < l.length; p++) if (l[p] > 0) l[p] = ids[l[p] % 3];
            masks.add(new LabelMask(m.width(), m.height(), l));
        }
        int n = g.scene().count();
        Contributions c = new Contributions(4001, n);
        try (CpuRenderer r = new CpuRenderer(2)) {
            r.accumulate(g.scene(), g.cameras(), masks::get, c, Progress.NONE);
        }
        assertThat(c.bytes()).isLessThan(64L * n + (1 << 20)); // dense would be 4001 * 8 * n
        Segmentation s = Assigner.assign(c.table(), AssignmentParams.defaults());
        assertThat(s.objects()).isEqualTo(4000);
        int[] counts = s.stats().objectCounts();
        assertThat(counts[0]).isPositive();
        assertThat(counts[6]).isPositive();
        assertThat(counts[3999]).isPositive();
        assertThat(counts[1]).isZero();
    }

    @Test
    void aGaussianSeenUnderManyLabelsKeepsEveryOne() throws Exception {
        Contributions c = new Contributions(300, 10);
        Thread[] t = new Thread[4];
        for (int w = 0; w < t.length; w++) {
            int from = w;
            t[w] = new Thread(() -> {
                for (int l = from; l < 300; l += 4)
                    for (int rep = 0; rep < 3; rep++) c.addAtomic(l, 5, l + 1);
            });
            t[w].start();
        }
        for (Thread x : t) x.join();
        ContributionTable table = c.table();
        assertThat(table.nonZero()).isEqualTo(300);
        for (int l = 0; l < 300; l++) assertThat(c.fixed(l, 5)).isEqualTo(3L * (l + 1));
        assertThat(table.label()).isSorted();
    }

    @Test
    void exactShardsMergeToTheBytesOfOneRun(@TempDir Path tmp) throws Exception {
        try (CpuRenderer r = new CpuRenderer(2)) {
            SampleWriter.write(g, tmp.resolve("scene"), r, Progress.NONE);
        }
        String scene = tmp.resolve("scene").toString();
        String[] common = {
            "--scene", scene + "/point_cloud.ply", "--cameras", scene + "/cameras.json",
            "--masks", scene + "/masks", "--backend", "cpu", "--quiet"
        };
        assertThat(CommandsTest.run(concat(common, "accumulate", "--out", tmp.resolve("one").toString()))).isZero();
        String[] ranges = {"0-1", "2-3", "4-5"};
        List<String> merge = new ArrayList<>(List.of("merge"));
        for (int k = 0; k < 3; k++) {
            Path out = tmp.resolve("shards/" + k);
            assertThat(CommandsTest.run(concat(common, "accumulate", "--views", ranges[k], "--exact", "--out", out.toString()))).isZero();
            merge.add(out.resolve(ContributionFiles.EXACT).toString());
        }
        merge.add("--out");
        merge.add(tmp.resolve("merged").toString());
        assertThat(CommandsTest.run(merge.toArray(String[]::new))).isZero();
        for (String f : new String[] {ContributionFiles.SPARSE, ContributionFiles.DENSE}) {
            assertThat(Files.readAllBytes(tmp.resolve("merged").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("one").resolve(f)));
        }
        // and segment reads the sparse file
        assertThat(CommandsTest.run("segment", "--contributions", tmp.resolve("merged/contributions.npz").toString(), "--quiet", "--out", tmp.resolve("seg").toString())).isZero();
        assertThat(tmp.resolve("seg/segments.npz")).exists();
    }

    private static String[] concat(String[] common, String... head) {
        String[] out = new String[head.length + common.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(common, 0, out, head.length, common.length);
        return out;
    }
}
