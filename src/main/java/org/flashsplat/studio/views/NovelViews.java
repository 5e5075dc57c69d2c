package org.flashsplat.studio.views;

import org.flashsplat.camera.Camera;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/** Masks rendered from the 3D result (DESIGN.md 1, novel views) and their agreement with input. */
public final class NovelViews {
    private NovelViews() {}

    /** Per pixel the object with rho_k > tau, the nearest by expected depth where several pass. */
    public static LabelMask render(
            Renderer r, GaussianScene scene, Camera cam, Memberships m, double tau) {
        return NovelViewMasks.render(r, scene, cam, m, tau);
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
