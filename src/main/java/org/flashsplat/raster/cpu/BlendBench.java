package org.flashsplat.raster.cpu;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;

/**
 * Benchmark of the CPU blend, all figures from one run so they can be compared as ratios: the
 * per-pair arithmetic alone (a row kernel on one tile, the limit of the machine), then the full
 * accumulate pass with each kernel on 1 and 2 threads, as CPU ns per evaluated pair and as a
 * fraction of that limit. Run: {@code java --add-modules jdk.incubator.vector -cp
 * target/flashsplat.jar org.flashsplat.raster.cpu.BlendBench [preset] [views]}.
 */
public final class BlendBench {
    private BlendBench() {}

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "bench-1m";
        int views = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        RowKernel vector = RowKernels.vector();
        List<RowKernel> kernels =
                vector == null
                        ? List.of(ScalarRowKernel.INSTANCE)
                        : List.of(ScalarRowKernel.INSTANCE, vector);
        for (int round = 0; round < 2; round++) {
            for (RowKernel k : kernels) {
                System.out.printf(
                        Locale.ROOT,
                        "pair limit, %s: %.2f CPU ns per pair%n",
                        k.description(),
                        pairLimitNanos(k));
            }
        }
        SceneSpec spec = SceneSpec.preset(preset);
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        List<Camera> cams = g.cameras().subList(0, Math.min(views, g.cameras().size()));
        LabelMask[] masks = new LabelMask[cams.size()];
        for (int v = 0; v < cams.size(); v++) masks[v] = SampleMasks.discs(g, cams.get(v));
        for (int round = 0; round < 2; round++) {
            for (int threads = 1; threads <= 2; threads++) {
                for (RowKernel k : kernels) {
                    double limit = pairLimitNanos(k);
                    try (CpuRenderer r = new CpuRenderer(threads, k)) {
                        Contributions into =
                                new Contributions(spec.objects() + 1, g.scene().count());
                        long wall = System.nanoTime(), cpu = processCpuNanos();
                        AccumulateStats st =
                                r.accumulate(g.scene(), cams, v -> masks[v], into, Progress.NONE);
                        double seconds = (System.nanoTime() - wall) / 1e9;
                        double cpuNanos = processCpuNanos() - cpu;
                        double perPair = cpuNanos / st.evaluatedPairs();
                        System.out.printf(
                                Locale.ROOT,
                                "%s, %d views, %s, %d thread(s): %.2f s wall, %.2f CPU s,"
                                        + " %.1f CPU ns per evaluated pair, limit %.2f ns ="
                                        + " %.0f%% of the limit%n",
                                spec.name(),
                                cams.size(),
                                k.description(),
                                threads,
                                seconds,
                                cpuNanos / 1e9,
                                perPair,
                                limit,
                                100 * limit / perPair);
                    }
                }
            }
        }
    }

    /**
     * CPU ns per pixel-Gaussian pair of the kernel alone: one 16x16 tile, every pixel inside the
     * Gaussian and blending (alpha about 0.02), the fixed-point row sum included, transmittance
     * reset before pixels would stop.
     */
    static double pairLimitNanos(RowKernel k) {
        TileScratch s = new TileScratch();
        int tile = Projection.TILE, pixels = tile * tile, gaussians = 200;
        float ca = 0.002f, cb = 0.0005f, cc = 0.003f, o = 0.02f;
        float pmin = (float) Math.log(Projection.ALPHA_MIN / o) - 1;
        long sink = 0;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 40; rep++) {
            long t0 = threadCpuNanos();
            for (int batch = 0; batch < 50; batch++) {
                java.util.Arrays.fill(s.transmittance, 0, pixels, 1f);
                java.util.Arrays.fill(s.stoppedAt, 0, pixels, -1);
                java.util.Arrays.fill(s.openBits, (1 << tile) - 1);
                s.rowsOpen = (1 << tile) - 1;
                for (int e = 0; e < gaussians; e++) {
                    float gx = 7.5f + (e & 7) * 0.125f, gy = 7.5f - (e & 3) * 0.25f;
                    sink +=
                            k.blendRows(
                                    s, tile, 0, 0, 0, tile - 1, 0, tile - 1, gx, gy, ca, cb, cc, o,
                                    pmin, e, true);
                    sink += s.labelSum[0];
                    s.labelSum[0] = 0;
                    s.touchedCount = 0;
                }
            }
            best = Math.min(best, threadCpuNanos() - t0);
        }
        if (sink == 42) System.out.print("");
        return (double) best / (50L * gaussians * pixels);
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
