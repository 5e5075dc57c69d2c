package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flashsplat.raster.Contributions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernels' pixel math ({@code cuda/blend_rule.cuh}) compiled for the host gives the bits
 * of the Java rule for 10^7 pixel-Gaussian steps and exp arguments. Skipped where no C++ compiler
 * is installed.
 */
class BlendRuleCudaHostTest {
    private static final int RECORDS = 10_000_000, BATCH = 100_000;

    @TempDir Path dir;

    @Test
    void hostCompiledCudaRuleMatchesJavaBitForBit() throws Exception {
        String compiler = compiler();
        assumeTrue(compiler != null, "no g++ or c++ on PATH: CUDA pixel math not checked");
        Path exe = dir.resolve("blend_rule_host");
        Process cc =
                new ProcessBuilder(
                                compiler,
                                "-O2",
                                "-std=c++17",
                                "-ffp-contract=off",
                                "-DFS_HOST_SHIM",
                                "-o",
                                exe.toString(),
                                "cuda/test/blend_rule_host.cpp")
                        .redirectErrorStream(true)
                        .start();
        String log = new String(cc.getInputStream().readAllBytes());
        assertThat(cc.waitFor()).as("compiler output: %s", log).isZero();

        Process run = new ProcessBuilder(exe.toString()).start();
        CompletableFuture<Void> feeder =
                CompletableFuture.runAsync(() -> feed(run.getOutputStream()));
        long blended = 0, stopped = 0;
        try (DataInputStream in = new DataInputStream(run.getInputStream())) {
            byte[] raw = new byte[BATCH * 20];
            for (int b = 0; b < RECORDS / BATCH; b++) {
                float[] rec = batch(b);
                in.readFully(raw);
                ByteBuffer out = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                TileScratch s = new TileScratch();
                for (int k = 0; k < BATCH; k++) {
                    int r = 11 * k;
                    float x = rec[r + 10];
                    int expBits = out.getInt();
                    float javaExp = BlendRule.exp(x);
                    if (Float.isNaN(javaExp)) assertThat(Float.intBitsToFloat(expBits)).isNaN();
                    else
                        assertThat(expBits)
                                .as("exp(%s) = %s in Java", x, javaExp)
                                .isEqualTo(Float.floatToRawIntBits(javaExp));
                    s.transmittance[0] = rec[r + 9];
                    s.stoppedAt[0] = -1;
                    float power =
                            BlendRule.power(
                                    rec[r + 2],
                                    rec[r + 3],
                                    rec[r + 4],
                                    rec[r] - rec[r + 7],
                                    rec[r + 1] - rec[r + 8]);
                    float w = s.blend(0, BlendRule.alpha(rec[r + 5], power, rec[r + 6]), 1);
                    int wBits = out.getInt(), tBits = out.getInt(), done = out.getInt();
                    int fixed = out.getInt();
                    String what = "record " + (b * BATCH + k);
                    assertThat(wBits).as(what).isEqualTo(Float.floatToRawIntBits(w));
                    assertThat(tBits)
                            .as(what)
                            .isEqualTo(Float.floatToRawIntBits(s.transmittance[0]));
                    assertThat(done).as(what).isEqualTo(s.stoppedAt[0] == 1 ? 1 : 0);
                    assertThat(Integer.toUnsignedLong(fixed))
                            .as(what)
                            .isEqualTo(Contributions.toFixed(w));
                    if (w != 0) blended++;
                    if (done != 0) stopped++;
                }
            }
        }
        feeder.get(1, TimeUnit.MINUTES);
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).isZero();
        // the inputs exercise every branch of the rule
        assertThat(blended).isGreaterThan(RECORDS / 10);
        assertThat(stopped).isGreaterThan(RECORDS / 100);
    }

    private static void feed(OutputStream os) {
        try (os) {
            ByteBuffer buf = ByteBuffer.allocate(BATCH * 44).order(ByteOrder.LITTLE_ENDIAN);
            for (int b = 0; b < RECORDS / BATCH; b++) {
                buf.clear();
                for (float f : batch(b)) buf.putFloat(f);
                os.write(buf.array(), 0, buf.position());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Batch {@code b} of inputs: a Gaussian near a pixel with a random conic, opacity and power
     * bound, a transmittance from 1 down to T_STOP, and an exp argument over the clamped range.
     */
    private static float[] batch(int b) {
        SplittableRandom rnd = new SplittableRandom(1000 + b);
        float[] r = new float[BATCH * 11];
        for (int k = 0; k < BATCH; k++) {
            int at = 11 * k;
            float u = rnd.nextInt(2000), v = rnd.nextInt(1200);
            double a = Math.exp(rnd.nextDouble(-6, 1)), c = Math.exp(rnd.nextDouble(-6, 1));
            double o = rnd.nextDouble(0.005, 1);
            r[at] = u + (float) rnd.nextGaussian() * 4; // gx
            r[at + 1] = v + (float) rnd.nextGaussian() * 4; // gy
            r[at + 2] = (float) a;
            r[at + 3] = (float) (rnd.nextDouble(-0.95, 0.95) * Math.sqrt(a * c));
            r[at + 4] = (float) c;
            r[at + 5] = (float) o;
            r[at + 6] = (float) Math.log(Projection.ALPHA_MIN / o) - 0.01f;
            r[at + 7] = u;
            r[at + 8] = v;
            r[at + 9] = (float) Math.exp(rnd.nextDouble(Math.log(1e-4), 0));
            r[at + 10] =
                    switch (k % 4) {
                        case 0 -> (float) rnd.nextDouble(-100, 100);
                        case 1 -> Float.intBitsToFloat(rnd.nextInt());
                        default -> (float) rnd.nextDouble(-12, 0);
                    };
        }
        return r;
    }

    private static String compiler() {
        for (String c : List.of("g++", "c++")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, c)))
                    return Path.of(d, c).toString();
            }
        }
        return null;
    }
}
