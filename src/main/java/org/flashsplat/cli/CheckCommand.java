package org.flashsplat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Json;
import org.flashsplat.correct.CorrectionSession;
import org.flashsplat.correct.Disagreement;
import org.flashsplat.correct.ViewDisagreement;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Which masks disagree with the 3D result, worst first: the views a user should fix first. With
 * --propagate-to it also writes the corrected mask set, every mask replaced by the rendered one.
 */
@Command(
        name = "check",
        description =
                "Rank the views by how far their masks are from the masks the 3D result renders,"
                        + " with per-object IoU. Without --segments or --contributions the masks"
                        + " are lifted first (exactly as accumulate + segment would).")
public final class CheckCommand implements Callable<Integer> {
    @Mixin RunOptions options;

    @Mixin SceneOptions scene;

    @Option(names = "--masks", paramLabel = "DIR", description = "Folder of masks to check.")
    Path masks;

    @Option(names = "--segments", paramLabel = "FILE.npy", description = "segments.npy of segment.")
    Path segments;

    @Option(
            names = "--contributions",
            paramLabel = "FILE.npy",
            description = "contributions.npy of accumulate (assigned with --gamma).")
    Path contributions;

    @Option(
            names = "--gamma",
            defaultValue = "0",
            description = "Background bias in [-1, 1] (default: ${DEFAULT-VALUE}).")
    double gamma;

    @Option(
            names = "--tau",
            defaultValue = "0.5",
            description =
                    "Accumulated-weight threshold of rendered masks (default: ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the ranking as JSON.")
    Path json;

    @Option(
            names = "--propagate-to",
            paramLabel = "DIR",
            description =
                    "Write the corrected mask set: each view's mask replaced by the rendered one.")
    Path propagateTo;

