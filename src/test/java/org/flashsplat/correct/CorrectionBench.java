package org.flashsplat.correct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.SceneInputs;

/**
 * Timings of the correction loop for docs/PERFORMANCE.md (a main, not a test: timings on a shared
 * machine are no pass/fail criterion). Run from the project root:
 *
 * <pre>
 * java -Xmx8g -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     org.flashsplat.correct.CorrectionBench [tabletop] [1m]
 * </pre>
 */
public final class CorrectionBench {
    private CorrectionBench() {}

    public static void main(String[] args) throws Exception {
        List<String> what = args.length == 0 ? List.of("tabletop", "1m") : List.of(args);
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("CPU renderer, %d threads%n", threads);
        if (what.contains("tabletop")) tabletop(threads);
        if (what.contains("1m")) million(threads);
    }

    /** Brush strokes on the bundled sample: end of stroke to updated segments. */
    static void tabletop(int threads) throws Exception {
        SceneInputs in = SceneInputs.resolve(Path.of("samples/tabletop"), null);
        GaussianScene scene = in.loadScene();
        List<Camera> cams = in.loadCameras().cameras();
        MaskSet set = MaskSet.open(Path.of("samples/tabletop/masks"), cams);
        List<LabelMask> masks = new ArrayList<>(set.loadAll(cams, Progress.NONE));
        try (CpuRenderer r = new CpuRenderer(threads)) {
            long t0 = System.nanoTime();
            CorrectionSession s =
                    CorrectionSession.accumulate(
                            r, scene, cams, masks, AssignmentParams.defaults(), Progress.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "tabletop: %,d Gaussians, %d views of %dx%d; full lift %.0f ms%n",
                    scene.count(),
                    cams.size(),
                    cams.get(0).width(),
                    cams.get(0).height(),
                    (System.nanoTime() - t0) / 1e6);
            SplittableRandom rnd = new SplittableRandom(1);
            List<Integer> withMask = new ArrayList<>();
            for (int v = 0; v < cams.size(); v++) if (masks.get(v) != null) withMask.add(v);
            List<double[]> first = new ArrayList<>(), next = new ArrayList<>();
            List<Double> check = new ArrayList<>();
            for (int round = 0; round < 3 * withMask.size(); round++) {
                int v = withMask.get(round / 3 % withMask.size());
                MaskEdit e = Strokes.stroke(v, s.mask(v), rnd.nextInt(5), 6, 12, rnd);
                CorrectionSession.Update u = s.apply(e);
                double[] t = {
                    u.totalMillis(),
                    u.renderMillis(),
                    u.foldMillis(),
                    u.assignMillis(),
                    u.changedPixels()
                };
                (round % 3 == 0 ? first : next).add(t);
                long c0 = System.nanoTime();
                s.disagreement(v);
                check.add((System.nanoTime() - c0) / 1e6);
            }
            report("  stroke, first on its view (preprocess)", drop(first));
            report("  stroke, next on the same view (cached)", drop(next));
            double[] c = check.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(
                    Locale.ROOT,
                    "  view's rendered mask + disagreement map: median %.1f ms%n",
                    median(c));
        }
    }

