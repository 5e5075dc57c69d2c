package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.raster.Renderers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens the desktop studio, on the given folders or on the bundled sample. */
@Command(
        name = "studio",
        description = "Open the FlashSplat Studio window (the default with no command).")
public final class StudioCommand implements Runnable {
    @Parameters(
            arity = "0..*",
            paramLabel = "PATH",
            description = "A 3DGS model folder, COLMAP dataset or masks folder to open.")
    List<Path> paths = List.of();

    @Option(
            names = "--backend",
            defaultValue = "auto",
            description = "auto, cpu or cuda (default: ${DEFAULT-VALUE}).")
    String backend = "auto";

    @Override
    public void run() {
        Renderers.Backend.parse(backend); // a bad name fails here, with the CLI's one-line message
        boolean linux =
                System.getProperty("os.name", "")
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("linux");
        if (linux
                && isBlank(System.getenv("DISPLAY"))
                && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
            throw new org.flashsplat.core.InputException(
                    null,
                    null,
                    "no display to open the studio on (DISPLAY is not set); the headless commands"
                            + " work without one: flashsplat --help");
        }
        List<String> args = new ArrayList<>();
        args.add("--backend=" + backend);
        for (Path p : paths) args.add(p.toString());
        org.flashsplat.studio.StudioLauncher.launch(args.toArray(String[]::new));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