    @Option(names = "--top", paramLabel = "N", description = "Print only the N worst views.")
    Integer top;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (segments != null && contributions != null)
            throw new InputException(
                    null, "--segments", "give --segments or --contributions, not both");
        if (!(tau > 0 && tau < 1)) throw new InputException(null, "--tau", "must lie in (0, 1)");
        AssignmentParams params;
        try {
            params = AssignmentParams.of(gamma);
        } catch (IllegalArgumentException e) {
            throw new InputException(null, "--gamma", e.getMessage());
        }
        ConsoleProgress progress = options.progress();
        SceneOptions.Loaded loaded = scene.load(progress);
        List<Camera> cams = loaded.cameras().cameras();
        MaskSet set = SceneOptions.masks(masks, loaded);
        List<LabelMask> input = new ArrayList<>(set.loadAll(cams, progress));
        long t0 = System.nanoTime();
        try (Renderer r = Renderers.open(options.backend(), progress)) {
            Memberships objects = objects(r, loaded, set, input, params, progress);
            List<ViewDisagreement> views = new ArrayList<>();
            progress.begin("check", cams.size());
            for (int v = 0; v < cams.size(); v++) {
                progress.checkCancelled();
                LabelMask m = input.get(v);
                if (m != null) {
                    Camera c = cams.get(v);
                    LabelMask rendered = NovelViewMasks.render(r, loaded.scene(), c, objects, tau);
                    views.add(
                            Disagreement.compare(
                                    v, c.name(), m, rendered, objects.objects(), false));
                    if (propagateTo != null)
                        MaskPngWriter.write(propagateTo.resolve(c.name() + ".png"), rendered);
                }
                progress.advance(1);
            }
            List<ViewDisagreement> ranked = Disagreement.rank(views);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (json != null) Json.write(json, report(ranked, objects.objects(), seconds));
            if (!options.quiet) print(out, ranked, objects.objects(), seconds);
        }
        return 0;
    }

    /**
     * The 3D result to compare with: given segments, given A assigned, or A lifted from the masks.
     */
    private Memberships objects(
            Renderer r,
            SceneOptions.Loaded loaded,
            MaskSet set,
            List<LabelMask> input,
            AssignmentParams params,
            ConsoleProgress progress) {
        int n = loaded.scene().count();
        if (segments != null) return SegmentsFile.read(segments, n);
        if (contributions != null) {
            ContributionTable a = ContributionFiles.read(contributions);
            if (a.count() != n)
                throw new InputException(
                        contributions,
                        "shape",
                        "contributions for " + a.count() + " Gaussians, but the scene has " + n);
            return Assigner.assign(a, params).memberships();
        }
        if (input.stream().allMatch(m -> m == null))
            throw new InputException(
                    set.folder(), null, "no camera has a mask (masks are matched by file stem)");
        List<Camera> cams = loaded.cameras().cameras();
        return CorrectionSession.accumulate(r, loaded.scene(), cams, input, params, progress)
                .segmentation()
                .memberships();
    }

    private Map<String, Object> report(List<ViewDisagreement> ranked, int objects, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objects", objects);
        m.put("tau", tau);
        m.put(
                "source",
                segments != null
                        ? segments.toString()
                        : contributions != null
                                ? contributions.toString()
                                : "lifted from the masks");
        if (segments == null) m.put("gamma", gamma);
        m.put("score", "disagreeing pixels / pixels where either mask shows an object");
        m.put("mean_iou", meanIoU(ranked));
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            ViewDisagreement d = ranked.get(i);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rank", i + 1);
            v.put("view", d.name());
            v.put("index", d.view());
            v.put("score", d.score());
            v.put("mean_iou", finite(d.meanIoU()));
            List<Double> iou = new ArrayList<>();
            for (double x : d.objectIoU()) iou.add(finite(x));
            v.put("object_iou", iou);
            v.put("missing", d.missing());
            v.put("extra", d.extra());
            v.put("wrong_object", d.wrongObject());
            v.put("object_pixels", d.foreground());
            v.put("disagreeing_share", d.disagreeingShare());
            list.add(v);
        }
        m.put("views", list);
        if (propagateTo != null) m.put("propagated_to", propagateTo.toString());
        m.put("seconds", seconds);
        return m;
    }

    /** JSON has no NaN: an object neither mask shows is null. */
    private static Double finite(double x) {
        return Double.isNaN(x) ? null : x;
    }

    private static double meanIoU(List<ViewDisagreement> views) {
        double s = 0;
        int n = 0;
        for (ViewDisagreement d : views) {
            if (!Double.isNaN(d.meanIoU())) {
                s += d.meanIoU();
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private void print(
            PrintWriter out, List<ViewDisagreement> ranked, int objects, double seconds) {
        out.printf(
                Locale.ROOT,
                "%d views ranked by disagreement with the 3D result (%d objects, tau %.2f), worst first:%n",
                ranked.size(),
                objects,
                tau);
        out.printf(
                Locale.ROOT,
                "%5s  %-20s %9s %9s %9s %9s   %s%n",
                "rank",
                "view",
                "disagree",
                "missing",
                "extra",
                "wrong",
                "IoU per object");
        int shown = top == null ? ranked.size() : Math.min(top, ranked.size());
        for (int i = 0; i < shown; i++) {
            ViewDisagreement d = ranked.get(i);
            StringBuilder iou = new StringBuilder();
            for (double x : d.objectIoU())
                iou.append(Double.isNaN(x) ? "   -" : String.format(Locale.ROOT, " %.2f", x));
            out.printf(
                    Locale.ROOT,
                    "%5d  %-20s %8.1f%% %9d %9d %9d  %s%n",
                    i + 1,
                    d.name(),
                    100 * d.score(),
                    d.missing(),
                    d.extra(),
                    d.wrongObject(),
                    iou);
        }
        if (shown < ranked.size())
            out.printf(
                    "  ... %d more%s%n", ranked.size() - shown, json != null ? " in " + json : "");
        out.printf(
                Locale.ROOT,
                "mean IoU of the masks with the 3D result: %.3f (disagree: share of the object pixels of either mask)%n",
                meanIoU(ranked));
        if (propagateTo != null)
            out.printf("corrected masks (the 3D result rendered) written to %s%n", propagateTo);
        out.printf(Locale.ROOT, "done in %.2f s%n", seconds);
        out.flush();
    }
}
