package org.flashsplat.cli;

import org.flashsplat.raster.Renderers;
import picocli.CommandLine.Option;

/** The options every rendering command shares: which backend, and how much to print. */
public final class RunOptions {
    @Option(
            names = "--backend",
            defaultValue = "auto",
            description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    String backend = "auto";

    @Option(names = "--quiet", description = "Print only warnings and errors.")
    boolean quiet;

    Renderers.Backend backend() {
        return Renderers.Backend.parse(backend);
    }

    ConsoleProgress progress() {
        return new ConsoleProgress(System.out, quiet);
    }
}
