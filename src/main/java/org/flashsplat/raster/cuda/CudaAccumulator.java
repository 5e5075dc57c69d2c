package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;
import static jcuda.driver.JCudaDriver.cuStreamWaitEvent;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Contributions;
import org.flashsplat.scene.GaussianScene;

/**
 * The GPU side of accumulate, sparse like the host's contributions: every label in one pass, and
 * nothing of size labels x Gaussians on the device. Per view the blend writes one record (Gaussian,
 * label, fixed-point sum) per tile batch and label, and a merge adds the records into a hash table
 * of (Gaussian, label) sums ({@link SparseTable}, cuda/sparse.cuh), which stays on the device
 * across views and comes back once to be folded into the host's contributions. When a view has more
 * records than the record buffer holds, the view is blended again with room for all (its first
 * records are dropped, so nothing counts twice). Each view's mask goes through pinned memory on the
 * copy stream while the previous view still blends. Every method runs on the CUDA thread. One per
 * session; the scene and the binning buffers are the backend's.
 */
final class CudaAccumulator implements AutoCloseable {
    private final CudaBackend backend;
    private final CudaContext cx;
    private final DeviceScene scene;
    private final ViewBinning bins;
    private final DeviceBuffer recordKeys = new DeviceBuffer("contribution records");
    private final DeviceBuffer recordSums = new DeviceBuffer("contribution records");
    private DeviceBuffer tableKeys = new DeviceBuffer("contributions table");
    private DeviceBuffer tableSums = new DeviceBuffer("contributions table");
    // [walked, evaluated, blended, records] of the view; [keys in the table, out of range]
    private final DeviceBuffer stats = new DeviceBuffer("statistics");
    private final DeviceBuffer flags = new DeviceBuffer("table counters");
    private final HostBuffer counters = new HostBuffer();
    private final DeviceBuffer[] labels = {
        new DeviceBuffer("mask labels"), new DeviceBuffer("mask labels")
    };
    private final HostBuffer[] pinned = {new HostBuffer(), new HostBuffer()};
    private final CUevent[] uploaded = new CUevent[2], consumed = new CUevent[2];
    private final List<CUevent[]> timers = new ArrayList<>();
    private final long[] totals = new long[3];
    private long slots, occupied, recordCapacity;
    private int next;

    /** The most slots the table may have (tests force flushes with a small one). */
    long maxSlots = Long.MAX_VALUE;

    CudaAccumulator(CudaBackend backend) {
        this.backend = backend;
        this.cx = backend.cx;
        this.scene = backend.scene;
        this.bins = backend.bins;
    }

    /** Starts a pass: an empty table sized for about half an entry per Gaussian. */
    void begin(int count) {
        releaseTimers(); // left over if the previous pass was cancelled
        java.util.Arrays.fill(totals, 0);
        long want = Math.min(SparseTable.slotsFor(Math.max(1, count / 2)), maxSlots);
        if (want != slots || tableKeys.ptr() == null) {
            tableKeys.close();
            tableSums.close();
            slots = Math.max(SparseTable.MIN_SLOTS, Long.highestOneBit(want));
            tableKeys.ensure(8 * slots);
            tableSums.ensure(8 * slots);
        }
        flags.ensure(16);
        stats.ensure(32);
        counters.ensure(48);
        clearTable();
        cuMemsetD32Async(flags.ptr(), 0, 4, cx.stream);
        recordCapacity = Math.max(1 << 16, count / 4);
        recordKeys.ensure(8 * recordCapacity);
        recordSums.ensure(8 * recordCapacity);
        next = 0;
    }

    private void clearTable() {
        cuMemsetD32Async(tableKeys.ptr(), 0xffffffff, 2 * slots, cx.stream); // EMPTY_KEY
        cuMemsetD32Async(tableSums.ptr(), 0, 2 * slots, cx.stream);
        occupied = 0;
    }

    /**
     * One view: its mask upload (copy stream), binning (one wait for the entry count), the blend,
     * one wait for its record count, then the merge into the table (queued, not waited for).
     * Flushes of a full table go into {@code into}. Returns the view's timer index.
     */
    int view(GaussianScene s, Camera cam, int[] mask, boolean timed, Contributions into) {
        scene.use(s); // a no-op unless another session's render of another scene came in between
        int slot = next++ & 1;
        int bytes = 4 * mask.length;
        if (uploaded[slot] == null) {
            uploaded[slot] = event(CUevent_flags.CU_EVENT_DISABLE_TIMING);
            consumed[slot] = event(CUevent_flags.CU_EVENT_DISABLE_TIMING);
        }
        // pinned[slot] and labels[slot] were last used two views ago, which has finished: this
        // method waits for each view's blend.
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
        cuStreamWaitEvent(cx.stream, uploaded[slot], 0);
        long records = blend(cam, labels[slot]);
        if (records > recordCapacity) { // rare: blend again with room for every record
            recordCapacity = records;
            recordKeys.ensure(8 * records);
            recordSums.ensure(8 * records);
            records = blend(cam, labels[slot]);
        }
        ByteBuffer c = counters.bytes();
        for (int k = 0; k < 3; k++) totals[k] += c.getLong(8 * k);
        occupied = c.getLong(32); // exact: every earlier merge has finished
        merge(records, into);
        cuEventRecord(consumed[slot], cx.stream);
        if (t != null) cuEventRecord(t[1], cx.stream);
        return timers.size() - 1;
    }

