package org.flashsplat.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flashsplat.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzz test of every input kind (issue 16): malformed PLY, cameras.json, COLMAP text and
 * binary, mask PNG/JPEG, SAM JSON, .npy and project folders, each run through the command line in
 * this JVM. Every case must end in exit 0 or 2, never 1; a failure must be one line naming the
 * broken file, with no stack trace and no raw control characters; no run may allocate more than
 * {@value #MAX_ALLOCATION} bytes from its input (each under 1 MB), nor change any file outside its
 * output folder, nor leave ImageIO cache files in the temporary folder.
 *
 * <p>Reproduce or widen a run with {@code -Dflashsplat.fuzz.seed=N -Dflashsplat.fuzz.random=K}.
 */
class HostileInputFuzzTest {
    static final long SEED = Long.getLong("flashsplat.fuzz.seed", 16L);
    static final int RANDOM_PER_KIND = Integer.getInteger("flashsplat.fuzz.random", 2);

    /** 1 GB: far above what any of these small inputs needs when read correctly. */
    static final long MAX_ALLOCATION = 1L << 30;

    @TempDir static Path baseDir;
    @TempDir static Path work;
    static BaseInputs base;

    @BeforeAll
    static void makeBaseInputs() throws IOException {
        base = new BaseInputs(baseDir);
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedInputIsOneLineAndExitTwo() {
        return FuzzCases.all(base, work, SEED, RANDOM_PER_KIND).stream()
                .map(c -> DynamicTest.dynamicTest(c + " (seed " + SEED + ")", () -> check(c)));
    }

    record Outcome(int status, String err, String console, long allocated) {}

    static void check(FuzzCase c) throws Exception {
        c.setup().make();
        Map<String, String> before = snapshot(c.root(), c.out());
        Map<String, String> baseBefore = snapshot(baseDir, null);
        Set<String> tmpBefore = imageIoTemporaries();
        Outcome o = run(c.args().toArray(String[]::new));
        String all = o.err() + o.console();
        assertThat(o.status()).as("exit status; stderr: %s", all).isIn(0, 2);
        if (c.mustFail()) assertThat(o.status()).as("bad input accepted: %s", all).isEqualTo(2);
        assertThat(all).as("stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(all)
                .as("library internals")
                .doesNotContain("JsonReadFeature")
                .doesNotContain("[Source: ")
                .doesNotContain("org.flashsplat.")
                .doesNotContain("com.fasterxml");
        assertThat(all)
                .as("raw control characters")
                .doesNotContain("\u001b")
                .doesNotContain("\u0007");
        if (o.status() == 2) {
            String line = o.err().strip();
            assertThat(line).as("one line").doesNotContain("\n").startsWith("flashsplat: ");
            assertThat(line).as("names the file").contains(c.names());
        }
        assertThat(o.allocated()).as("bytes allocated").isLessThan(MAX_ALLOCATION);
        assertThat(snapshot(c.root(), c.out()))
                .as("files outside the output folder")
                .isEqualTo(before);
        assertThat(snapshot(baseDir, null)).as("base inputs").isEqualTo(baseBefore);
        assertThat(imageIoTemporaries()).as("ImageIO cache files").isEqualTo(tmpBefore);
        if (o.status() != 0 && c.out() != null) {
            assertThat(c.out()).as("a failed run leaves no output folder").doesNotExist();
        }
    }

    /** Runs the command line here, with the console captured, counting bytes allocated. */
    static Outcome run(String... args) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringWriter out = new StringWriter(), err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream oldOut = System.out, oldErr = System.err;
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        long a0 = threads.getTotalThreadAllocatedBytes();
        int status;
        System.setOut(capture);
        System.setErr(capture);
        try {
            status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        long allocated = threads.getTotalThreadAllocatedBytes() - a0;
        String con = console.toString(StandardCharsets.UTF_8);
        // Progress and warnings go to the console; only the error line is checked for shape.
        return new Outcome(status, err.toString(), out + con, allocated);
    }

    /** Every path under a folder (links as links) with its size and content hash. */
    static Map<String, String> snapshot(Path dir, Path skip) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (skip != null && p.startsWith(skip)) continue;
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) m.put(key, "-> " + Files.readSymbolicLink(p));
                else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) m.put(key, "/");
                else
                    m.put(
                            key,
                            Files.size(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    static Set<String> imageIoTemporaries() throws IOException {
        Set<String> s = new TreeSet<>();
        try (Stream<Path> l = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            l.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("imageio"))
                    .forEach(s::add);
        }
        return s;
    }
}
