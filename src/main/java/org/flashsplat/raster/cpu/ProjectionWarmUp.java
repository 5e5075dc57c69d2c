package org.flashsplat.raster.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.flashsplat.camera.Camera;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;

/**
 * The process's projection kernel while the vector kernel is not yet compiled: until the JIT's
 * optimising compiler has compiled it, the Vector API runs as plain Java objects, and the first
 * projection of a 1M-Gaussian scene took 3.4 s instead of 0.5 s with the scalar kernel. So this
 * kernel projects with the scalar one (the same bits) while a background thread projects a small
 * synthetic scene with the vector one often enough to get it compiled, and with the vector one from
 * then on. The warm-up starts with the first projection, or earlier with {@link #startInBackground}
 * (the CPU warm-up of commands about to render calls it).
 */
final class ProjectionWarmUp implements ProjectionKernel {
    /**
     * Gaussians of the synthetic scene: one whole block of the vector kernel, one vector of the
     * next and a scalar tail, so that every path it takes on a real scene is compiled (a path the
     * compiler has not seen taken sends the compiled code back to the interpreter).
     */
    private static final int GAUSSIANS = 128 + 8 + 3;

    /** Projections per batch. */
    private static final int BATCH = 100;

    /**
     * Batches at most. The compiler needs about 50 (a few seconds of CPU time, its own included, on
     * a 2-core machine), most of it before anything is compiled.
     */
    static final int MAX_BATCHES = 400;

    /**
     * A batch this fast, several times in a row, means the vector kernel is compiled: 40 ns per
     * Gaussian, where anything not yet compiled takes many times more. Measured in the thread's CPU
     * time: in wall time a batch that lost the CPU to other threads (on a 2-core machine, the real
     * pass) looked slow, and the warm-up went on for seconds after the kernel was compiled, taking
     * a core from the pass and keeping it on the scalar kernel.
     */
    private static final long FAST_BATCH_NANOS = BATCH * GAUSSIANS * 40L;

    private final ProjectionKernel vector;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean ready;

    ProjectionWarmUp(ProjectionKernel vector) {
        this.vector = vector;
    }

    /** Starts the warm-up of the process's kernel, if it has one; returns at once. */
    static void startInBackground() {
        if (ProjectionKernels.get() instanceof ProjectionWarmUp w) w.start();
    }

    void start() {
        if (!started.compareAndSet(false, true)) return;
        Thread t =
                new Thread(
                        () -> {
                            run(vector, MAX_BATCHES, true);
                            ready = true;
                        },
                        "projection-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    boolean ready() {
        return ready;
    }

    @Override
    public void project(
            Projection p, SceneConstants k, Camera cam, boolean[] hidden, int from, int to) {
        if (!ready) start();
        (ready ? vector : ScalarProjection.INSTANCE).project(p, k, cam, hidden, from, to);
    }

    @Override
    public String description() {
        return vector.description();
    }

    /**
     * Projects a synthetic scene of 139 Gaussians around and behind a camera in {@code batches}
     * batches of 100 projections with {@code kernel}, or with {@code untilFast} until three batches
     * in a row were fast; returns the number of kept Gaussians, so the work cannot be optimised
     * away. Shares nothing with real work. So few Gaussians, because the compiler counts calls and
     * loop iterations: short loops reach its thresholds with the fewest vector operations run the
     * slow way.
     */
    static long run(ProjectionKernel kernel, int batches, boolean untilFast) {
        GaussianScene scene = syntheticScene(GAUSSIANS, new SplittableRandom(20261203));
        SceneConstants constants = SceneConstants.of(scene);
        Camera[] cams = new Camera[8];
        for (int c = 0; c < cams.length; c++) {
            double a = c * 0.8;
            cams[c] =
                    Camera.lookAt(
                            0,
                            "warm-up",
                            160,
                            120,
                            150,
                            new double[] {3 * Math.sin(a), -0.5, 3 * Math.cos(a)},
                            new double[] {0, 0, 0},
                            new double[] {0, -1, 0});
        }
        boolean[] hidden = new boolean[scene.count()];
        hidden[3] = true;
        Projection p = new Projection(kernel);
        p.run(constants, cams[0], null);
        LongSupplier clock = BlendWarmUp.threadClock();
        long kept = 0;
        for (int batch = 0, fast = 0; batch < batches && fast < 3; batch++) {
            long t0 = clock.getAsLong();
            for (int r = 0; r < BATCH; r++) {
                Camera cam = cams[r % cams.length];
                kernel.project(p, constants, cam, r % 4 == 3 ? hidden : null, 0, p.count);
                for (int i = 0; i < p.count; i++) if (p.rectX0[i] != p.rectX1[i]) kept++;
            }
            boolean quick = clock.getAsLong() - t0 < FAST_BATCH_NANOS;
            fast = untilFast && quick ? fast + 1 : 0;
        }
        return kept;
    }

    private static GaussianScene syntheticScene(int n, SplittableRandom rnd) {
        List<String> names = GaussianScene.REQUIRED;
        float[][] col = new float[names.size()][n];
        for (int i = 0; i < n; i++) {
            // the first half in view and opaque (whole vectors kept), the rest anywhere
            double spread = i < n / 2 ? 1 : 4;
            for (int c = 0; c < 3; c++) {
                col[c][i] = (float) rnd.nextDouble(-spread, spread); // x, y, z
            }
            col[3][i] = (float) (i < n / 2 ? 2 : rnd.nextDouble(-6, 4)); // before the sigmoid
            for (int c = 4; c < 7; c++) col[c][i] = (float) rnd.nextDouble(-6, -1); // log scale
            for (int c = 7; c < 11; c++) col[c][i] = (float) rnd.nextDouble(-1, 1); // rotation
        }
        List<VertexTable.Column> columns = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            columns.add(new VertexTable.Column(names.get(c), PlyType.FLOAT, col[c]));
        }
        return GaussianScene.of(new VertexTable(n, columns, List.of("projection warm-up")), null);
    }
}
