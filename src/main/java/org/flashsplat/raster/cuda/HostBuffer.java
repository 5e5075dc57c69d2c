package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * Page-locked host memory: the only kind an async copy really overlaps with kernels. Grows like
 * {@link DeviceBuffer}; used only on the CUDA thread.
 */
final class HostBuffer implements AutoCloseable {
    private Pointer ptr;
    private long bytes;
    private ByteBuffer view;

    Pointer ensure(long need) {
        if (ptr != null && bytes >= need) return ptr;
        close();
        long size = Math.max(64, need + need / 8);
        Pointer p = new Pointer();
        cuMemAllocHost(p, size);
        ptr = p;
        bytes = size;
        view = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        return ptr;
    }

    Pointer ptr() {
        return ptr;
    }

    /** The whole buffer as native-order bytes (position 0). */
    ByteBuffer bytes() {
        return view.clear();
    }

    @Override
    public void close() {
        if (ptr != null) {
            cuMemFreeHost(ptr);
            ptr = null;
            view = null;
            bytes = 0;
        }
    }
}
