package org.flashsplat.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.flashsplat.core.CancelledException;
import org.flashsplat.core.InputException;
import org.flashsplat.core.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code flashsplat} command. With no arguments it opens the studio; otherwise it runs one
 * headless command. Deliberately not a JavaFX Application, so the jar starts without JavaFX on the
 * module path.
 */
@Command(
        name = "flashsplat",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description =
                "Lift 2D instance masks onto a 3D Gaussian Splatting scene (FlashSplat) and export the objects.",
        subcommands = {
            CommandLine.HelpCommand.class,
            StudioCommand.class,
            InfoCommand.class,
            SampleCommand.class,
            AccumulateCommand.class,
            AssociateCommand.class,
            SegmentCommand.class,
            RenderMasksCommand.class,
            ExportCommand.class,
            ProjectCommand.class,
            ExportAllCommand.class,
            MergeCommand.class,
            SamCommand.class,
            CheckCommand.class,
            BenchCommand.class,
        })
public final class Main implements Runnable {
    /** Exit status for bad input. */
    public static final int EXIT_INPUT = 2;

    @Option(
            names = "--debug",
            description = "Show stack traces of errors.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    @Override
    public void run() {
        new StudioCommand().run();
    }

    public static void main(String[] args) {
        var relaunched = VectorRelaunch.relaunchIfNeeded(args);
        if (relaunched.isPresent()) System.exit(relaunched.get());
        if (blendsOnCpu(args)) org.flashsplat.raster.Renderers.warmUpCpu();
        System.exit(execute(args));
    }

    /** Commands that run the forward pass (the studio too), where the CPU blend may run. */
    private static final java.util.Set<String> BLENDING =
            java.util.Set.of(
                    "studio",
                    "sample",
                    "accumulate",
                    "associate",
                    "segment",
                    "render-masks",
                    "export-all",
                    "check",
                    "bench");

    private static boolean blendsOnCpu(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) continue;
            return BLENDING.contains(a);
        }
        return true; // no command: the studio
    }

    /** Runs the command line and returns the exit status (tests call this). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /**
     * Runs the command line with its output and errors sent to the given writers (null: the
     * console), so tests can read what a user would see.
     */
    public static int execute(PrintWriter stdout, PrintWriter stderr, String... args) {
        // Decoders keep their caches in memory: nothing of ours is left in /tmp if we are killed.
        javax.imageio.ImageIO.setUseCache(false);
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        addHelpOptions(cl);
        if (stdout != null) cl.setOut(stdout);
        if (stderr != null) cl.setErr(stderr);
        cl.setExecutionExceptionHandler(
                (thrown, line, parse) -> {
                    PrintWriter err = line.getErr();
                    // Work on other threads wraps what went wrong; the user needs the cause.
                    Exception ex = thrown;
                    while ((ex instanceof java.util.concurrent.CompletionException
                                    || ex instanceof java.util.concurrent.ExecutionException)
                            && ex.getCause() instanceof Exception cause) {
                        ex = cause;
                    }
                    if (ex instanceof InputException ie) {
                        err.println("flashsplat: " + ie.userMessage());
                        if (debug) ex.printStackTrace(err);
                        return EXIT_INPUT;
                    }
                    if (ex instanceof CancelledException) {
                        err.println("flashsplat: cancelled");
                        return 130;
                    }
                    if (ex instanceof java.nio.file.FileSystemException fs) {
                        // A path the user gave that cannot be used: theirs to fix, not a bug.
                        err.println(
                                "flashsplat: "
                                        + org.flashsplat.core.Printable.of(
                                                fs.getFile()
                                                        + ": "
                                                        + org.flashsplat.core.OutputFolder.reason(
                                                                fs)));
                        if (debug) ex.printStackTrace(err);
                        return EXIT_INPUT;
                    }
                    err.println(
                            "flashsplat: "
                                    + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
                    if (debug) ex.printStackTrace(err);
                    return 1;
                });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // The big arrays are unreachable by now, so there is room to say what happened.
            cl.getErr().println("flashsplat: " + MemoryBudget.outOfMemory());
            if (debug) e.printStackTrace(cl.getErr());
            return EXIT_INPUT;
        }
    }

    /**
     * Gives every subcommand {@code -h/--help} and {@code -V/--version} (one place, so a new
     * command cannot forget it); usage help skips the check for required options.
     */
    static void addHelpOptions(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (!spec.optionsMap().containsKey("--help")) {
                spec.mixinStandardHelpOptions(true);
                if (spec.versionProvider() == null) spec.versionProvider(new Version());
            }
            addHelpOptions(sub);
        }
    }

    /** The version, from the build. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flashsplat " + version()};
        }

        public static String version() {
            try (InputStream in =
                    Main.class.getResourceAsStream("/org/flashsplat/version.properties")) {
                Properties p = new Properties();
                if (in != null) p.load(in);
                return p.getProperty("version", "dev");
            } catch (java.io.IOException e) {
                return "dev";
            }
        }
    }
}
