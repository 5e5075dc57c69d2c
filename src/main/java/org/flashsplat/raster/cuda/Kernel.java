package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;

/** Launches a kernel from plain Java values, so call sites read like the kernel's signature. */
final class Kernel {
    /** Stands for a null device pointer argument (an optional buffer). */
    static final CUdeviceptr NULL = new CUdeviceptr();

    private Kernel() {}

    /** 1D launch of {@code threads} threads in blocks of {@code block}. */
    static void linear(CUfunction f, CUstream s, long threads, int block, Object... args) {
        if (threads <= 0) return;
        launch(f, s, (int) ((threads + block - 1) / block), block, args);
    }

    static void launch(CUfunction f, CUstream s, int grid, int block, Object... args) {
        if (grid <= 0) return;
        Pointer[] p = new Pointer[args.length];
        for (int k = 0; k < args.length; k++) p[k] = arg(args[k]);
        cuLaunchKernel(f, grid, 1, 1, block, 1, 1, 0, s, Pointer.to(p), null);
    }

    private static Pointer arg(Object a) {
        return switch (a) {
            case null -> Pointer.to(NULL);
            case Integer i -> Pointer.to(new int[] {i});
            case Long l -> Pointer.to(new long[] {l});
            case Float f -> Pointer.to(new float[] {f});
            case Double d -> Pointer.to(new double[] {d});
            case CUdeviceptr d -> Pointer.to(d);
            case DeviceBuffer b -> Pointer.to(b.ptr() == null ? NULL : b.ptr());
            default -> throw new IllegalArgumentException("kernel argument " + a);
        };
    }
}
