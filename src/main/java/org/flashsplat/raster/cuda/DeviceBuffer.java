package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;

/**
 * One device allocation that is reused from call to call and only grows (with headroom, so a slowly
 * growing need does not reallocate every view). Contents are not kept when it grows. Used only on
 * the CUDA thread.
 *
 * <p>Growing frees the old allocation only after the context is synchronised: kernels queued on a
 * stream may still read or write it (a view's binning buffers grow while the previous view's blend
 * is in flight).
 */
final class DeviceBuffer implements AutoCloseable {
    /**
     * The three driver calls a buffer makes, so its lifetime rules can be checked without a GPU.
     */
    interface Driver {
        void alloc(CUdeviceptr p, long bytes);

        void free(CUdeviceptr p);

        /** Waits until every queued operation of the context has finished. */
        void synchronize();
    }

    static final Driver CUDA =
            new Driver() {
                @Override
                public void alloc(CUdeviceptr p, long bytes) {
                    cuMemAlloc(p, bytes);
                }

                @Override
                public void free(CUdeviceptr p) {
                    cuMemFree(p);
                }

                @Override
                public void synchronize() {
                    cuCtxSynchronize();
                }
            };

    private final Driver driver;

    /** Bytes held by all device buffers now, and the most ever held (for benchmarks). */
    private static long held, peak;

    private final String what;
    private CUdeviceptr ptr;
    private long bytes;

    DeviceBuffer(String what) {
        this(what, CUDA);
    }

    DeviceBuffer(String what, Driver driver) {
        this.what = what;
        this.driver = driver;
    }

    /** At least {@code need} bytes; returns the (possibly new) pointer. */
    CUdeviceptr ensure(long need) {
        if (ptr != null && bytes >= need) return ptr;
        if (ptr != null) driver.synchronize();
        close();
        long size = Math.max(256, need + need / 8);
        CUdeviceptr p = new CUdeviceptr();
        try {
            driver.alloc(p, size);
        } catch (CudaException e) {
            throw new GpuMemoryException(
                    "GPU out of memory: "
                            + what
                            + " needs "
                            + mib(size)
                            + " MiB ("
                            + e.getMessage()
                            + ")");
        }
        ptr = p;
        bytes = size;
        synchronized (DeviceBuffer.class) {
            held += size;
            peak = Math.max(peak, held);
        }
        return ptr;
    }

    /** Exactly the current pointer (null before the first {@link #ensure}). */
    CUdeviceptr ptr() {
        return ptr;
    }

    long bytes() {
        return ptr == null ? 0 : bytes;
    }

    static synchronized long peakBytes() {
        return peak;
    }

    /** Bytes held by all device buffers now. */
    static synchronized long heldBytes() {
        return held;
    }

    static long mib(long b) {
        return (b + (1 << 20) - 1) >> 20;
    }

    @Override
    public void close() {
        if (ptr != null) {
            driver.free(ptr);
            synchronized (DeviceBuffer.class) {
                held -= bytes;
            }
            ptr = null;
            bytes = 0;
        }
    }

    /** Raised when the GPU cannot hold what a view needs; the message says how much. */
    static final class GpuMemoryException extends RuntimeException {
        GpuMemoryException(String message) {
            super(message);
        }
    }
}
