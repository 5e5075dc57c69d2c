package org.flashsplat.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The accumulate benchmark on a generated scene: accumulate time, pixel-Gaussian pairs per second
 * per core, the time of one gamma re-assignment and the peak heap. Figures go to
 * docs/PERFORMANCE.md.
 */
@Command(
        name = "bench",
        description = "Benchmark accumulate and gamma re-assignment on a generated scene.")
public final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--preset",
            defaultValue = "bench-1m",
            description =
                    "tabletop, bench-1m, truck-like, or many-labels / 10m (many objects against"
                            + " the same scene grouped into 8).")
    String preset;

    @Option(names = "--views", description = "Use only the first N views (default: all).")
    Integer views;

    @Option(names = "--backend", defaultValue = "auto", description = "auto, cpu or cuda.")
    String backend;

    @Option(
            names = "--repeat",
            defaultValue = "2",
            description = "Accumulate passes; the last is reported.")
    int repeat;

    @Option(
            names = "--contributions",
            paramLabel = "FILE",
            description =
                    "Only time gamma re-assignment on these contributions (.npz or .npy), best of"
                            + " 20.")
    java.nio.file.Path contributions;

    @Option(
            names = "--preview",
            description =
                    "Time the studio's 3D preview instead: frames while orbiting (reduced, under"
                            + " the moving budget) and full frames at rest.")
    boolean preview;

    @Option(
            names = "--gaussians",
            paramLabel = "N",
            description = "Generate the preset with N Gaussians instead of its own count.")
    Integer gaussians;

    @Option(
            names = "--sh-degree",
            paramLabel = "D",
            description = "Generate the preset's colours with SH degree D (0-3).")
    Integer shDegree;

    @Option(
            names = "--size",
            defaultValue = "640x480",
            description = "Preview size for --preview (default ${DEFAULT-VALUE}).")
    String size;

    @Option(
            names = "--frames",
            defaultValue = "40,8",
            description = "Moving and at-rest frames for --preview (default ${DEFAULT-VALUE}).")
    String frames;

    @Option(
            names = "--moving-budget",
            paramLabel = "N",
            description =
                    "Gaussians drawn while moving, for --preview (default: the studio's,"
                            + " ${DEFAULT-VALUE}).")
    int movingBudget = org.flashsplat.studio.preview.PreviewFrames.MOVING_GAUSSIANS;

    @Option(
            names = "--pictures",
            paramLabel = "DIR",
            description = "With --preview: write the last moving and at-rest frames there as PNG.")
    java.nio.file.Path pictures;

    @Override
    public Integer call() {
        if (contributions != null) {
            ContributionTable t = org.flashsplat.lift.ContributionFiles.read(contributions);
            double[] ms = assignMillis(t);
            System.out.printf(
                    Locale.ROOT,
                    "gamma re-assignment (%,d Gaussians x %d labels, %,d non-zero), 20 runs: best"
                            + " %.2f ms, median %.2f ms wall, best %.2f ms CPU; prepare once %.0f"
                            + " ms%n",
                    t.count(),
                    t.labels(),
                    t.nonZero(),
                    ms[0],
                    ms[2],
                    ms[1],
                    ms[3]);
            return 0;
        }
        SceneSpec spec;
        try {
            spec = SceneSpec.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new org.flashsplat.core.InputException(null, "--preset", e.getMessage());
        }
        spec = resized(spec);
        if (preview) return preview(spec);
        if (spec.objects() > org.flashsplat.sample.SampleMasks.GROUPS)
            return ScaleBench.run(spec, views, backend, repeat);
        long t0 = System.nanoTime();
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        List<Camera> cams = g.cameras();
        if (views != null) cams = cams.subList(0, Math.min(views, cams.size()));
        LabelMask[] masks = new LabelMask[cams.size()];
        for (int v = 0; v < cams.size(); v++) masks[v] = SampleMasks.discs(g, cams.get(v));
        System.out.printf(
                Locale.ROOT,
                "scene %s: %,d Gaussians, %d views of %dx%d, %d labels (generated in %.1f s)%n",
                spec.name(),
                g.scene().count(),
                cams.size(),
                spec.width(),
                spec.height(),
                spec.objects() + 1,
                (System.nanoTime() - t0) / 1e9);
        int cores = Runtime.getRuntime().availableProcessors();
        Contributions a = null;
        AccumulateStats st = null;
        double seconds = 0, cpuSeconds = 0;
        try (Renderer r =
                Renderers.open(
                        Renderers.Backend.parse(backend), new ConsoleProgress(System.out, false))) {
            for (int rep = 0; rep < repeat; rep++) {
                a = new Contributions(spec.objects() + 1, g.scene().count());
                long s = System.nanoTime(), c = processCpuNanos();
                st = r.accumulate(g.scene(), cams, v -> masks[v], a, Progress.NONE);
                seconds = (System.nanoTime() - s) / 1e9;
                cpuSeconds = (processCpuNanos() - c) / 1e9;
            }
            System.out.printf(Locale.ROOT, "backend: %s%n", r.description());
        }
        ContributionTable table = a.table();
        double best = bestAssignMillis(table);
        long pixels = st.pixels();
        System.out.printf(
                Locale.ROOT,
                "accumulate: %.2f s (median view %.1f ms; %.2f CPU s, %.2f cores busy)%n",
                seconds,
                st.medianViewMillis(),
                cpuSeconds,
                cpuSeconds / seconds);
        System.out.println(startUp(st, seconds));
        System.out.printf(
                Locale.ROOT,
                "pairs walked in the tile lists: %,d = %.1f Gaussians per pixel; "
                        + "%.1f M pairs/s per core%n",
                st.walkedPairs(),
                (double) st.walkedPairs() / pixels,
                st.walkedPairs() / seconds / cores / 1e6);
        System.out.printf(
                Locale.ROOT,
                "pairs evaluated after culling: %,d (%.1f M/s per core); blended: %,d "
                        + "(%.1f M/s per core)%n",
                st.evaluatedPairs(),
                st.evaluatedPairs() / seconds / cores / 1e6,
                st.blendedPairs(),
                st.blendedPairs() / seconds / cores / 1e6);
        System.out.printf(
                Locale.ROOT,
                "gamma re-assignment (%,d Gaussians x %d labels, prepared once): %.2f ms (best of 20)%n",
                a.count(),
                a.labels(),
                best);
        System.out.printf(Locale.ROOT, "peak heap: %.0f MB; %d cores%n", peakHeap() / 1e6, cores);
        System.out.printf(
                Locale.ROOT,
                "gamma re-assignment, worst case (same size, half the entries non-zero at"
                        + " random): %.2f ms (best of 20)%n",
                bestAssignMillis(
                        ContributionTable.ofDense(
                                a.labels(), a.count(), denseNoise(a.labels(), a.count()))));
        return 0;
    }

    private SceneSpec resized(SceneSpec s) {
        if (gaussians != null && gaussians < 1)
            throw new org.flashsplat.core.InputException(null, "--gaussians", "must be at least 1");
        if (shDegree != null && (shDegree < 0 || shDegree > 3))
            throw new org.flashsplat.core.InputException(null, "--sh-degree", "must be 0 to 3");
        if (gaussians == null && shDegree == null) return s;
        int n = gaussians == null ? s.gaussians() : gaussians;
        int d = shDegree == null ? s.shDegree() : shDegree;
        return new SceneSpec(
                s.name() + (gaussians == null ? "" : "@" + n) + (shDegree == null ? "" : "-sh" + d),
                n,
                s.objects(),
                s.objectShare(),
                s.radiusMin(),
                s.radiusMax(),
                s.centreSpread(),
                s.floorSize(),
                s.scaleMin(),
                s.scaleMax(),
                s.opacityMin(),
                s.opacityMax(),
                d,
                s.cameras(),
                s.width(),
                s.height(),
                s.fovXDegrees(),
                s.orbitRadius(),
                s.cameraY(),
                s.cameraYJitter(),
                s.seed());
    }

    private int preview(SceneSpec spec) {
        int[] wh = pair(size, "x", "--size");
        int[] mr = pair(frames, ",", "--frames");
        try (Renderer r =
                Renderers.open(
                        Renderers.Backend.parse(backend), new ConsoleProgress(System.out, false))) {
            return PreviewBench.run(spec, r, wh[0], wh[1], mr[0], mr[1], movingBudget, pictures);
        }
    }

    /**
     * Where start-up shows: the first views (the JIT still compiling, new memory) against the
     * median, and the pass's time outside its views (scene constants, renumbering the sums).
     */
    static String startUp(AccumulateStats st, double seconds) {
        double[] views = st.viewMillis();
        StringBuilder first = new StringBuilder();
        double sum = 0;
        for (int v = 0; v < views.length; v++) {
            sum += views[v];
            if (v < 4) first.append(String.format(Locale.ROOT, " %.0f", views[v]));
        }
        return String.format(
                Locale.ROOT,
                "start-up: first views%s ms (median %.0f); outside the views %.2f s",
                first,
                st.medianViewMillis(),
                seconds - sum / 1e3);
    }

    private static int[] pair(String text, String sep, String option) {
        String[] p = text.split(java.util.regex.Pattern.quote(sep));
        try {
            if (p.length == 2) {
                int a = Integer.parseInt(p[0].trim()), b = Integer.parseInt(p[1].trim());
                if (a > 0 && b > 0) return new int[] {a, b};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.flashsplat.core.InputException(
                null, option, "expected two positive numbers separated by '" + sep + "'");
    }

    /** Gammas alternate so that every run changes memberships. */
    static double bestAssignMillis(ContributionTable a) {
        return assignMillis(a)[0];
    }

    /**
     * Best wall time, best process CPU time and median wall time of 20 re-assignments (after 10
     * untimed ones), and the time of the one prepare before them, in milliseconds. On a loaded
     * machine the CPU time is the steadier figure: wall time then includes waiting for a core.
     */
    static double[] assignMillis(ContributionTable a) {
        long p0 = System.nanoTime();
        Assigner.Prepared prepared = Assigner.prepare(a);
        double prepare = (System.nanoTime() - p0) / 1e6;
        // Untimed passes first: the figure is the steady state a user moving the slider gets, not
        // the JIT's first compilations.
        for (int rep = 0; rep < 10; rep++)
            prepared.assign(AssignmentParams.of(rep % 2 == 0 ? 0.1 : -0.1));
        double best = Double.POSITIVE_INFINITY, bestCpu = Double.POSITIVE_INFINITY;
        double[] wall = new double[20];
        for (int rep = 0; rep < 20; rep++) {
            long s = System.nanoTime(), c = processCpuNanos();
            prepared.assign(AssignmentParams.of(rep % 2 == 0 ? 0.1 : -0.1));
            wall[rep] = (System.nanoTime() - s) / 1e6;
            best = Math.min(best, wall[rep]);
            bestCpu = Math.min(bestCpu, (processCpuNanos() - c) / 1e6);
        }
        java.util.Arrays.sort(wall);
        return new double[] {best, bestCpu, (wall[9] + wall[10]) / 2, prepare};
    }

    /**
     * Contributions with no structure: real scenes leave most object rows zero, which the assigner
     * skips, so this shows what a scene without that gets.
     */
    private static float[] denseNoise(int labels, int count) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = new float[labels * count];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextBoolean() ? 0 : (float) rnd.nextDouble();
        return a;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        return peak;
    }
}
