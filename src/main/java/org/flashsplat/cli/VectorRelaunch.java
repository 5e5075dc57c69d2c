package org.flashsplat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives plain {@code java -jar flashsplat.jar} the vector blend: a jar manifest cannot add the
 * incubator module {@code jdk.incubator.vector}, so when it is missing the program starts itself
 * again with the same command line plus {@code --add-modules jdk.incubator.vector} and passes on
 * the exit status. Not done where the command line is unknown, where the launcher is not {@code
 * java} (a jpackage image adds the module itself), or when {@code -Dflashsplat.blend=scalar} or the
 * environment variable {@code FLASHSPLAT_NO_RELAUNCH} is set; the blend then runs scalar (the same
 * bits, slower).
 */
final class VectorRelaunch {
    static final String MODULE = "jdk.incubator.vector";

    private static final String MARK = "flashsplat.relaunched";

    private VectorRelaunch() {}

    /** The exit status of the relaunched program, or empty to go on in this process. */
    static Optional<Integer> relaunchIfNeeded(String[] programArgs) {
        if (ModuleLayer.boot().findModule(MODULE).isPresent()
                || System.getProperty(MARK) != null
                || "scalar".equals(System.getProperty("flashsplat.blend"))
                || System.getenv("FLASHSPLAT_NO_RELAUNCH") != null) {
            return Optional.empty();
        }
        ProcessHandle.Info info = ProcessHandle.current().info();
        // The system may report a long command line cut short (Linux gives the JDK one page of
        // it): relaunch only when it visibly ends with the program's own arguments.
        if (!endsWith(info.arguments(), programArgs)) return Optional.empty();
        Optional<List<String>> command = command(info.command(), info.arguments());
        if (command.isEmpty()) return Optional.empty();
        try {
            Process child = new ProcessBuilder(command.get()).inheritIO().start();
            Thread stop = new Thread(child::destroy, "relaunch-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            int status = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return Optional.of(status);
        } catch (IOException e) {
            return Optional.empty(); // cannot start a JVM: stay here, scalar
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /** Whether the JVM's reported arguments end with the program's arguments, in full. */
    static boolean endsWith(Optional<String[]> jvmArgs, String[] programArgs) {
        if (jvmArgs.isEmpty()) return false;
        String[] all = jvmArgs.get();
        if (all.length < programArgs.length + 1) return false;
        for (int k = 1; k <= programArgs.length; k++)
            if (!all[all.length - k].equals(programArgs[programArgs.length - k])) return false;
        return true;
    }

    /**
     * The relaunch command: this JVM's executable and arguments with the module and a mark that
     * stops a second relaunch inserted first; empty unless the executable is {@code java}.
     */
    static Optional<List<String>> command(Optional<String> exe, Optional<String[]> arguments) {
        if (exe.isEmpty() || arguments.isEmpty()) return Optional.empty();
        String name = Path.of(exe.get()).getFileName().toString();
        if (!name.equals("java") && !name.equals("java.exe")) return Optional.empty();
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.get());
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.add("-D" + MARK + "=true");
        cmd.addAll(List.of(arguments.get()));
        return Optional.of(cmd);
    }
}
