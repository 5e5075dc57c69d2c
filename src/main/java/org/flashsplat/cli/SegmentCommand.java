package org.flashsplat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flashsplat.camera.Camera;
import org.flashsplat.cleanup.CleanedObjects;
import org.flashsplat.cleanup.FloaterFilter;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Json;
import org.flashsplat.core.Npy;
import org.flashsplat.core.OutputFolder;
import org.flashsplat.lift.AccumulateJob;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.lift.Evaluation;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.lift.OverlapStats;
import org.flashsplat.lift.SegmentFiles;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.Samples;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.GaussianScene;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Objects from contributions: the gamma-biased assignment, the exclusive labels and the overlap
 * statistics.
 */
@Command(
        name = "segment",
        description =
                "Assign Gaussians to objects (writes segments.npz, segments.npy when small,"
                        + " labels.npy, summary.json). Without inputs it runs on the bundled"
                        + " sample.")
public final class SegmentCommand implements Callable<Integer> {
    @Mixin RunOptions options;

    @Mixin SceneOptions scene;

    @Option(
            names = "--masks",
            paramLabel = "DIR",
            description = "Folder of masks (default with the sample: its masks).")
    Path masks;

    @Option(
            names = "--contributions",
            paramLabel = "FILE",
            description =
                    "Use these (contributions.npz, -exact.npz or .npy) instead of accumulating.")
    Path contributions;

    @Option(
            names = "--views",
            paramLabel = "RANGES",
            description = "View indices, e.g. 0-99,120 (default: all).")
    String views;

    @Option(
            names = "--gamma",
            defaultValue = "0",
            description = "Background bias in [-1, 1] (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(
            names = "--gamma-for",
            paramLabel = "K=G",
            description = "Gamma for object K alone (repeatable).")
    Map<Integer, Double> gammaFor = new LinkedHashMap<>();

    @Option(
            names = "--norm",
            defaultValue = "l1",
            description = "l1 (default) or l2 (as the original code).")
    String norm;

    @Option(
            names = "--tau",
            defaultValue = "0.5",
            description = "Novel-view threshold for the held-out check.")
    double tau;

    @Option(
            names = "--clean",
            arity = "0..1",
            fallbackValue = "" + FloaterFilter.DEFAULT_STRENGTH,
            paramLabel = "STRENGTH",
            description =
                    "Remove each object's floaters from segments.npy; strength in (0, 1], "
                            + "default when given without a value: ${FALLBACK-VALUE}.")
    Double clean;

