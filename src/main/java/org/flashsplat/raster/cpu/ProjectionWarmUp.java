package org.flashsplat.raster.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
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
     * Projections of the synthetic scene at most. The compiler needs about 200 (4 to 5 s of CPU
     * time on a 2-core machine), most of it in the first rounds, before anything is compiled.
     */
    static final int MAX_ROUNDS = 600;

    /**
     * A round this fast, several times in a row, means the vector kernel is compiled: about 40 ns
     * per Gaussian, where compiled scalar code takes about 70 and anything not yet compiled many
     * times more.
     */
    private static final long FAST_ROUND_NANOS = 4096 * 40;

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
                            run(vector, MAX_ROUNDS, true);
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
            Projection p,
            GaussianScene s,
            SceneConstants k,
            Camera cam,
            boolean[] hidden,
            int from,
            int to) {
        if (!ready) start();
        (ready ? vector : ScalarProjection.INSTANCE).project(p, s, k, cam, hidden, from, to);
    }

    @Override
    public String description() {
        return vector.description();
    }

    /**
     * Projects a synthetic scene of 4,096 Gaussians around and behind a camera {@code rounds} times
     * with {@code kernel}, or with {@code untilFast} until five rounds in a row were fast; returns
     * the number of kept Gaussians, so the work cannot be optimised away. Shares nothing with real
     * work.
     */
    static long run(ProjectionKernel kernel, int rounds, boolean untilFast) {
        GaussianScene scene = syntheticScene(4096, new SplittableRandom(20261203));
        SceneConstants constants = SceneConstants.of(scene);
        Projection p = new Projection(kernel);
        long kept = 0;
        for (int round = 0, fast = 0; round < rounds && fast < 5; round++) {
            long t0 = System.nanoTime();
            double a = round * 0.05;
            Camera cam =
                    Camera.lookAt(
                            0,
                            "warm-up",
                            160,
                            120,
                            150,
                            new double[] {3 * Math.sin(a), -0.5, 3 * Math.cos(a)},
                            new double[] {0, 0, 0},
                            new double[] {0, -1, 0});
            p.run(scene, constants, cam, round % 4 == 3 ? new boolean[scene.count()] : null);
            boolean quick = System.nanoTime() - t0 < FAST_ROUND_NANOS;
            fast = untilFast && quick ? fast + 1 : 0;
            for (int i = 0; i < p.count; i++) if (p.rectX0[i] != p.rectX1[i]) kept++;
        }
        return kept;
    }

    private static GaussianScene syntheticScene(int n, SplittableRandom rnd) {
        List<String> names = GaussianScene.REQUIRED;
        float[][] col = new float[names.size()][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) col[c][i] = (float) rnd.nextDouble(-4, 4); // x, y, z
            col[3][i] = (float) rnd.nextDouble(-6, 4); // opacity, before the sigmoid
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
