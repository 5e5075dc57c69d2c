package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flashsplat.core.Json;
import org.flashsplat.lift.AccumulateJob;
import org.flashsplat.lift.ViewSelection;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The one pass of FlashSplat: contributions A[l, i] summed over the views. */
@Command(
        name = "accumulate",
        description =
                "Sum each Gaussian's alpha*T per mask label over the views (writes"
                        + " contributions.npz, contributions.npy when small, and accumulate.json).")
public final class AccumulateCommand implements Callable<Integer> {
    @Mixin RunOptions options;

    @Mixin SceneOptions scene;

    @Option(
            names = "--masks",
            paramLabel = "DIR",
            description = "Folder of masks (any supported form).")
    Path masks;

    @Option(
            names = "--views",
            paramLabel = "RANGES",
            description = "View indices, e.g. 0-99,120 (default: all).")
    String views;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "CPU threads (default: all cores).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(
            names = "--dense",
            description = "Also write the dense contributions.npy however large it is.")
    boolean dense;

    @Option(
            names = "--exact",
            description =
                    "Also write contributions-exact.npz (the exact 64-bit sums), for shards that"
                            + " `merge` adds up to exactly the bytes of one run.")
    boolean exact;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = options.progress();
        AccumulateJob.Result r =
                run(scene.load(progress), masks, views, options.backend, threads, progress);
        ContributionFiles.Written w = write(out, r, dense, exact);
        if (!options.quiet) {
            System.out.printf(
                    Locale.ROOT,
                    "accumulated %d views (%d skipped) in %.2f s on %s: %d labels x %,d"
                            + " Gaussians -> %s%n",
                    r.usedViews().size(),
                    r.skippedViews().size(),
                    r.seconds(),
                    r.backend(),
                    r.table().labels(),
                    r.table().count(),
                    w.sparse());
        }
        return 0;
    }

    /** Loads the inputs and runs the pass; shared with {@code segment}. */
    static AccumulateJob.Result run(
            SceneOptions.Loaded loaded,
            Path masks,
            String views,
            String backend,
            int threads,
            ConsoleProgress progress) {
        Renderers.Backend b = Renderers.Backend.parse(backend);
        ViewSelection sel = ViewSelection.parse(views);
        MaskSet set = SceneOptions.masks(masks, loaded);
        try (Renderer renderer = Renderers.open(b, threads, progress)) {
            AccumulateJob.Result r =
                    AccumulateJob.run(
                            loaded.scene(),
                            loaded.cameras().cameras(),
                            set,
                            sel,
                            renderer,
                            progress);
            for (String w : r.warnings()) progress.message("warning: " + w);
            return r;
        }
    }

    static ContributionFiles.Written write(
            Path out, AccumulateJob.Result r, boolean dense, boolean exact)
            throws java.io.IOException {
        ContributionTable a = r.table();
        ContributionFiles.Written w = ContributionFiles.write(out, a, dense, exact);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("labels", a.labels());
        info.put("gaussians", a.count());
        info.put("non_zero", a.nonZero());
        info.put("backend", r.backend());
        info.put("views_used", r.usedViews());
        info.put("views_skipped", r.skippedViews());
        info.put("warnings", r.warnings());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("total_seconds", r.seconds());
        t.put("median_view_ms", r.stats().medianViewMillis());
        t.put("view_ms", r.stats().viewMillis());
        info.put("timings", t);
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("pixels", r.stats().pixels());
        pairs.put("walked", r.stats().walkedPairs());
        pairs.put("evaluated", r.stats().evaluatedPairs());
        pairs.put("blended", r.stats().blendedPairs());
        info.put("pairs", pairs);
        Json.write(out.resolve("accumulate.json"), info);
        return w;
    }
}
