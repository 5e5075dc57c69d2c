package org.flashsplat.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./flashsplat} launcher at the repository root picks a JDK 25+ even when an older
 * {@code java} comes first on PATH, passes the JVM options the program needs, and says in one line
 * what to do when there is no JDK 25 at all. Dry runs only: nothing is built or started.
 */
class LauncherTest {
    private static final Path LAUNCHER = Paths.get("flashsplat").toAbsolutePath();

    private record Result(int status, String out, String err) {}

    /** A folder holding a fake {@code java} that says it is version 17. */
    private static Path oldJavaOnPath(Path tmp) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("old/bin"));
        Path java = bin.resolve("java");
        Files.writeString(
                java, "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\nexit 0\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return bin;
    }

    private static Result launch(Path path, Path jdkDirs, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        env.remove("FLASHSPLAT_JAVA");
        env.put("PATH", path + ":/usr/bin:/bin");
        env.put("FLASHSPLAT_JDK_DIRS", jdkDirs == null ? "" : jdkDirs.toString());
        env.put("FLASHSPLAT_DRY_RUN", "1");
        env.put("FLASHSPLAT_NO_BUILD", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    private static boolean usable() {
        return Files.isRegularFile(LAUNCHER)
                && Files.isExecutable(Paths.get("/bin/bash"))
                && Runtime.version().feature() >= 25;
    }

    /** Skips where /usr/bin itself holds a java 25+, which would win before the fake. */
    private static boolean systemJavaIsOld() throws Exception {
        Path sys = Paths.get("/usr/bin/java");
        if (!Files.exists(sys)) return true;
        Process p =
                new ProcessBuilder(sys.toString(), "-version").redirectErrorStream(true).start();
        String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return !v.matches("(?s).*version \"(2[5-9]|[3-9][0-9]).*");
    }

    @Test
    void picksAJdk25FromTheUsualPlacesWhenJava17IsFirstOnPath(@TempDir Path tmp) throws Exception {
        assumeTrue(usable());
        Path jdks = Files.createDirectories(tmp.resolve("jvm"));
        Files.createSymbolicLink(
                jdks.resolve("jdk-25"), Paths.get(System.getProperty("java.home")));

        Result r = launch(oldJavaOnPath(tmp), jdks, "info", "scene.spz");

        assertThat(r.status()).as(r.err()).isZero();
        List<String> cmd = r.out().lines().toList();
        assertThat(cmd.get(0)).startsWith(jdks.resolve("jdk-25").toString()).endsWith("/bin/java");
        assertThat(cmd).containsSequence("--add-modules", "jdk.incubator.vector");
        assertThat(cmd).anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));
        assertThat(cmd.subList(cmd.size() - 4, cmd.size()))
                .containsExactly(
                        "-jar",
                        LAUNCHER.getParent().resolve("target/flashsplat.jar").toString(),
                        "info",
                        "scene.spz");
    }

    @Test
    void saysInOneLineHowToGetAJdkWhenThereIsNone(@TempDir Path tmp) throws Exception {
        assumeTrue(usable() && systemJavaIsOld());

        Result r = launch(oldJavaOnPath(tmp), null, "segment");

        assertThat(r.status()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("JDK 25").contains("java 17").contains("JAVA_HOME");
    }
}
