package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.MemoryBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running out of memory ends in one line that says what to change, and exit 2: whether the
 * estimate before a large allocation catches it or the allocation itself fails. The commands run
 * in a child JVM with a small heap.
 */
class OutOfMemoryTest {
    @Test
    void theEstimateNamesTheNeedTheHeapAndWhatToChange() {
        assertThatThrownBy(() -> MemoryBudget.check("accumulating 250 labels x 3,000,000 Gaussians", 1L << 50))
                .isInstanceOf(MemoryBudget.Exceeded.class)
                .hasMessageContaining("needs about 1048576.0 GB")
                .hasMessageContaining("FLASHSPLAT_HEAP")
                .hasMessageContaining("--views");
    }

    @Test
    void anAllocationThatFailsIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        // Generating the 10M-Gaussian scene in 64 MB fails in its first large array.
        Result r = runSmallHeap("64m", "sample", "--preset", "10m", "--out", tmp.resolve("s").toString());
        assertOneLine(r);
    }

    @Test
    void anAccumulateTooLargeForTheHeapIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Result made =
                runSmallHeap("1g", "sample", "--preset", "bench-1m", "--out", tmp.resolve("s").toString());
        assertThat(made.status).as(made.err).isZero();
        Result r =
                runSmallHeap(
                        "200m",
                        "accumulate",
                        "--scene",
                        tmp.resolve("s/point_cloud.ply").toString(),
                        "--cameras",
                        tmp.resolve("s/cameras.json").toString(),
                        "--masks",
                        tmp.resolve("s/masks").toString(),
                        "--backend",
                        "cpu",
                        "--out",
                        tmp.resolve("out").toString());
        assertOneLine(r);
        assertThat(tmp.resolve("out/contributions.npz")).doesNotExist();
    }

    private static void assertOneLine(Result r) {
        assertThat(r.status).as(r.err).isEqualTo(2);
        List<String> lines = r.err.lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertThat(lines).as(r.err).hasSize(1);
        assertThat(lines.getFirst()).startsWith("flashsplat: ").contains("memory");
    }

    record Result(int status, String err) {}

    static Result runSmallHeap(String heap, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes());
        return new Result(p.waitFor(), err);
    }
}
