package org.flashsplat.raster.cuda;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * Host side of the prefix scan and the stable LSD radix sort in cuda/sort.cuh. All work is queued
 * on the context's kernel stream; nothing here waits for the GPU.
 */
final class DeviceSort implements AutoCloseable {
    private static final int SCAN_CHUNK = 256 * 8;
    private static final int RADIX_THREADS = 256;
    private static final int RADIX_CHUNK = RADIX_THREADS * 16;

    private final CudaContext cx;
    private final List<DeviceBuffer> levels = new ArrayList<>();
    private final DeviceBuffer hist = new DeviceBuffer("radix histogram");

    DeviceSort(CudaContext cx) {
        this.cx = cx;
    }

    /**
     * Exclusive prefix sum of {@code n} uint32 values in place; returns a device pointer to the
     * uint32 total.
     */
    CUdeviceptr scan(CUdeviceptr data, long n) {
        return scan(data, Math.max(1, n), 0);
    }

    private CUdeviceptr scan(CUdeviceptr data, long n, int level) {
        int blocks = (int) ((n + SCAN_CHUNK - 1) / SCAN_CHUNK);
        while (levels.size() <= level) levels.add(new DeviceBuffer("scan level " + level));
        CUdeviceptr sums = levels.get(level).ensure(4L * blocks);
        Kernel.launch(cx.function("scanBlocks"), cx.stream, blocks, 256, (int) n, data, data, sums);
        if (blocks == 1) return sums;
        CUdeviceptr total = scan(sums, blocks, level + 1);
        Kernel.launch(cx.function("scanAdd"), cx.stream, blocks, 256, (int) n, data, sums);
        return total;
    }

    /**
     * Stable sort of {@code n} (key, value) pairs by the low {@code bits} bits of the keys. The
     * result is back in {@code keys}/{@code vals}; {@code keysAlt}/{@code valsAlt} are scratch of
     * the same size. Always an even number of 8-bit passes (they may overlap: re-sorting bits
     * already in order is harmless for a stable sort), so the data ends where it started.
     */
    void sort(
            CUdeviceptr keys,
            CUdeviceptr vals,
            CUdeviceptr keysAlt,
            CUdeviceptr valsAlt,
            long n,
            int bits) {
        if (n <= 1) return;
        int passes = Math.max(2, (bits + 7) / 8);
        if (passes % 2 == 1) passes++;
        int blocks = (int) ((n + RADIX_CHUNK - 1) / RADIX_CHUNK);
        CUdeviceptr h = hist.ensure(4L * 256 * blocks);
        CUdeviceptr ki = keys, vi = vals, ko = keysAlt, vo = valsAlt;
        for (int p = 0; p < passes; p++) {
            int shift = Math.max(0, Math.min(8 * p, bits - 8));
            Kernel.launch(
                    cx.function("radixHistogram"),
                    cx.stream,
                    blocks,
                    RADIX_THREADS,
                    (int) n,
                    ki,
                    shift,
                    RADIX_CHUNK,
                    h);
            scan(h, 256L * blocks);
            Kernel.launch(
                    cx.function("radixScatter"),
                    cx.stream,
                    blocks,
                    RADIX_THREADS,
                    (int) n,
                    ki,
                    vi,
                    ko,
                    vo,
                    shift,
                    RADIX_CHUNK,
                    h);
            CUdeviceptr t = ki;
            ki = ko;
            ko = t;
            t = vi;
            vi = vo;
            vo = t;
        }
    }

    /** Bits needed to hold values 0..max. */
    static int bitsFor(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, max)));
    }

    @Override
    public void close() {
        hist.close();
        for (int k = levels.size() - 1; k >= 0; k--) levels.get(k).close();
    }
}
