package org.flashsplat.raster.cuda;

import org.flashsplat.raster.DeviceMemory;

/**
 * What one process holds on the GPU, once: the context with its thread, module and streams, the
 * scene, and the per-view buffers (binning, sort, frames). Sessions ({@link CudaRenderer}) borrow
 * it through {@link SharedBackend}; every call runs on the context's one thread and its one kernel
 * stream, so the shared per-view buffers are used by one call at a time, in stream order (an
 * accumulate's blend still in flight finishes before another session's next view overwrites them,
 * and {@link DeviceBuffer#ensure} synchronises before it frees).
 */
final class CudaBackend implements AutoCloseable {
    final CudaContext cx;
    final DeviceSort sort;
    final DeviceScene scene;
    final ViewBinning bins;
    final CudaFrames frames;

    // The last device memory sample (bytes in use on the device, all processes, and its total):
    // read by the studio's status bar without waiting for the CUDA thread.
    private volatile long used, total;

    private CudaBackend(CudaContext cx) {
        this.cx = cx;
        this.sort = new DeviceSort(cx);
        this.scene = new DeviceScene(cx);
        this.bins = new ViewBinning(cx, sort);
        this.frames = new CudaFrames(cx, scene, bins);
    }

    /** The process's backend, shared by every session. */
    static final SharedBackend<CudaBackend> SHARED = new SharedBackend<>(CudaBackend::open);

    private static CudaBackend open() throws CudaUnavailableException {
        CudaProbe.kernels();
        CudaProbe.driver();
        CudaBackend b = new CudaBackend(CudaContext.open(CudaProbe.image()));
        try {
            b.cx.call(
                    () -> {
                        b.sample();
                        return null;
                    });
        } catch (RuntimeException e) {
            b.close(); // no session will hold it: release the context now
            throw e;
        }
        return b;
    }

    /** Samples device memory (on the CUDA thread); returns the free bytes. */
    long sample() {
        long free = cx.freeMemory();
        total = cx.totalMemory;
        used = total - free;
        return free;
    }

    /** The last sample; never waits. */
    DeviceMemory memory() {
        return new DeviceMemory(used, total);
    }

    /** Frees device memory in reverse order of creation, then the context and its thread. */
    @Override
    public void close() {
        try {
            cx.call(
                    () -> {
                        frames.close();
                        bins.close();
                        scene.close();
                        sort.close();
                        return null;
                    });
        } finally {
            cx.close();
        }
    }
}
