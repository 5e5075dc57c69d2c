package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Opens the desktop studio, on the given folders or on the bundled sample. */
@Command(
        name = "studio",
        description = "Open the FlashSplat Studio window (the default with no command).")
public final class StudioCommand implements Runnable {
    @Parameters(
            arity = "0..*",
            paramLabel = "PATH",
            description = "A 3DGS model folder, dataset or project to open.")
    List<Path> paths = List.of();

    @Override
    public void run() {
        String[] args = paths.stream().map(Path::toString).toArray(String[]::new);
        org.flashsplat.studio.StudioLauncher.launch(args);
    }
}
