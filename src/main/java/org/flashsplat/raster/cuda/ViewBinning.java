package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import jcuda.driver.CUdeviceptr;
import org.flashsplat.camera.Camera;

/**
 * One view's preprocess and tile binning on the GPU: project every Gaussian, sort them by (depth,
 * index), write their (tile, index) entries in that order and sort those stably by tile, so each
 * tile's list is front to back with ties by index (the order of the reference's radix sort).
 * Buffers persist across views and only grow.
 */
final class ViewBinning implements AutoCloseable {
    static final int TILE = 16;

    private final CudaContext cx;
    private final DeviceSort sort;
    final DeviceBuffer xy = new DeviceBuffer("projected centres");
    final DeviceBuffer conicO = new DeviceBuffer("conics");
    final DeviceBuffer powerMin = new DeviceBuffer("culling bounds");
    final DeviceBuffer depth = new DeviceBuffer("depths");
    private final DeviceBuffer rect = new DeviceBuffer("tile rectangles");
    private final DeviceBuffer tileCount = new DeviceBuffer("tile counts");
    private final DeviceBuffer depthKey = new DeviceBuffer("depth keys");
    private final DeviceBuffer depthKeyAlt = new DeviceBuffer("depth keys");
    private final DeviceBuffer order = new DeviceBuffer("depth order");
    private final DeviceBuffer orderAlt = new DeviceBuffer("depth order");
    private final DeviceBuffer offsets = new DeviceBuffer("entry offsets");
    final DeviceBuffer tileKeys = new DeviceBuffer("tile entries");
    final DeviceBuffer tileVals = new DeviceBuffer("tile entries");
    private final DeviceBuffer tileKeysAlt = new DeviceBuffer("tile entries");
    private final DeviceBuffer tileValsAlt = new DeviceBuffer("tile entries");
    final DeviceBuffer ranges = new DeviceBuffer("tile ranges");
    private final DeviceBuffer camera = new DeviceBuffer("camera");
    private final DeviceBuffer total64 = new DeviceBuffer("entry count");
    private final HostBuffer hostCamera = new HostBuffer();
    private final HostBuffer hostTotal = new HostBuffer();

    int gridX, gridY, tiles;
    long entries;

    ViewBinning(CudaContext cx, DeviceSort sort) {
        this.cx = cx;
        this.sort = sort;
    }

    /**
     * Runs the view up to the tile ranges; waits once, for the entry count (the host needs it to
     * size the entry buffers and the sort's grid).
     */
    void run(DeviceScene s, Camera cam, CUdeviceptr hidden) {
        int n = s.count;
        gridX = (cam.width() + TILE - 1) / TILE;
        gridY = (cam.height() + TILE - 1) / TILE;
        tiles = gridX * gridY;
        long g = Math.max(1, n);
        xy.ensure(8 * g);
        conicO.ensure(16 * g);
        powerMin.ensure(4 * g);
        depth.ensure(4 * g);
        rect.ensure(16 * g);
        tileCount.ensure(4 * g);
        depthKey.ensure(4 * g);
        depthKeyAlt.ensure(4 * g);
        order.ensure(4 * g);
        orderAlt.ensure(4 * g);
        offsets.ensure(4 * g);
        ranges.ensure(8L * tiles);
        uploadCamera(cam);
        Kernel.linear(
                cx.function("preprocess"),
                cx.stream,
                n,
                256,
                n,
                s.x,
                s.y,
                s.z,
                s.opacity,
                s.cov,
                hidden,
                camera,
                gridX,
                gridY,
                xy,
                conicO,
                powerMin,
                depth,
                rect,
                tileCount,
                depthKey);
        Kernel.linear(cx.function("iota"), cx.stream, n, 256, n, order);
        sort.sort(depthKey.ptr(), order.ptr(), depthKeyAlt.ptr(), orderAlt.ptr(), n, 32);
        total64.ensure(8);
        cuMemsetD32Async(total64.ptr(), 0, 2, cx.stream);
        Kernel.linear(
                cx.function("gatherCounts"),
                cx.stream,
                n,
                256,
                n,
                order,
                tileCount,
                offsets,
                total64);
        sort.scan(offsets.ptr(), n);
        hostTotal.ensure(8);
        cuMemcpyDtoHAsync(hostTotal.ptr(), total64.ptr(), 8, cx.stream);
        cuStreamSynchronize(cx.stream);
        entries = n == 0 ? 0 : hostTotal.bytes().getLong(0);
        if (entries > Integer.MAX_VALUE - 8) {
            // the same limit as the CPU renderer (and the 32-bit scan on the GPU)
            throw new IllegalStateException(
                    "view needs " + entries + " tile entries; render it at a lower resolution");
        }
        long e = Math.max(1, entries);
        tileKeys.ensure(4 * e);
        tileVals.ensure(4 * e);
        tileKeysAlt.ensure(4 * e);
        tileValsAlt.ensure(4 * e);
        Kernel.linear(
                cx.function("fillKeys"),
                cx.stream,
                n,
                256,
                n,
                order,
                offsets,
                tileCount,
                rect,
                gridX,
                tileKeys,
                tileVals);
        sort.sort(
                tileKeys.ptr(),
                tileVals.ptr(),
                tileKeysAlt.ptr(),
                tileValsAlt.ptr(),
                entries,
                DeviceSort.bitsFor(tiles - 1L));
        cuMemsetD32Async(ranges.ptr(), 0, 2L * tiles, cx.stream);
        Kernel.linear(
                cx.function("tileRanges"),
                cx.stream,
                entries,
                256,
                (int) entries,
                tileKeys,
                ranges);
    }

    /** Camera block for the preprocess kernel (see cuda/preprocess.cuh). */
    private void uploadCamera(Camera cam) {
        hostCamera.ensure(18 * 8);
        ByteBuffer b = hostCamera.bytes();
        for (double v : cam.rotation()) b.putDouble(v);
        for (double v : cam.translation()) b.putDouble(v);
        b.putDouble(cam.fx()).putDouble(cam.fy());
        b.putDouble(1.3 * cam.tanFovX()).putDouble(1.3 * cam.tanFovY());
        b.putDouble((cam.width() - 1) * 0.5).putDouble((cam.height() - 1) * 0.5);
        camera.ensure(18 * 8);
        // the previous view's copy is long done: run() waited on the stream since
        cuMemcpyHtoDAsync(camera.ptr(), hostCamera.ptr(), 18 * 8, cx.stream);
    }

    /** Bytes per Gaussian and per tile entry, for memory planning. */
    static long bytesPerGaussian() {
        return 8 + 16 + 4 + 4 + 16 + 4 * 6;
    }

    @Override
    public void close() {
        hostTotal.close();
        hostCamera.close();
        total64.close();
        camera.close();
        ranges.close();
        tileValsAlt.close();
        tileKeysAlt.close();
        tileVals.close();
        tileKeys.close();
        offsets.close();
        orderAlt.close();
        order.close();
        depthKeyAlt.close();
        depthKey.close();
        tileCount.close();
        rect.close();
        depth.close();
        powerMin.close();
        conicO.close();
        xy.close();
    }
}
