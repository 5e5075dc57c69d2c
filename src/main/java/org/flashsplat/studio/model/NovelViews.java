package org.flashsplat.studio.model;

import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * Masks rendered from the 3D result (DESIGN.md 1, novel views) and their agreement with the input
 * masks. Kept private to the studio until org.flashsplat.lift.NovelViewMasks is on main; then
 * {@link #render} delegates to it.
 */
public final class NovelViews {
    private NovelViews() {}

    /** Per pixel the object with rho_k > tau, the nearest by expected depth where several pass. */
    public static LabelMask render(
            Renderer r, GaussianScene scene, Camera cam, Memberships m, double tau) {
        Frame f = r.render(scene, cam, RenderRequest.objects(m));
        int plane = f.width() * f.height(), k = f.objects();
        int[] out = new int[plane];
        float[] w = f.objectWeight(), d = f.objectDepthSum();
        for (int p = 0; p < plane; p++) {
            int best = 0;
            double bestDepth = Double.POSITIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                float rho = w[o * plane + p];
                if (rho > tau) {
                    double depth = d[o * plane + p] / rho;
                    if (depth < bestDepth) {
                        bestDepth = depth;
                        best = o + 1;
                    }
                }
            }
            out[p] = best;
        }
        return new LabelMask(f.width(), f.height(), out);
    }

    /** Mean IoU over the objects present in either mask (NaN when neither has any). */
    public static double meanIoU(int[] a, int[] b) {
        int max = 0;
        for (int v : a) max = Math.max(max, v);
        for (int v : b) max = Math.max(max, v);
        long[] inter = new long[max + 1], union = new long[max + 1];
        for (int p = 0; p < a.length; p++) {
            int x = a[p], y = b[p];
            if (x == y) {
                inter[x]++;
                union[x]++;
            } else {
                union[x]++;
                union[y]++;
            }
        }
        double sum = 0;
        int n = 0;
        for (int l = 1; l <= max; l++) {
            if (union[l] == 0) continue;
            sum += (double) inter[l] / union[l];
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
