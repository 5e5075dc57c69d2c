package org.flashsplat.raster.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.flashsplat.raster.Contributions;

/**
 * Gets the blend loop compiled before the first real view. Until the JIT's optimising compiler has
 * compiled the vector kernel, the Vector API runs as plain Java objects, tens of times slower than
 * the scalar kernel, and on this project's 2-core machines that lasted about 3 CPU seconds of the
 * first accumulate. Blending a small synthetic view on a background thread while the command still
 * reads its scene moves that cost off the critical path. It shares nothing with real work (its own
 * blender, projection, bins and contributions), so results cannot depend on it.
 */
public final class BlendWarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** Blends of the synthetic view at most; the compiler needs 10-20. */
    private static final int ROUNDS = 300;

    /**
     * A round this cheap, three times in a row, means the vector kernel is compiled: about 1.5 ms
     * of CPU once it is, 110-140 ms before (the first compiler's code still makes objects of
     * vectors). The 290 rounds that used to follow (about 1.5 ms each) were CPU the studio and
     * commands can use; bench-1m's accumulate, 2 s after launch, took the same time either way.
     */
    private static final long FAST_ROUND_NANOS = 5_000_000;

    /** Labels of the synthetic view: more than {@code Contributions.SLOTS} per Gaussian. */
    private static final int LABELS = 6;

    private BlendWarmUp() {}

    /** Starts the warm-up once per process, on a daemon thread; returns at once. */
    public static void startInBackground() {
        if (!STARTED.compareAndSet(false, true)) return;
        ProjectionWarmUp.startInBackground();
        Thread t = new Thread(() -> run(RowKernels.get(), ROUNDS, true), "blend-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Accumulates a 64x64 view of 1000 random Gaussians under six labels (rows of one label, rows
     * of mixed labels like real masks, Gaussians under more labels than their slots, tiles deep
     * enough that pixels stop and later Gaussians find their rows closed: a path the compiler has
     * not seen taken sends the compiled code back to the interpreter) {@code rounds} times, or with
     * {@code untilFast} until three rounds in a row were fast; returns the total weight, so the
     * work cannot be optimised away.
     */
    static long run(RowKernel kernel, int rounds, boolean untilFast) {
        LongSupplier clock = threadClock();
        int n = 1000, size = 64;
        Projection p = syntheticView(n, size, new SplittableRandom(20261203));
        TileBins bins = new TileBins();
        bins.build(p);
        int[] labels = new int[size * size];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                // rows of one label on the left and bands of one label per row (changing from
                // row to row) on the right; between them narrow stripes of five labels, so that
                // larger Gaussians reach more labels than a Gaussian's slots hold
                int label =
                        u < 24
                                ? 0
                                : u >= 48
                                        ? 1 + v / 3 % (LABELS - 1)
                                        : 1 + (u + 2 * v) / 5 % (LABELS - 1);
                labels[v * size + u] = (u + v) % 7 == 0 ? -1 : label;
            }
        }
        TileBlender blender = new TileBlender(kernel);
        long total = 0;
        for (int round = 0, fast = 0; round < rounds && fast < 3; round++) {
            long t0 = clock.getAsLong();
            Contributions into = new Contributions(LABELS, n);
            for (int t = 0; t < bins.tiles; t++) {
                blender.blend(p, bins, t, size, size, labels, into, null);
            }
            total += into.fixed(1, round % n);
            boolean quick = clock.getAsLong() - t0 < FAST_ROUND_NANOS;
            fast = untilFast && quick ? fast + 1 : 0;
        }
        return total;
    }

    /**
     * The calling thread's CPU time where the JVM measures it, else wall time: what the warm-ups
     * judge a round by, so that a round that lost the CPU to other threads does not look slow.
     */
    static LongSupplier threadClock() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported()
                ? threads::getCurrentThreadCpuTime
                : System::nanoTime;
    }

    private static Projection syntheticView(int n, int size, SplittableRandom rnd) {
        Projection p = new Projection();
        p.ensure(n);
        p.count = n;
        p.order = SceneConstants.identity(n);
        p.width = p.height = size;
        p.gridX = p.gridY = (size + Projection.TILE - 1) / Projection.TILE;
        for (int i = 0; i < n; i++) {
            // the first 30% large, nearly opaque and in front: they stop pixels in whole rows,
            // where later Gaussians then find every row closed (real views have both kinds of
            // tile, and each path the compiler has not seen taken costs a recompilation)
            boolean front = i < n * 3 / 10;
            double sx = (front ? 5 : 0.5) + rnd.nextDouble() * 6;
            double sy = (front ? 5 : 0.5) + rnd.nextDouble() * 6;
            double angle = rnd.nextDouble() * Math.PI, c = Math.cos(angle), s = Math.sin(angle);
            // covariance R diag(sx^2, sy^2) R^T and its inverse, the conic
            double a = c * c * sx * sx + s * s * sy * sy, b = c * s * (sx * sx - sy * sy);
            double d = s * s * sx * sx + c * c * sy * sy, det = a * d - b * b;
            float o = (float) (front ? 0.99 : 0.05 + 0.94 * rnd.nextDouble());
            double tau = Math.log(255.0 * o) + 1e-3;
            float qa = (float) (d / det), qb = (float) (-b / det), qc = (float) (a / det);
            double qdet = (double) qa * qc - (double) qb * qb;
            // the front ones stay left of the last column of tiles, whose pixels then outlast
            // the tile's list
            float cx = (float) (rnd.nextDouble() * (front ? size / 2 + 8 : size + 16) - 8);
            float cy = (float) (rnd.nextDouble() * (size + 16) - 8);
            int base = i * Projection.STRIDE;
            float[] pk = p.packed;
            pk[base + Projection.X] = cx;
            pk[base + Projection.Y] = cy;
            pk[base + Projection.CONIC_A] = qa;
            pk[base + Projection.CONIC_B] = qb;
            pk[base + Projection.CONIC_C] = qc;
            pk[base + Projection.OPACITY] = o;
            pk[base + Projection.POWER_MIN] = (float) -tau;
            pk[base + Projection.DEPTH] = (float) ((front ? 0.5 : 1) + rnd.nextDouble() * 0.5);
            pk[base + Projection.EXTENT_X] = (float) (Math.sqrt(2 * tau * qc / qdet) + 0.01);
            pk[base + Projection.EXTENT_Y] = (float) (Math.sqrt(2 * tau * qa / qdet) + 0.01);
            float radius = (float) Math.ceil(3 * Math.max(sx, sy));
            p.rectX0[i] = clamp((int) ((cx - radius) / Projection.TILE), p.gridX);
            p.rectY0[i] = clamp((int) ((cy - radius) / Projection.TILE), p.gridY);
            p.rectX1[i] =
                    clamp((int) ((cx + radius + Projection.TILE - 1) / Projection.TILE), p.gridX);
            p.rectY1[i] =
                    clamp((int) ((cy + radius + Projection.TILE - 1) / Projection.TILE), p.gridY);
            if (p.rectY0[i] == p.rectY1[i]) p.rectX1[i] = p.rectX0[i];
        }
        return p;
    }

    private static int clamp(int x, int max) {
        return Math.min(max, Math.max(0, x));
    }
}
