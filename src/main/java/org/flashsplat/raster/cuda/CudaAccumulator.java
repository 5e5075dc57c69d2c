package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Contributions;
import org.flashsplat.scene.GaussianScene;

/**
 * The GPU side of accumulate: A stays on the device in fixed point across all views and comes back
 * once. Each view's mask goes through pinned memory on the copy stream while the previous view
 * still blends. When A does not fit next to the per-view buffers, labels are processed in chunks of
 * rows (each chunk one more pass over the views). Every method runs on the CUDA thread.
 */
final class CudaAccumulator implements AutoCloseable {
    private final CudaContext cx;
    private final DeviceScene scene;
    private final ViewBinning bins;
    private final DeviceBuffer contributions = new DeviceBuffer("contributions");
    private final DeviceBuffer stats = new DeviceBuffer("statistics");
    private final DeviceBuffer[] labels = {
        new DeviceBuffer("mask labels"), new DeviceBuffer("mask labels")
    };
    private final HostBuffer[] pinned = {new HostBuffer(), new HostBuffer()};
    private final CUevent[] uploaded = new CUevent[2], consumed = new CUevent[2];
    private final List<CUevent[]> timers = new ArrayList<>();
    private int lo, rows, next;

    CudaAccumulator(CudaContext cx, DeviceScene scene, ViewBinning bins) {
        this.cx = cx;
        this.scene = scene;
        this.bins = bins;
    }

    /**
     * Rows of A per chunk that fit in free memory beside the per-view buffers (at most {@code
     * labels}).
     */
    int plan(int labelCount, int count, long pixels) {
        long free = cx.freeMemory();
        long perView =
                ViewBinning.bytesPerGaussian() * count * 9 / 8 // per-Gaussian view buffers
                        + 16L * 8 * count // tile entries, a generous guess (8 tiles per Gaussian)
                        + 16 * pixels // mask buffers
                        + (64L << 20); // driver, scan levels, histograms
        long perRow = 8L * Math.max(1, count);
        long fit = (free - perView) / perRow;
        if (fit < 1) {
            throw new DeviceBuffer.GpuMemoryException(
                    "GPU out of memory: "
                            + DeviceBuffer.mib(free)
                            + " MiB free, a view of this scene needs about "
                            + DeviceBuffer.mib(perView + perRow)
                            + " MiB");
        }
        return (int) Math.min(labelCount, fit);
    }

    /** Starts a chunk of rows [lo, lo + rows) of A: zeroed on the device. */
    void begin(int lo, int rows, int count) {
        this.lo = lo;
        this.rows = rows;
        releaseTimers(); // left over if the previous pass was cancelled
        contributions.ensure(8L * rows * Math.max(1, count));
        cuMemsetD32Async(contributions.ptr(), 0, 2L * rows * count, cx.stream);
        stats.ensure(24);
        cuMemsetD32Async(stats.ptr(), 0, 6, cx.stream);
        next = 0;
    }

    /**
     * Queues one view: its mask upload (copy stream), binning (waits once for the entry count) and
     * the blend (returns without waiting for it). Returns the view's timer index.
     */
    int view(GaussianScene s, Camera cam, int[] mask, boolean timed) {
        scene.use(s); // a no-op unless a render of another scene came in between
        int slot = next++ & 1;
        int bytes = 4 * mask.length;
        if (uploaded[slot] == null) {
            uploaded[slot] = event(CUevent_flags.CU_EVENT_DISABLE_TIMING);
            consumed[slot] = event(CUevent_flags.CU_EVENT_DISABLE_TIMING);
        }
        // pinned[slot] and labels[slot] were last used two views ago, which has finished: the
        // binning of the previous view waited on the kernel stream.
        pinned[slot].ensure(bytes);
        pinned[slot].bytes().asIntBuffer().put(mask);
        labels[slot].ensure(bytes);
        cuStreamWaitEvent(cx.copyStream, consumed[slot], 0);
        cuMemcpyHtoDAsync(labels[slot].ptr(), pinned[slot].ptr(), bytes, cx.copyStream);
        cuEventRecord(uploaded[slot], cx.copyStream);
        CUevent[] t = null;
        if (timed) {
            t = new CUevent[] {event(0), event(0)};
            timers.add(t);
            cuEventRecord(t[0], cx.stream);
        }
        bins.run(scene, cam, null);
        cx.freeMemory(); // samples the peak: every per-view buffer is allocated by now
        cuStreamWaitEvent(cx.stream, uploaded[slot], 0);
        Kernel.launch(
                cx.function("accumulateTiles"),
                cx.stream,
                bins.tiles,
                256,
                bins.ranges,
                bins.tileVals,
                bins.xy,
                bins.conicO,
                bins.powerMin,
                labels[slot],
                cam.width(),
                cam.height(),
                bins.gridX,
                lo,
                rows,
                scene.count,
                contributions,
                stats);
        cuEventRecord(consumed[slot], cx.stream);
        if (t != null) cuEventRecord(t[1], cx.stream);
        return timers.size() - 1;
    }

    /**
     * Waits for the chunk and adds its rows into {@code into}; returns walked/evaluated/blended.
     */
    long[] finish(Contributions into) {
        cuStreamSynchronize(cx.stream);
        int n = into.count();
        long[] rowsFixed = new long[rows * n];
        if (rowsFixed.length > 0) {
            cuMemcpyDtoH(Pointer.to(rowsFixed), contributions.ptr(), 8L * rowsFixed.length);
        }
        // The device still sums a dense chunk of rows; only its non-zero entries reach the host.
        for (int k = 0; k < rowsFixed.length; k++)
            if (rowsFixed[k] != 0) into.addAtomic(lo + k / n, k % n, rowsFixed[k]);
        long[] s = new long[3];
        cuMemcpyDtoH(Pointer.to(s), stats.ptr(), 24);
        return s;
    }

    /** Milliseconds of each timed view, in order; releases the timers. */
    double[] viewMillis() {
        cuStreamSynchronize(cx.stream);
        double[] ms = new double[timers.size()];
        float[] f = {0};
        for (int k = 0; k < ms.length; k++) {
            cuEventElapsedTime(f, timers.get(k)[0], timers.get(k)[1]);
            ms[k] = f[0];
        }
        releaseTimers();
        return ms;
    }

    private void releaseTimers() {
        for (CUevent[] t : timers) {
            cuEventDestroy(t[1]);
            cuEventDestroy(t[0]);
        }
        timers.clear();
    }

    private static CUevent event(int flags) {
        CUevent e = new CUevent();
        cuEventCreate(e, flags);
        return e;
    }

    @Override
    public void close() {
        releaseTimers();
        for (int k = 1; k >= 0; k--) {
            if (consumed[k] != null) cuEventDestroy(consumed[k]);
            if (uploaded[k] != null) cuEventDestroy(uploaded[k]);
            pinned[k].close();
            labels[k].close();
        }
        stats.close();
        contributions.close();
    }
}
