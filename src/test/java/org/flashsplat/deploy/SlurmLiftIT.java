package org.flashsplat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flashsplat.core.Json;
import org.flashsplat.core.Progress;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sample.SampleWriter;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lift on a real (one-node) Slurm: deploy/slurm/local-cluster.sh starts slurmctld, slurmd and
 * munged on this machine, deploy/slurm/lift.sh runs a generated scene as an array job of 3 shards
 * plus a merge job, and the merged files must be the bytes of one accumulate over all views (exact
 * shards). A task cancelled mid-run must be named, and running lift.sh again must redo only that
 * shard.
 *
 * <p>Runs after {@code package} (failsafe), since the jobs run the built jar. Skipped with the
 * script's reason where Slurm cannot run (not root, not installed); CI installs Slurm and sets
 * FLASHSPLAT_REQUIRE_SLURM=1, which turns a cluster that does not start into a failure.
 */
@Tag("slurm")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlurmLiftIT {
    static final Path SLURM_DIR = Path.of("deploy/slurm").toAbsolutePath();
    static final Path JAR = Path.of("target/flashsplat.jar").toAbsolutePath();

    /** Generous: the jobs start several JVMs each on a 2-core machine shared with other work. */
    static final Duration LIFT_LIMIT = Duration.ofMinutes(5);

    @TempDir static Path tmp;

    Map<String, String> env = new HashMap<>();
    Path clusterDir;
    Instant clusterStarted;
    List<Long> daemonPids = new ArrayList<>();
    Path scene;
    Path reference;

    @BeforeAll
    void startClusterAndMakeTheScene() throws Exception {
        Assumptions.assumeTrue(
                System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the local Slurm cluster needs Linux");
        assertThat(JAR).as("the built jar (this test runs after package)").isRegularFile();
        // Jobs and launcher find java through JAVA_HOME: the JDK running this test (25+).
        env.put("JAVA_HOME", System.getProperty("java.home"));

        clusterStarted = Instant.now();
        Run start =
                run(
                        Duration.ofMinutes(2),
                        Map.of("FLASHSPLAT_LOCAL_SLURM_NO_INSTALL", "1"),
                        SLURM_DIR.resolve("local-cluster.sh").toString(),
                        "start");
        boolean required = "1".equals(System.getenv("FLASHSPLAT_REQUIRE_SLURM"));
        if (start.exit() == 3 || (start.exit() != 0 && !required)) {
            Assumptions.abort("no local Slurm here: " + start.err().strip());
        }
        assertThat(start.exit()).as("local-cluster.sh start: %s", start.err()).isZero();
        Matcher m = Pattern.compile("(?m)^export (\\w+)='([^']*)'$").matcher(start.out());
        while (m.find()) env.put(m.group(1), m.group(2));
        assertThat(env).containsKeys("SLURM_CONF", "FLASHSPLAT_LOCAL_SLURM");
        clusterDir = Path.of(env.get("FLASHSPLAT_LOCAL_SLURM"));
        try (Stream<Path> pids = Files.list(clusterDir.resolve("pids"))) {
            for (Path p : pids.toList())
                daemonPids.add(Long.parseLong(Files.readString(p).strip()));
        }
        assertThat(daemonPids).as("munged, slurmctld and slurmd").hasSize(3);

        scene = tmp.resolve("scene");
        // A few thousand Gaussians and six views: enough for three shards, cheap enough for CI.
        SceneSpec spec =
                new SceneSpec(
                        "slurm-test",
                        4000,
                        3,
                        0.6,
                        0.22,
                        0.32,
                        0.8,
                        2.4,
                        0.012,
                        0.03,
                        0.35,
                        0.99,
                        0,
                        6,
                        160,
                        120,
                        60,
                        3.0,
                        -1.3,
                        0,
                        20261202L);
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, 1, Progress.NONE)) {
            SampleWriter.write(SceneGenerator.generate(spec), scene, r, Progress.NONE);
        }
        reference = tmp.resolve("one-machine");
        Run one =
                run(
                        Duration.ofMinutes(2),
                        Map.of(),
                        java(),
                        "-jar",
                        JAR.toString(),
                        "accumulate",
                        "--scene",
                        scene.toString(),
                        "--cameras",
                        scene.resolve("cameras.json").toString(),
                        "--masks",
                        scene.resolve("masks").toString(),
                        "--quiet",
                        "--out",
                        reference.toString());
        assertThat(one.exit()).as("one-machine accumulate: %s", one.err()).isZero();
    }

    @AfterAll
    void stopClusterLeavingNoDaemon() throws Exception {
        if (clusterDir == null) return;
        Run stop = run(Duration.ofMinutes(2), Map.of(), script("local-cluster.sh"), "stop");
        assertThat(stop.exit()).as("local-cluster.sh stop: %s", stop.err()).isZero();
        for (long pid : daemonPids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("daemon %d after stop", pid)
                    .isEmpty();
        }
        // Job steps run under slurmstepd processes of their own; none started by this cluster
        // may outlive it.
        List<String> stepds =
                ProcessHandle.allProcesses()
                        .filter(p -> p.info().command().orElse("").endsWith("/slurmstepd"))
                        .filter(
                                p ->
                                        p.info()
                                                .startInstant()
                                                .map(t -> !t.isBefore(clusterStarted))
                                                .orElse(false))
                        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                        .toList();
        assertThat(stepds).as("slurmstepd processes left").isEmpty();
        assertThat(clusterDir).doesNotExist();
    }

    @Test
    void threeShardsOnSlurmGiveWhatOneMachineGives() throws Exception {
        Path out = tmp.resolve("lift3");
        Run lift = lift(out, Map.of());
        assertThat(lift.exit()).as("lift.sh: %s", lift.err()).isZero();
        assertSameContributions(out);

        Map<?, ?> info = Json.MAPPER.readValue(out.resolve("accumulate.json").toFile(), Map.class);
        assertThat(info.get("shards")).isEqualTo(3);
        assertThat(info.get("views")).isEqualTo(6);
        List<?> runs = (List<?>) info.get("shard_runs");
        assertThat(runs).hasSize(3);
        for (int k = 0; k < 3; k++) {
            Map<?, ?> shard = (Map<?, ?>) runs.get(k);
            assertThat(shard.get("views")).isEqualTo((2 * k) + "-" + (2 * k + 1));
            assertThat((String) shard.get("node")).isNotBlank();
            assertThat((List<?>) ((Map<?, ?>) shard.get("accumulate")).get("views_used"))
                    .hasSize(2);
        }

        Run again = lift(out, Map.of());
        assertThat(again.exit()).isZero();
        assertThat(again.err()).contains("complete already");
    }

    @Test
    void aTaskCancelledMidRunIsNamedAndARerunRedoesOnlyIt() throws Exception {
        Path out = tmp.resolve("cancelled");
        Path started = tmp.resolve("shard-1-started");
        // The jobs run flashsplat through this wrapper: shard 1 (views 2-3) announces itself and
        // then holds, so the test cancels a task that is surely running.
        Path hold = tmp.resolve("hold-shard-1.sh");
        Files.writeString(
                hold,
                """
                #!/usr/bin/env bash
                for a in "$@"; do
                  if [ "$a" = 2-3 ]; then
                    touch '%s'
                    end=$((SECONDS + 300))
                    while [ $SECONDS -lt $end ]; do sleep 0.2; done
                    exit 1
                  fi
                done
                exec '%s' -jar '%s' "$@"
                """
                        .formatted(started, java(), JAR));
        hold.toFile().setExecutable(true);

        Path log = tmp.resolve("cancelled-lift.log");
        Process first = start(log, Map.of("FLASHSPLAT", hold.toString()), liftCommand(out));
        try {
            long deadline = System.nanoTime() + LIFT_LIMIT.toNanos();
            while (!Files.exists(started) && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(started).as("shard 1 started: %s", read(log)).exists();
            String arrayJob = field(out.resolve("lift.jobs"), "array");
            Run cancel = run(Duration.ofMinutes(1), Map.of(), "scancel", arrayJob + "_1");
            assertThat(cancel.exit()).as("scancel: %s", cancel.err()).isZero();
            assertThat(first.waitFor(LIFT_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("lift.sh --wait ends after the merge")
                    .isTrue();
        } finally {
            first.destroyForcibly();
        }
        String failure = read(log);
        System.out.print(failure);
        assertThat(first.exitValue()).as(failure).isEqualTo(1);
        assertThat(failure)
                .contains(
                        "shard 1 (views 2-3) did not finish: job "
                                + field(out.resolve("lift.jobs"), "array")
                                + "_1")
                .contains("CANCELLED");
        assertThat(out.resolve("contributions.npy")).doesNotExist();
        assertThat(out.resolve("shards/1/done")).doesNotExist();
        String done0 = Files.readString(out.resolve("shards/0/done"));
        String done2 = Files.readString(out.resolve("shards/2/done"));

        Run rerun = lift(out, Map.of());
        assertThat(rerun.exit()).as("re-run: %s", rerun.err()).isZero();
        assertThat(rerun.err())
                .contains("2 of 3 shards are done already (0,2)")
                .contains("submitted 1 of 3 shards (1;");
        assertThat(out.resolve("shards/0/done")).hasContent(done0);
        assertThat(out.resolve("shards/2/done")).hasContent(done2);
        assertSameContributions(out);
    }

    /** The lift's contributions are the bytes one machine's accumulate over all views writes. */
    private void assertSameContributions(Path out) throws IOException {
        for (String f : List.of("contributions.npz", "contributions.npy")) {
            assertThat(reference.resolve(f)).as("one machine's " + f).isRegularFile();
            assertThat(out.resolve(f)).as("the lift's " + f).isRegularFile();
            assertThat(Files.readAllBytes(out.resolve(f)))
                    .as("%s of the lift against one machine's", f)
                    .isEqualTo(Files.readAllBytes(reference.resolve(f)));
        }
    }

    private Run lift(Path out, Map<String, String> extra) throws Exception {
        Run r = run(LIFT_LIMIT, extra, liftCommand(out));
        System.out.print(r.err());
        return r;
    }

    private String[] liftCommand(Path out) {
        return new String[] {
            script("lift.sh"),
            "--scene",
            scene.toString(),
            "--cameras",
            scene.resolve("cameras.json").toString(),
            "--masks",
            scene.resolve("masks").toString(),
            "--shards",
            "3",
            "--out",
            out.toString(),
            "--wait"
        };
    }

    private static String script(String name) {
        return SLURM_DIR.resolve(name).toString();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Value of a key=value line (lift.plan, lift.jobs). */
    private static String field(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
        }
        return fail("no " + key + " in " + file);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    record Run(int exit, String out, String err) {}

    /** The cluster's variables; FLASHSPLAT only where a run sets it (the default is under test). */
    private void environment(ProcessBuilder pb, Map<String, String> extra) {
        pb.environment().remove("FLASHSPLAT");
        pb.environment().putAll(env);
        pb.environment().putAll(extra);
    }

    private Process start(Path log, Map<String, String> extra, String... command)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        environment(pb, extra);
        return pb.start();
    }

    /** Runs a command with the cluster's environment; output goes to files, so nothing blocks. */
    private Run run(Duration limit, Map<String, String> extra, String... command) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        environment(pb, extra);
        Process p = pb.start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(
                    String.join(" ", command)
                            + " still running after "
                            + limit
                            + ": "
                            + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
