package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.flashsplat.associate.AssociationJson;
import org.flashsplat.associate.AssociationParams;
import org.flashsplat.associate.AssociationSnapshot;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Associator;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskFlag;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.core.OutputFolder;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.SafePaths;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Cross-view association of per-view mask IDs (SAM's automatic masks) through the scene. */
@Command(
        name = "associate",
        description =
                "Give the per-view mask IDs (e.g. SAM automatic masks) global instance IDs through"
                        + " the scene (writes one ID PNG per view and association.json).")
public final class AssociateCommand implements Callable<Integer> {
    @Mixin RunOptions options;

    @Mixin SceneOptions scene;

    @Option(
            names = "--masks",
            required = true,
            paramLabel = "DIR",
            description = "Folder of per-view masks: SAM JSON or local-ID PNGs.")
    Path masks;

    @Option(
            names = "--min-area",
            defaultValue = "" + AssociationParams.DEFAULT_MIN_AREA,
            paramLabel = "PIXELS",
            description =
                    "Masks smaller than this cast no vote: they join the instance their Gaussians"
                            + " clearly point at, else their pixels are written as 65535"
                            + " (ignore) (default: ${DEFAULT-VALUE}).")
    int minArea;

    @Option(
            names = "--downscale",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Run the scene pass at 1/N of the cameras' resolution: about N*N times less"
                            + " blending (default: ${DEFAULT-VALUE}, full resolution).")
    int downscale;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
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
        if (minArea < 1) throw new InputException(null, "--min-area", "must be at least 1 pixel");
        if (downscale < 1) throw new InputException(null, "--downscale", "must be at least 1");
        ConsoleProgress progress = options.progress();
        SceneOptions.Loaded loaded = scene.load(progress);
        List<Camera> cams = loaded.cameras().cameras();
        MaskSet set = MaskSet.open(masks, cams);
        if (cams.stream().noneMatch(set::hasMask)) {
            throw new InputException(
                    masks, null, "no mask matches a camera (masks are matched by file stem)");
        }
        if (!set.missingViews().isEmpty()) {
            progress.message(
                    "warning: " + set.missingViews().size() + " views without a mask are skipped");
        }
        AssociationParams params =
                AssociationParams.defaults().withMinArea(minArea).withDownscale(downscale);
        Associator.Result r;
        try (Renderer renderer = Renderers.open(options.backend(), progress)) {
            r =
                    Associator.run(
                            loaded.scene(),
                            cams,
                            v -> set.load(cams.get(v)),
                            params,
                            renderer,
                            progress);
        }
        AssociationTable table = r.table();
        AssociationSnapshot snap = table.snapshot();
        progress.begin("Writing masks", cams.size());
        IntStream.range(0, cams.size())
                .parallel()
                .forEach(
                        v -> {
                            LabelMask local = set.load(cams.get(v));
                            if (local != null)
                                write(out, cams.get(v).name(), snap.relabelForLift(v, local));
                            progress.advance(1);
                        });
        AssociationJson.write(out.resolve("association.json"), table, params);
        if (!options.quiet) summary(table, r);
        return 0;
    }

    private static void write(Path dir, String name, LabelMask mask) {
        try {
            MaskPngWriter.write(SafePaths.inside(dir, name + ".png"), mask);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void summary(AssociationTable t, Associator.Result r) {
        List<MaskAssignment> all = t.allMasks();
        long assigned = all.stream().filter(m -> m.instance() != 0).count();
        System.out.printf(
                Locale.ROOT,
                "associated %d of %d masks into %d instances (scene pass %.2f s, clustering %.2f s)"
                        + " -> %s%n",
                assigned,
                all.size(),
                t.instances().size(),
                r.renderSeconds(),
                r.clusterSeconds(),
                this.out.resolve("association.json"));
        for (MaskFlag f : MaskFlag.values()) {
            long n = all.stream().filter(m -> m.has(f)).count();
            if (n > 0) System.out.printf(Locale.ROOT, "  %s: %d masks%n", describe(f), n);
        }
        long low = all.stream().filter(m -> m.instance() != 0 && m.confidence() < 0.5).count();
        if (low > 0) System.out.printf(Locale.ROOT, "  confidence below 0.5: %d masks%n", low);
    }

    private static String describe(MaskFlag f) {
        return switch (f) {
            case SMALL -> "below --min-area and unclear, left out (ignored)";
            case UNSEEN -> "seeing (almost) no Gaussian, left out (ignored)";
            case UNDER_SEGMENTED -> "covering two instances (under-segmented)";
            case SPLIT -> "parts of one instance in their view (over-segmented)";
            case SINGLE_VIEW -> "in an instance seen in one view only";
            case EDITED -> "edited by hand";
        };
    }
}
