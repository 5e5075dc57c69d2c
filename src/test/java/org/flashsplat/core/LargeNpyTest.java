package org.flashsplat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays past 2 GiB write and read (the dense contributions of a large capture; the int overflow
 * of a single byte buffer once stopped them). Runs in a child JVM with a heap for two such arrays.
 */
class LargeNpyTest {
    /** 580M floats: 2.32 GB of body. */
    static final int N = 580_000_000;

    @Test
    void aFloat32ArrayPastTwoGibWritesAndReadsBack(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("big.npy");
        List<String> cmd =
                List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx5g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Child.class.getName(),
                        file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("read back " + N);
        long size = Long.parseLong(out.replaceAll("(?s).*file of (\\d+) bytes.*", "$1"));
        assertThat(size).isGreaterThan(2L << 30);
    }

    /** Writes, frees, reads back and checks a sample of values. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            float[] a = new float[N];
            for (int i = 0; i < N; i += 9973) a[i] = i;
            a[N - 1] = -1;
            Npy.writeFloat32(file, new int[] {29, N / 29}, a);
            a = null;
            Npy.Array back = Npy.read(file);
            float[] b = back.floats();
            for (int i = 0; i < N - 1; i++)
                if (b[i] != (i % 9973 == 0 ? (float) i : 0f))
                    throw new AssertionError("value " + i + " is " + b[i]);
            if (b[N - 1] != -1) throw new AssertionError("last value");
            if (back.shape()[0] != 29 || back.shape()[1] != N / 29) throw new AssertionError("shape");
            System.out.println("read back " + b.length + " from a file of " + Files.size(file) + " bytes");
            Files.delete(file);
        }
    }
}
