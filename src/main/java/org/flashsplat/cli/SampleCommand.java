package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sample.SampleWriter;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rebuilds the bundled sample, or writes a benchmark scene as files other tools can read too. */
@Command(
        name = "sample",
        description =
                "Generate the bundled sample (tabletop) or a benchmark scene (truck-like,"
                        + " bench-1m, many-labels, 10m) as PLY, cameras.json and mask PNGs"
                        + " (scenes of many objects also get masks_grouped/: the same masks with"
                        + " objects grouped into 8 labels).")
public final class SampleCommand implements Callable<Integer> {
    @Option(
            names = "--preset",
            defaultValue = "tabletop",
            description = "tabletop (default), truck-like, bench-1m, many-labels or 10m.")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SceneSpec spec;
        try {
            spec = SceneSpec.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new org.flashsplat.core.InputException(null, "--preset", e.getMessage());
        }
        ConsoleProgress progress = new ConsoleProgress(System.out, false);
        long t0 = System.nanoTime();
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        try (Renderer r =
                Renderers.open(Renderers.Backend.AUTO, org.flashsplat.core.Progress.NONE)) {
            SampleWriter.write(g, out, r, progress);
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %,d Gaussians, %d views of %dx%d in %s (%.1f s)%n",
                spec.name(),
                g.scene().count(),
                spec.cameras(),
                spec.width(),
                spec.height(),
                out,
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
