package org.flashsplat.raster.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.Pointer;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.scene.GaussianScene;

/** Renders a frame on the GPU (colour, alpha, depth, per-object weights); on the CUDA thread. */
final class CudaFrames implements AutoCloseable {
    private final CudaContext cx;
    private final DeviceScene scene;
    private final ViewBinning bins;
    private final DeviceBuffer hidden = new DeviceBuffer("hidden flags");
    private final DeviceBuffer tint = new DeviceBuffer("tint");
    private final DeviceBuffer gaussianRgb = new DeviceBuffer("Gaussian colours");
    private final DeviceBuffer objStart = new DeviceBuffer("object lists");
    private final DeviceBuffer objList = new DeviceBuffer("object lists");
    private final DeviceBuffer alpha = new DeviceBuffer("frame");
    private final DeviceBuffer rgb = new DeviceBuffer("frame");
    private final DeviceBuffer depth = new DeviceBuffer("frame");
    private final DeviceBuffer objWeight = new DeviceBuffer("object planes");
    private final DeviceBuffer objDepth = new DeviceBuffer("object planes");

    CudaFrames(CudaContext cx, DeviceScene scene, ViewBinning bins) {
        this.cx = cx;
        this.scene = scene;
        this.bins = bins;
    }

    Frame render(GaussianScene s, Camera cam, RenderRequest req) {
        scene.use(s);
        int n = s.count(), w = cam.width(), h = cam.height(), plane = w * h;
        boolean[] hide = req.hidden();
        if (hide != null) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) (hide[i] ? 1 : 0);
            hidden.ensure(Math.max(1, n));
            if (n > 0) cuMemcpyHtoD(hidden.ptr(), Pointer.to(b), n);
        }
        bins.run(scene, cam, hide == null ? null : hidden.ptr());
        if (req.colour()) {
            scene.useSh(s);
            float[] t = req.tint();
            boolean tinted = t != null && req.tintStrength() != 0;
            if (tinted) upload(tint, t);
            gaussianRgb.ensure(12L * Math.max(1, n));
            double[] eye = cam.position();
            Kernel.linear(
                    cx.function("shColour"),
                    cx.stream,
                    n,
                    256,
                    n,
                    scene.x,
                    scene.y,
                    scene.z,
                    scene.sh,
                    s.shCoefficients(),
                    s.shDegree(),
                    eye[0],
                    eye[1],
                    eye[2],
                    tinted ? tint : null,
                    req.tintStrength(),
                    gaussianRgb);
        }
        Memberships m = req.objects();
        int k = m == null ? 0 : m.objects();
        if (m != null) {
            uploadObjects(m);
            objWeight.ensure(4L * k * plane);
            objDepth.ensure(4L * k * plane);
            cuMemsetD32Async(objWeight.ptr(), 0, (long) k * plane, cx.stream);
            cuMemsetD32Async(objDepth.ptr(), 0, (long) k * plane, cx.stream);
        }
        alpha.ensure(4L * plane);
        if (req.colour()) rgb.ensure(12L * plane);
        if (req.depth()) depth.ensure(4L * plane);
        float[] bg = req.background() == null ? new float[3] : req.background();
        Kernel.launch(
                cx.function("renderTiles"),
                cx.stream,
                bins.tiles,
                256,
                bins.ranges,
                bins.tileVals,
                bins.xy,
                bins.conicO,
                bins.powerMin,
                bins.depth,
                req.colour() ? gaussianRgb : null,
                m == null ? null : objStart,
                m == null ? null : objList,
                w,
                h,
                bins.gridX,
                bg[0],
                bg[1],
                bg[2],
                alpha,
                req.colour() ? rgb : null,
                req.depth() ? depth : null,
                m == null ? null : objWeight,
                m == null ? null : objDepth);
        cuStreamSynchronize(cx.stream);
        float[] a = download(alpha, plane);
        float[] c = req.colour() ? download(rgb, 3 * plane) : null;
        float[] d = req.depth() ? download(depth, plane) : null;
        float[] ow = m == null ? null : download(objWeight, k * plane);
        float[] od = m == null ? null : download(objDepth, k * plane);
        return new Frame(w, h, a, c, d, k, ow, od);
    }

    /** Per Gaussian the objects it is in, as CSR lists (most Gaussians are in none or one). */
    private void uploadObjects(Memberships m) {
        int[][] lists = m.objectLists();
        int[] start = lists[0];
        int[] list = lists[1].length == 0 ? new int[1] : lists[1];
        objStart.ensure(4L * start.length);
        cuMemcpyHtoD(objStart.ptr(), Pointer.to(start), 4L * start.length);
        objList.ensure(4L * list.length);
        cuMemcpyHtoD(objList.ptr(), Pointer.to(list), 4L * list.length);
    }

    private static void upload(DeviceBuffer b, float[] a) {
        b.ensure(4L * Math.max(1, a.length));
        if (a.length > 0) cuMemcpyHtoD(b.ptr(), Pointer.to(a), 4L * a.length);
    }

    private static float[] download(DeviceBuffer b, int length) {
        float[] out = new float[length];
        if (length > 0) cuMemcpyDtoH(Pointer.to(out), b.ptr(), 4L * length);
        return out;
    }

    @Override
    public void close() {
        objDepth.close();
        objWeight.close();
        depth.close();
        rgb.close();
        alpha.close();
        objList.close();
        objStart.close();
        gaussianRgb.close();
        tint.close();
        hidden.close();
    }
}
