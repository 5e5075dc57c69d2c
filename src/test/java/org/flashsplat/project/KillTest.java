package org.flashsplat.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never lose work: a process saving in a loop is killed (SIGKILL, no shutdown hooks) at random
 * moments, 50 times; each time the project must open, take over the dead process's lock, and hold a
 * whole state that is the last one acknowledged or the one after it, never a torn file.
 */
class KillTest {
    static final int ROUNDS = 50;

    @TempDir Path tmp;

    /** Two savers at a time on two projects: JVM start-up dominates and overlaps well. */
    static final int PARALLEL = 2;

    @Test
    void killedSaverAlwaysLeavesAWholeState() throws Exception {
        long t0 = System.nanoTime();
        warmUp(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int k = 0; k < PARALLEL; k++) {
                Path dir = tmp.resolve("project" + k);
                int rounds = ROUNDS / PARALLEL + (k < ROUNDS % PARALLEL ? 1 : 0);
                long seed = 20260824L + k;
                parts.add(pool.submit(() -> rounds(dir, rounds, seed)));
            }
            int killedMidRun = 0;
            for (Future<Integer> f : parts) killedMidRun += f.get();
            System.out.printf(
                    "kill test: %d rounds in %.1f s, %d killed after a save but before its ack%n",
                    ROUNDS, (System.nanoTime() - t0) / 1e9, killedMidRun);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs rounds on one project; returns how often the state was one past the last ack. */
    private static int rounds(Path dir, int rounds, long seed) throws Exception {
        try (Project p = Project.create(dir, SaveLoop.state(0))) {
            assertThat(p.data()).isEqualTo(SaveLoop.state(0));
        }
        Random random = new Random(seed);
        int lastSeen = 0, killedMidRun = 0;
        for (int round = 0; round < rounds; round++) {
            // Acks go to a file, not a pipe: after a SIGKILL the JDK may close a process's pipe
            // before a reader has taken its last lines, which would under-count the acks. What
            // the child wrote before it died is in the file.
            Path acks = dir.resolveSibling(dir.getFileName() + ".acks");
            Process child = start(dir, acks);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (lastAck(acks) < 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(lastAck(acks)).as("child saved at least once").isGreaterThan(lastSeen);
            if (round == 0) {
                // While it lives, the saver holds the lock and is named by it.
                assertThatThrownBy(() -> Project.open(dir, Project.Mode.READ_WRITE))
                        .isInstanceOf(ProjectLock.LockedException.class)
                        .hasMessageContaining("process " + child.pid());
            }
            Thread.sleep(random.nextInt(100));
            child.destroyForcibly();
            child.waitFor();
            int ack = lastAck(acks);
            try (Project p = Project.open(dir, Project.Mode.READ_WRITE)) {
                int n = SaveLoop.numberOf(p.data());
                assertThat(p.data()).isEqualTo(SaveLoop.state(n));
                assertThat(n).as(dir + " round " + round).isBetween(ack, ack + 1);
                if (n > ack) killedMidRun++;
                assertThat(p.warnings()).anyMatch(w -> w.contains("took over a lock"));
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.map(f -> f.getFileName().toString()))
                            .noneMatch(f -> f.endsWith(".tmp"));
                }
                lastSeen = n;
            }
        }
        return killedMidRun;
    }

    private static String classPath;
    private static Path archive;

    /**
     * JVM start-up is most of each round: the savers' classes go into one jar and a class-data
     * archive (AppCDS) written by a first saver that exits normally, so the killed ones start
     * faster. Without the archive (an unsupported JVM) they still run, only slower.
     */
    private static void warmUp(Path tmp) throws Exception {
        Path jar = tmp.resolve("savers.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : new Class<?>[] {Project.class, SaveLoop.class}) {
                Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                try (Stream<Path> files = Files.walk(root.resolve("org/flashsplat"))) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String name =
                                root.relativize(f).toString().replace(File.separatorChar, '/');
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
        classPath =
                String.join(
                        File.pathSeparator,
                        jar.toString(),
                        location(ObjectMapper.class),
                        location(JsonParser.class),
                        location(JsonProperty.class));
        archive = tmp.resolve("savers.jsa");
        Path dir = tmp.resolve("warm-up");
        Project.create(dir, SaveLoop.state(0)).close();
        Process p =
                launch(
                        "-XX:ArchiveClassesAtExit=" + archive,
                        ProcessBuilder.Redirect.DISCARD,
                        dir.toString(),
                        "--once");
        p.waitFor();
    }

    private static Process start(Path dir, Path acks) throws Exception {
        String cds =
                Files.isRegularFile(archive)
                        ? "-XX:SharedArchiveFile=" + archive
                        : "-XX:TieredStopAtLevel=1";
        Process p = launch(cds, ProcessBuilder.Redirect.to(acks.toFile()), dir.toString());
        return p;
    }

    private static Process launch(String extra, ProcessBuilder.Redirect out, String... args)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                java,
                                extra,
                                // JVM messages to stderr, so stdout carries only the acks.
                                "-Xlog:disable",
                                "-Xlog:all=error:stderr",
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-Xmx128m",
                                "-Djava.awt.headless=true",
                                "-cp",
                                classPath,
                                SaveLoop.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.redirectOutput(out);
        return pb.start();
    }

    /**
     * The last complete "saved n" line the child wrote, or -1. Other lines (a JVM warning) are
     * ignored here and visible in the file; a line without its newline yet is not counted.
     */
    private static int lastAck(Path acks) throws java.io.IOException {
        if (!Files.exists(acks)) return -1;
        String text = Files.readString(acks, StandardCharsets.UTF_8);
        int last = -1;
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (line.matches("saved \\d+")) last = Integer.parseInt(line.substring(6));
        }
        return last;
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
