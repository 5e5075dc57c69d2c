package org.flashsplat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;

/**
 * The benchmark of scenes with many objects (the scale issue): the many-label pass against the same
 * geometry with its objects grouped into 8 labels, alternating, in one process; non-zero entries,
 * the memory of the sums, the exact check that the many-label result summed into groups is the
 * grouped result, gamma re-assignment on both, and the process's peak resident memory.
 */
final class ScaleBench {
    private ScaleBench() {}

    static int run(SceneSpec spec, Integer views, String backend, int repeat) {
        long t0 = System.nanoTime();
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        List<Camera> cams = g.cameras();
        if (views != null) cams = cams.subList(0, Math.min(views, cams.size()));
        LabelMask[] many = new LabelMask[cams.size()], grouped = new LabelMask[cams.size()];
        for (int v = 0; v < cams.size(); v++) {
            many[v] = SampleMasks.discs(g, cams.get(v));
            grouped[v] = SampleMasks.grouped(many[v]);
        }
        int n = g.scene().count(), labels = spec.objects() + 1, few = SampleMasks.GROUPS + 1;
        System.out.printf(
                Locale.ROOT,
                "scene %s: %,d Gaussians, %d views of %dx%d, %d labels against %d (generated in"
                        + " %.1f s)%n",
                spec.name(),
                n,
                cams.size(),
                spec.width(),
                spec.height(),
                labels,
                few,
                (System.nanoTime() - t0) / 1e9);
        ContributionTable manyTable = null, fewTable = null;
        double manySeconds = 0, fewSeconds = 0;
        long manyBytes = 0;
        try (Renderer r = Renderers.open(Renderers.Backend.parse(backend), Progress.NONE)) {
            System.out.printf(Locale.ROOT, "backend: %s%n", r.description());
            for (int rep = 0; rep < repeat; rep++) {
                // Alternating, so load from other work on the machine falls on both alike.
                Contributions f = new Contributions(few, n);
                long s = System.nanoTime();
                r.accumulate(g.scene(), cams, v -> grouped[v], f, Progress.NONE);
                fewTable = f.table();
                fewSeconds = (System.nanoTime() - s) / 1e9;
                f = null;
                Contributions m = new Contributions(labels, n);
                s = System.nanoTime();
                r.accumulate(g.scene(), cams, v -> many[v], m, Progress.NONE);
                manyTable = m.table();
                manySeconds = (System.nanoTime() - s) / 1e9;
                manyBytes = m.bytes();
                System.out.printf(
                        Locale.ROOT,
                        "  pass %d: %d labels %.2f s, %d labels %.2f s (ratio %.3f)%n",
                        rep + 1,
                        few,
                        fewSeconds,
                        labels,
                        manySeconds,
                        manySeconds / fewSeconds);
            }
        }
        boolean exact = groupSums(manyTable).sameAs(fewTable);
        System.out.printf(
                Locale.ROOT,
                "accumulate: %d labels %.2f s, %d labels %.2f s: ratio %.3f%n",
                labels,
                manySeconds,
                few,
                fewSeconds,
                manySeconds / fewSeconds);
        System.out.printf(
                Locale.ROOT,
                "non-zero entries: %,d with %d labels (%.2f per Gaussian), %,d with %d; sums held"
                        + " %.0f MB while accumulating, table %.0f MB; dense would be %.0f MB%n",
                manyTable.nonZero(),
                labels,
                (double) manyTable.nonZero() / n,
                fewTable.nonZero(),
                few,
                manyBytes / 1e6,
                manyTable.nonZero() * 16.0 / 1e6 + n * 4.0 / 1e6,
                (double) labels * n * 8 / 1e6);
        System.out.printf(
                Locale.ROOT,
                "%d-label result summed into %d groups equals the %d-label result: %s%n",
                labels,
                SampleMasks.GROUPS,
                few,
                exact ? "yes, bit for bit" : "NO");
        System.out.printf(
                Locale.ROOT,
                "gamma re-assignment (best of 20): %,d x %d labels %.2f ms, %,d x %d labels %.2f"
                        + " ms%n",
                n,
                labels,
                BenchCommand.bestAssignMillis(manyTable),
                n,
                few,
                BenchCommand.bestAssignMillis(fewTable));
        System.out.printf(
                Locale.ROOT,
                "peak resident memory %s; max heap %.1f GB%n",
                peakRss(),
                Runtime.getRuntime().maxMemory() / 1073741824.0);
        return exact ? 0 : 1;
    }

    /** Rows of the many-label table added up by group, in exact fixed point. */
    static ContributionTable groupSums(ContributionTable t) {
        Contributions c = new Contributions(SampleMasks.GROUPS + 1, t.count());
        int[] start = t.start(), label = t.label();
        long[] fixed = t.fixed();
        for (int i = 0; i < t.count(); i++) {
            for (int e = start[i]; e < start[i + 1]; e++) {
                int l = label[e];
                c.addAtomic(l == 0 ? 0 : 1 + (l - 1) % SampleMasks.GROUPS, i, fixed[e]);
            }
        }
        return c.table();
    }

    /** The process's peak resident set (VmHWM), where the system reports it. */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.2f GB", kb / 1048576.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return "unknown";
    }
}
