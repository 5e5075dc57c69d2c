package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.core.OutputFolder;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.project.SafePaths;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Instance-ID masks for every camera, rendered from the 3D segments. */
@Command(
        name = "render-masks",
        description = "Render an instance-ID PNG per camera from segments.npy.")
public final class RenderMasksCommand implements Callable<Integer> {
    @Mixin RunOptions options;

    @Mixin SceneOptions scene;

    @Option(
            names = "--segments",
            required = true,
            paramLabel = "FILE.npy",
            description = "segments.npy of segment.")
    Path segments;

    @Option(
            names = "--tau",
            defaultValue = "0.5",
            description = "Accumulated-weight threshold (default: ${DEFAULT-VALUE}).")
    double tau;

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
        if (!(tau > 0 && tau < 1)) throw new InputException(null, "--tau", "must lie in (0, 1)");
        ConsoleProgress progress = options.progress();
        SceneOptions.Loaded loaded = scene.load(progress);
        Memberships m = SegmentsFile.read(segments, loaded.scene().count());
        List<Camera> cams = loaded.cameras().cameras();
        try (Renderer r = Renderers.open(options.backend(), progress)) {
            progress.begin("render-masks", cams.size());
            for (Camera c : cams) {
                progress.checkCancelled();
                LabelMask mask = NovelViewMasks.render(r, loaded.scene(), c, m, tau);
                MaskPngWriter.write(SafePaths.inside(out, c.name() + ".png"), mask);
                progress.advance(1);
            }
        }
        if (!options.quiet)
            System.out.printf(
                    "wrote %d masks of %d objects to %s%n", cams.size(), m.objects(), this.out);
        return 0;
    }
}
