package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flashsplat.camera.Camera;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
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
        ConsoleProgress progress = options.progress();
        SceneOptions.Loaded loaded = scene.load(progress);
        Memberships m = SegmentsFile.read(segments, loaded.scene().count());
        List<Camera> cams = loaded.cameras().cameras();
        try (Renderer r = Renderers.open(options.backend(), progress)) {
            progress.begin("render-masks", cams.size());
            for (Camera c : cams) {
                progress.checkCancelled();
                LabelMask mask = NovelViewMasks.render(r, loaded.scene(), c, m, tau);
                MaskPngWriter.write(out.resolve(c.name() + ".png"), mask);
                progress.advance(1);
            }
        }
        if (!options.quiet)
            System.out.printf(
                    "wrote %d masks of %d objects to %s%n", cams.size(), m.objects(), out);
        return 0;
    }
}
