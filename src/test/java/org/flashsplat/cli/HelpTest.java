package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every subcommand answers {@code --help} with its usage and exit 0, and so does help COMMAND. */
class HelpTest {
    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The command paths (e.g. ["project", "init"]) of every subcommand, walked from the tree. */
    private static List<List<String>> commandPaths() {
        CommandLine root = new CommandLine(new Main());
        List<List<String>> paths = new ArrayList<>();
        walk(root, new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(CommandLine cl, List<String> prefix, List<List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName())) continue; // an alias
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            walk(e.getValue(), path, out);
        }
    }

    @Test
    void everySubcommandAnswersHelpWithItsUsage() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("accumulate", "bench");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run r = run(args.toArray(String[]::new));
            String name = String.join(" ", path);
            assertThat(r.status()).as(name + " --help: " + r.err()).isZero();
            assertThat(r.out()).as(name).contains("Usage: flashsplat " + name);
            assertThat(r.err()).as(name).isEmpty();
        }
    }

    @Test
    void helpCommandStillShowsAUsage() {
        for (List<String> path : commandPaths()) {
            if (path.size() != 1 || path.get(0).equals("help")) continue;
            Run r = run("help", path.get(0));
            assertThat(r.status()).as(path.toString()).isZero();
            assertThat(r.out()).contains("Usage: flashsplat " + path.get(0));
        }
    }
}