    /** Blends the binned view into the record buffer and waits; returns the records it wanted. */
    private long blend(Camera cam, DeviceBuffer mask) {
        cuMemsetD32Async(stats.ptr(), 0, 8, cx.stream);
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
                mask,
                cam.width(),
                cam.height(),
                bins.gridX,
                recordKeys,
                recordSums,
                recordCapacity,
                stats);
        cuMemcpyDtoHAsync(counters.ptr(), stats.ptr(), 32, cx.stream);
        cuMemcpyDtoHAsync(counters.ptr().withByteOffset(32), flags.ptr(), 16, cx.stream);
        cuStreamSynchronize(cx.stream);
        backend.sample(); // every per-view buffer is allocated by now: the peak
        return counters.bytes().getLong(24);
    }

    /** Merges the view's records into the table, growing or flushing it as SparseTable plans. */
    private void merge(long records, Contributions into) {
        long max = SparseTable.maxSlots(backend.sample(), slots, maxSlots);
        for (SparseTable.Step step : SparseTable.plan(occupied, records, slots, max)) {
            switch (step) {
                case SparseTable.Grow g -> grow(g.slots());
                case SparseTable.Flush f -> flush(into);
                case SparseTable.Merge m -> {
                    Kernel.linear(
                            cx.function("mergeRecords"),
                            cx.stream,
                            m.count(),
                            256,
                            recordKeys.ptr().withByteOffset(8 * m.from()),
                            recordSums.ptr().withByteOffset(8 * m.from()),
                            m.count(),
                            tableKeys,
                            tableSums,
                            slots - 1,
                            flags);
                    occupied += m.count(); // a bound until the next view reads the exact count
                }
            }
        }
    }

    /** Rehashes the table into {@code to} slots (the old one is freed once that has run). */
    private void grow(long to) {
        DeviceBuffer keys = new DeviceBuffer("contributions table");
        DeviceBuffer sums = new DeviceBuffer("contributions table");
        keys.ensure(8 * to);
        sums.ensure(8 * to);
        cuMemsetD32Async(keys.ptr(), 0xffffffff, 2 * to, cx.stream);
        cuMemsetD32Async(sums.ptr(), 0, 2 * to, cx.stream);
        cuMemsetD32Async(flags.ptr(), 0, 2, cx.stream); // the new table counts its keys afresh
        Kernel.linear(
                cx.function("rehashTable"),
                cx.stream,
                slots,
                256,
                tableKeys,
                tableSums,
                slots,
                keys,
                sums,
                to - 1,
                flags);
        cuStreamSynchronize(cx.stream); // the old table is read until here
        tableKeys.close();
        tableSums.close();
        tableKeys = keys;
        tableSums = sums;
        slots = to;
    }

    /** Slots downloaded at a time by a flush (two 32 MiB host arrays). */
    private static final int FLUSH_SLOTS = 1 << 22;

    /**
     * Folds the table into {@code into} and empties it (waits for the GPU). The table is read back
     * as it is, a part at a time, empty slots included: no second device buffer is needed, which
     * matters because a flush happens when device memory is short.
     */
    private void flush(Contributions into) {
        cuStreamSynchronize(cx.stream);
        long[] f = new long[2];
        cuMemcpyDtoH(Pointer.to(f), flags.ptr(), 16);
        if (f[1] != 0) {
            throw new IllegalStateException(
                    "a contribution on the GPU exceeds the 64-bit fixed-point range (2^31"
                            + " full-weight pixel-views on one Gaussian and label)");
        }
        if (f[0] > 0) {
            int part = (int) Math.min(slots, FLUSH_SLOTS);
            long[] keys = new long[part], sums = new long[part];
            for (long at = 0; at < slots; at += part) {
                int n = (int) Math.min(part, slots - at);
                cuMemcpyDtoH(Pointer.to(keys), tableKeys.ptr().withByteOffset(8 * at), 8L * n);
                cuMemcpyDtoH(Pointer.to(sums), tableSums.ptr().withByteOffset(8 * at), 8L * n);
                SparseTable.fold(keys, sums, n, into);
            }
        }
        clearTable();
        cuMemsetD32Async(flags.ptr(), 0, 2, cx.stream);
    }

    /** Waits for the pass, folds the table into {@code into}; returns walked/evaluated/blended. */
    long[] finish(Contributions into) {
        flush(into);
        return totals.clone();
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
        counters.close();
        flags.close();
        stats.close();
        tableSums.close();
        tableKeys.close();
        recordSums.close();
        recordKeys.close();
    }
}