    @Option(
            names = "--out",
            defaultValue = "flashsplat-out",
            paramLabel = "DIR",
            description = "Output folder " + "(default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OutputFolder folder = OutputFolder.open(out)) {
            int status = run(folder.staging());
            folder.commit();
            return status;
        }
    }

    /**
     * The run itself, writing into {@code out}: the staging folder, moved into place by {@link
     * OutputFolder#commit} (the parameter shadows the option on purpose).
     */
    private int run(Path out) throws Exception {
        if (!(tau > 0 && tau < 1)) throw new InputException(null, "--tau", "must lie in (0, 1)");
        ConsoleProgress progress = options.progress();
        AssignmentParams params = params();
        long t0 = System.nanoTime();
        ContributionTable a;
        AccumulateJob.Result acc = null;
        SceneOptions.Loaded loaded = null;
        if (contributions != null) {
            a = ContributionFiles.read(contributions);
        } else {
            loaded = scene.load(progress);
            acc = AccumulateCommand.run(loaded, masks, views, options.backend, 0, progress);
            AccumulateCommand.write(out, acc, false, false);
            a = acc.table();
        }
        int count = a.count();
        long t1 = System.nanoTime();
        Segmentation seg = Assigner.assign(a, params);
        double assignMillis = (System.nanoTime() - t1) / 1e6;
        Map<String, Object> summary = summary(seg, acc, assignMillis);
        if (loaded != null && loaded.sample()) summary.put("ground_truth", evaluate(seg, loaded));
        SegmentFiles.write(out, clean == null ? seg.memberships() : cleaned(seg, loaded, progress));
        Npy.writeInt32(out.resolve("labels.npy"), new int[] {count}, seg.labels());
        Json.write(out.resolve("summary.json"), summary);
        if (!options.quiet) print(seg, summary, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private AssignmentParams params() {
        Normalisation n =
                switch (norm.toLowerCase(Locale.ROOT)) {
                    case "l1" -> Normalisation.L1;
                    case "l2" -> Normalisation.L2;
                    default ->
                            throw new InputException(
                                    null, "--norm", "'" + norm + "' is not l1 or l2");
                };
        try {
            return new AssignmentParams(gamma, gammaFor, n);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, "--gamma", e.getMessage());
        }
    }

    /** Up to this many objects the summary also holds the full K x K matrix of shared counts. */
    static final int SHARED_MATRIX_MAX = 64;

    static Map<String, Object> summary(
            Segmentation seg, AccumulateJob.Result acc, double assignMillis) {
        OverlapStats st = seg.stats();
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gamma", seg.params().gamma());
        p.put("gamma_per_object", seg.params().gammaPerObject());
        p.put("normalisation", seg.params().normalisation().name());
        s.put("parameters", p);
        s.put("gaussians", seg.count());
        s.put("objects", seg.objects());
        s.put("object_counts", st.objectCounts());
        s.put("object_mass", st.objectMass());
        s.put("object_share", st.objectShare());
        int k = seg.objects();
        if (k <= SHARED_MATRIX_MAX) {
            long[][] shared = new long[k][k];
            for (int x = 0; x < k; x++) for (int y = 0; y < k; y++) shared[x][y] = st.shared(x, y);
            s.put("shared_gaussians", shared);
        }
        List<long[]> pairs = new ArrayList<>();
        OverlapStats.Pairs p2 = st.pairs();
        for (int j = 0; j < p2.size(); j++)
            pairs.add(new long[] {p2.first(j) + 1, p2.second(j) + 1, p2.counts()[j]});
        s.put("shared_pairs", pairs);
        s.put("in_any_object", st.inAny());
        s.put("in_two_or_more", st.inTwoOrMore());
        s.put("overlap_share", st.overlapShare());
        s.put("unseen", st.unseen());
        s.put("assign_ms", assignMillis);
        if (acc != null) {
            s.put("backend", acc.backend());
            s.put("views_used", acc.usedViews().size());
            s.put("views_skipped", acc.skippedViews());
            s.put("accumulate_seconds", acc.seconds());
            s.put("warnings", acc.warnings());
        }
        return s;
    }

    /**
     * On the sample: IoU with the true 3D labels, and novel-view masks of the held-out views
     * against the truth.
     */
    /** The memberships with floaters removed; the scene's positions are needed for that. */
    private Memberships cleaned(
            Segmentation seg, SceneOptions.Loaded loaded, ConsoleProgress progress)
            throws java.io.IOException {
        GaussianScene s = loaded != null ? loaded.scene() : scene.load(progress).scene();
        if (s.count() != seg.count())
            throw new InputException(
                    null,
                    "--clean",
                    "the scene has " + s.count() + " Gaussians, the segments " + seg.count());
        CleanedObjects c = CleanedObjects.clean(s, seg.memberships(), clean);
        if (!options.quiet)
            for (int k = 0; k < c.objects(); k++)
                System.out.printf(
                        "object %d: cleanup removed %,d floaters%n", k + 1, c.removedCount(k));
        return c.toMemberships();
    }

    private Map<String, Object> evaluate(Segmentation seg, SceneOptions.Loaded loaded) {
        Path sample = Samples.locate();
        Map<String, Object> gt = new LinkedHashMap<>();
        int[] truth = (int[]) Npy.read(sample.resolve("labels_gt.npy")).data();
        double[] iou = Evaluation.objectIoU(seg.memberships(), truth);
        gt.put("object_iou", iou);
        gt.put("mean_object_iou", Evaluation.mean(iou));
        MaskSet training = MaskSet.open(sample.resolve("masks"), loaded.cameras().cameras());
        Path gtFolder = sample.resolve("masks_gt");
        if (Files.isDirectory(gtFolder)) {
            MaskSet truthMasks = MaskSet.open(gtFolder, loaded.cameras().cameras());
            List<Camera> heldOut = new ArrayList<>();
            List<LabelMask> heldOutTruth = new ArrayList<>();
            for (Camera c : loaded.cameras().cameras()) {
                if (!training.hasMask(c) && truthMasks.hasMask(c)) {
                    heldOut.add(c);
                    heldOutTruth.add(truthMasks.load(c));
                }
            }
            try (Renderer r =
                    Renderers.open(options.backend(), org.flashsplat.core.Progress.NONE)) {
                List<Evaluation.ViewScore> scores =
                        Evaluation.novelViews(
                                r, loaded.scene(), heldOut, heldOutTruth, seg.memberships(), tau);
                Map<String, Double> perView = new LinkedHashMap<>();
                double sum = 0;
                for (Evaluation.ViewScore v : scores) {
                    perView.put(v.view(), v.meanIoU());
                    sum += v.meanIoU();
                }
                gt.put("held_out_views", perView);
                gt.put("held_out_mean_iou", scores.isEmpty() ? Double.NaN : sum / scores.size());
            }
        }
        return gt;
    }

    private static void print(Segmentation seg, Map<String, Object> summary, double seconds) {
        OverlapStats st = seg.stats();
        System.out.printf(
                Locale.ROOT,
                "%d objects from %,d Gaussians (gamma %.2f, %s):%n",
                seg.objects(),
                seg.count(),
                seg.params().gamma(),
                seg.params().normalisation());
        for (int k = 0; k < seg.objects(); k++) {
            System.out.printf(
                    Locale.ROOT,
                    "  object %d: %,d Gaussians, %.1f%% of its contribution%n",
                    k + 1,
                    st.objectCounts()[k],
                    100 * st.objectShare()[k]);
        }
        System.out.printf(
                Locale.ROOT,
                "  in two or more objects: %,d (%.1f%% of assigned); unseen: %,d%n",
                st.inTwoOrMore(),
                100 * st.overlapShare(),
                st.unseen());
        if (summary.get("ground_truth") instanceof Map<?, ?> gt) {
            System.out.printf(
                    Locale.ROOT,
                    "  ground truth: mean object IoU %.3f, held-out view mask IoU %.3f%n",
                    (Double) gt.get("mean_object_iou"),
                    (Double) gt.get("held_out_mean_iou"));
        }
        System.out.printf(Locale.ROOT, "done in %.2f s%n", seconds);
    }
}
