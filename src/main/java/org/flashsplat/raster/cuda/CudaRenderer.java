package org.flashsplat.raster.cuda;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.DeviceMemory;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.MaskProvider;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * A session of the CUDA backend: the forward pass of DESIGN.md section 2 in kernels built from
 * cuda/ and driven through the JCuda driver API. Results match {@link
 * org.flashsplat.raster.cpu.CpuRenderer}: the same arithmetic, the same (depth, index) order, the
 * same fixed-point contributions.
 *
 * <p>Sessions are light: the context, the module, the scene on the device and the per-view buffers
 * belong to the process's one {@link CudaBackend}, which the first session opens and the last one
 * closes. A session owns only what an accumulate keeps across its views (the sparse sums on the
 * device, the pinned mask buffers) and a mask prefetch thread. The scene is uploaded once and again
 * only when another scene comes in. Statistics: walked and evaluated pairs count the pairs on the
 * GPU's tile lists, which exact culling has already shortened, so they are at most the CPU's
 * numbers; blended pairs are the same. One session is not safe for concurrent calls, like the CPU
 * renderer; several sessions may be used from several threads.
 */
public final class CudaRenderer implements Renderer {
    private final SharedBackend<CudaBackend>.Lease lease;
    private final CudaBackend backend;
    private final CudaContext cx;
    private final CudaAccumulator accumulator;
    private final ExecutorService maskLoader =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "cuda-mask-prefetch");
                        t.setDaemon(true);
                        return t;
                    });
    private boolean closed;

    /** Caps the slots of the device's sparse table (tests force it to grow and flush). */
    long maxTableSlots = Long.MAX_VALUE;

    private CudaRenderer(SharedBackend<CudaBackend>.Lease lease) {
        this.lease = lease;
        this.backend = lease.get();
        this.cx = backend.cx;
        this.accumulator = new CudaAccumulator(backend);
    }

    /**
     * Why this process cannot use the CUDA backend (no kernels, no driver, no capable device), or
     * null when it can; opens no context.
     */
    public static String unavailableReason() {
        try {
            CudaProbe.kernels();
            CudaProbe.driver();
            CudaProbe.device();
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    /**
     * Opens a session of the process's backend on device 0, or says why it cannot: no kernels in
     * this build, no driver, no device, a driver too old for the kernels. Never lets a native
     * loading error through.
     */
    public static Renderer open() throws CudaUnavailableException {
        return new CudaRenderer(CudaBackend.SHARED.lease());
    }

    @Override
    public String kind() {
        return "cuda";
    }

    @Override
    public String description() {
        return String.format(
                Locale.ROOT, "CUDA, %s (%.0f GiB)", cx.name, cx.totalMemory / (double) (1L << 30));
    }

    @Override
    public AccumulateStats accumulate(
            GaussianScene s,
            List<Camera> cameras,
            MaskProvider masks,
            Contributions into,
            Progress progress) {
        if (into.count() != s.count()) {
            throw new IllegalArgumentException(
                    "contributions for " + into.count() + " Gaussians, scene has " + s.count());
        }
        // Work on a copy so a cancelled or failed pass leaves the caller's contributions as they
        // were. Every label in one pass: the device keeps sparse sums, never labels x Gaussians.
        Contributions sum = new Contributions(into.labels(), into.count());
        int views = 0;
        long pixels = 0;
        progress.begin("accumulate", cameras.size());
        cx.call(
                () -> {
                    accumulator.maxSlots = maxTableSlots;
                    accumulator.begin(s.count());
                    return null;
                });
        CompletableFuture<int[]> next = prefetch(masks, cameras, 0, into);
        for (int v = 0; v < cameras.size(); v++) {
            progress.checkCancelled();
            int[] labels = join(next);
            next = prefetch(masks, cameras, v + 1, into);
            if (labels != null) {
                Camera cam = cameras.get(v);
                cx.call(() -> accumulator.view(s, cam, labels, true, sum));
                views++;
                pixels += labels.length;
            }
            progress.advance(1);
        }
        next.cancel(false);
        long[] counts =
                cx.call(
                        () -> {
                            long[] r = accumulator.finish(sum);
                            backend.sample();
                            return r;
                        });
        double[] millis = cx.call(accumulator::viewMillis);
        into.add(sum);
        return new AccumulateStats(views, pixels, counts[0], counts[1], counts[2], millis);
    }

    /** The prefetched mask, with the reader's own exception (as the CPU renderer throws it). */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** A view's mask labels checked against the camera and the label count, off the CUDA thread. */
    private CompletableFuture<int[]> prefetch(
            MaskProvider masks, List<Camera> cameras, int v, Contributions into) {
        if (v >= cameras.size()) return CompletableFuture.completedFuture(null);
        return CompletableFuture.supplyAsync(
                () -> {
                    LabelMask mask = masks.mask(v);
                    if (mask == null) return null;
                    Camera cam = cameras.get(v);
                    if (mask.width() != cam.width() || mask.height() != cam.height()) {
                        throw new IllegalArgumentException(
                                "mask of view "
                                        + cam.name()
                                        + " is not at the camera's resolution");
                    }
                    int[] l = mask.labels();
                    for (int q = 0; q < l.length; q++) {
                        if (l[q] >= into.labels()) {
                            throw new IllegalArgumentException(
                                    "label "
                                            + l[q]
                                            + " at pixel "
                                            + q % cam.width()
                                            + ","
                                            + q / cam.width());
                        }
                    }
                    return l;
                },
                maskLoader);
    }

    /**
     * Peak device memory: held by the backend's buffers, and in use on the device as the driver
     * reports it (context and other processes included), in bytes. For benchmarks.
     */
    public long[] peakMemory() {
        return cx.call(() -> new long[] {DeviceBuffer.peakBytes(), cx.peakUsed});
    }

    /**
     * The device memory of the process's backend as last sampled (each view, each render), or null
     * while no session is open; never waits for the GPU.
     */
    public static DeviceMemory memoryNow() {
        CudaBackend b = CudaBackend.SHARED.current();
        return b == null ? null : b.memory();
    }

    @Override
    public Frame render(GaussianScene s, Camera camera, RenderRequest request) {
        return cx.call(
                () -> {
                    Frame f = backend.frames.render(s, camera, request);
                    backend.sample();
                    return f;
                });
    }

    /** Frees this session's device memory; the backend closes with its last session. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        maskLoader.shutdownNow();
        try {
            cx.call(
                    () -> {
                        accumulator.close();
                        return null;
                    });
        } finally {
            lease.close();
        }
    }
}