    /** An edit of 5% of a 1080p view of a 1M-Gaussian scene. */
    static void million(int threads) {
        SceneSpec b = SceneSpec.bench1m();
        SceneSpec spec =
                new SceneSpec(
                        "bench-1m-1080p",
                        b.gaussians(),
                        b.objects(),
                        b.objectShare(),
                        b.radiusMin(),
                        b.radiusMax(),
                        b.centreSpread(),
                        b.floorSize(),
                        b.scaleMin(),
                        b.scaleMax(),
                        b.opacityMin(),
                        b.opacityMax(),
                        b.shDegree(),
                        4,
                        1920,
                        1080,
                        b.fovXDegrees(),
                        b.orbitRadius(),
                        b.cameraY(),
                        b.cameraYJitter(),
                        b.seed());
        long g0 = System.nanoTime();
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        List<Camera> cams = g.cameras();
        List<LabelMask> masks = new ArrayList<>();
        for (Camera c : cams) masks.add(SampleMasks.discs(g, c));
        System.out.printf(
                Locale.ROOT,
                "1M: %,d Gaussians, %d views of 1920x1080, %d labels (generated in %.1f s)%n",
                g.scene().count(),
                cams.size(),
                spec.objects() + 1,
                (System.nanoTime() - g0) / 1e9);
        try (CpuRenderer r = new CpuRenderer(threads)) {
            long t0 = System.nanoTime();
            Contributions a = new Contributions(spec.objects() + 1, g.scene().count());
            r.accumulate(g.scene(), cams, masks::get, a, Progress.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "  full lift of the %d views: %.1f s%n",
                    cams.size(),
                    (System.nanoTime() - t0) / 1e9);
            CorrectionSession s =
                    CorrectionSession.of(r, g.scene(), cams, masks, a, AssignmentParams.defaults());
            LabelMask m = s.mask(0);
            MaskEdit blob = Strokes.disc(0, m, 3, 0.05, 0.4 * 1920, 0.55 * 1080);
            MaskEdit scattered = scatter(0, m, 0.05, 4, new SplittableRandom(2));
            for (MaskEdit e : List.of(blob, scattered)) {
                String kind = e == blob ? "compact 5% blob" : "scattered 5%";
                List<double[]> miss = new ArrayList<>(), hit = new ArrayList<>();
                for (int rep = 0; rep < 4; rep++) {
                    // another view in between empties the cache: the first edit of a view
                    s.apply(Strokes.stroke(1, s.mask(1), 1, 4, 1, new SplittableRandom(rep)));
                    miss.add(times(s.apply(e)));
                    hit.add(times(s.apply(e.inverse())));
                }
                report("  " + kind + " (" + e.size() + " px), first edit of the view", drop(miss));
                report("  " + kind + ", next edit of the same view", drop(hit));
            }
            long a0 = System.nanoTime();
            s.setParams(AssignmentParams.of(0.1));
            System.out.printf(
                    Locale.ROOT,
                    "  re-assignment alone: %.1f ms%n",
                    (System.nanoTime() - a0) / 1e6);
            long c0 = System.nanoTime();
            s.disagreement(0);
            System.out.printf(
                    Locale.ROOT,
                    "  view's rendered mask + disagreement map: %.0f ms%n",
                    (System.nanoTime() - c0) / 1e6);
        }
    }

    /** {@code share} of the view's pixels at random, labelled {@code label}. */
    static MaskEdit scatter(int view, LabelMask m, double share, int label, SplittableRandom rnd) {
        int[] to = m.labels().clone();
        for (int p = 0; p < to.length; p++) if (rnd.nextDouble() < share) to[p] = label;
        return MaskEdit.between("scatter", view, m.labels(), to);
    }

    static double[] times(CorrectionSession.Update u) {
        return new double[] {
            u.totalMillis(), u.renderMillis(), u.foldMillis(), u.assignMillis(), u.changedPixels()
        };
    }

    /** Drops the first run (JIT warm-up). */
    static List<double[]> drop(List<double[]> runs) {
        return runs.size() > 1 ? runs.subList(1, runs.size()) : runs;
    }

    static void report(String what, List<double[]> runs) {
        double[][] cols = new double[5][runs.size()];
        for (int i = 0; i < runs.size(); i++)
            for (int c = 0; c < 5; c++) cols[c][i] = runs.get(i)[c];
        System.out.printf(
                Locale.ROOT,
                "%s: total median %.1f ms (max %.1f) = re-render %.1f + fold %.1f + assign %.1f; %.0f px changed%n",
                what,
                median(cols[0]),
                Arrays.stream(cols[0]).max().orElse(0),
                median(cols[1]),
                median(cols[2]),
                median(cols[3]),
                median(cols[4]));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[s.length / 2];
    }
}
