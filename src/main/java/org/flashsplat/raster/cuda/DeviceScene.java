package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import jcuda.Pointer;
import org.flashsplat.scene.GaussianScene;

/**
 * The scene on the GPU: centres, opacity and 3D covariances (computed on the device once per
 * scene), SH coefficients only once a colour render needs them. One per process ({@link
 * CudaBackend}), shared by every session; re-uploaded only when a different scene object comes in
 * ({@link SceneSlot}); used only on the CUDA thread.
 */
final class DeviceScene implements AutoCloseable {
    private final CudaContext cx;
    final DeviceBuffer x = new DeviceBuffer("scene positions");
    final DeviceBuffer y = new DeviceBuffer("scene positions");
    final DeviceBuffer z = new DeviceBuffer("scene positions");
    final DeviceBuffer opacity = new DeviceBuffer("scene opacities");
    final DeviceBuffer cov = new DeviceBuffer("3D covariances");
    final DeviceBuffer sh = new DeviceBuffer("SH coefficients");
    final SceneSlot slot = new SceneSlot(this::upload);
    private boolean shLoaded;
    int count;

    DeviceScene(CudaContext cx) {
        this.cx = cx;
    }

    /** Makes {@code s} the scene on the device, uploading it only if another one is there. */
    void use(GaussianScene s) {
        slot.use(s);
    }

    private void upload(GaussianScene s) {
        count = s.count();
        shLoaded = false;
        sh.close(); // the SH of the previous scene may be large: free it until colour is asked for
        upload(x, s.x);
        upload(y, s.y);
        upload(z, s.z);
        upload(opacity, s.opacity);
        cov.ensure(24L * Math.max(1, count));
        try (DeviceBuffer qw = new DeviceBuffer("rotations");
                DeviceBuffer qx = new DeviceBuffer("rotations");
                DeviceBuffer qy = new DeviceBuffer("rotations");
                DeviceBuffer qz = new DeviceBuffer("rotations");
                DeviceBuffer sx = new DeviceBuffer("scales");
                DeviceBuffer sy = new DeviceBuffer("scales");
                DeviceBuffer sz = new DeviceBuffer("scales")) {
            upload(qw, s.qw);
            upload(qx, s.qx);
            upload(qy, s.qy);
            upload(qz, s.qz);
            upload(sx, s.sx);
            upload(sy, s.sy);
            upload(sz, s.sz);
            Kernel.linear(
                    cx.function("covariances"),
                    cx.stream,
                    count,
                    256,
                    count,
                    qw,
                    qx,
                    qy,
                    qz,
                    sx,
                    sy,
                    sz,
                    cov);
            // the temporaries are freed at the end of this block: finish using them first
            jcuda.driver.JCudaDriver.cuStreamSynchronize(cx.stream);
        }
    }

    /** Uploads the SH coefficients of the current scene if a render needs colour. */
    void useSh(GaussianScene s) {
        if (shLoaded) return;
        upload(sh, s.sh());
        shLoaded = true;
    }

    private static void upload(DeviceBuffer b, float[] a) {
        b.ensure(4L * a.length);
        if (a.length > 0) cuMemcpyHtoD(b.ptr(), Pointer.to(a), 4L * a.length);
    }

    @Override
    public void close() {
        sh.close();
        cov.close();
        opacity.close();
        z.close();
        y.close();
        x.close();
    }
}
