package org.flashsplat.lift;

import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * Masks for any camera from the 3D result (DESIGN.md section 1): pixel p shows object k when the
 * accumulated weight rho_k(p) of k's Gaussians exceeds tau; where several objects pass, the one
 * with the nearest per-pixel expected depth wins (the original compares means over the whole
 * overlap; per pixel follows the objects' boundaries).
 */
public final class NovelViewMasks {
    public static final double DEFAULT_TAU = 0.5;

    private NovelViewMasks() {}

    public static LabelMask render(
            Renderer renderer,
            GaussianScene scene,
            Camera camera,
            Memberships objects,
            double tau) {
        Frame f = renderer.render(scene, camera, RenderRequest.objects(objects));
        return fromFrame(f, tau);
    }

    /**
     * The mask of a frame rendered with objects: label k + 1 for object k, 0 where none passes tau.
     */
    public static LabelMask fromFrame(Frame f, double tau) {
        int plane = f.width() * f.height();
        int[] labels = new int[plane];
        float[] w = f.objectWeight(), zs = f.objectDepthSum();
        for (int p = 0; p < plane; p++) {
            int best = 0;
            double bestDepth = Double.POSITIVE_INFINITY;
            for (int k = 0; k < f.objects(); k++) {
                float rho = w[k * plane + p];
                if (rho > tau) {
                    double depth = zs[k * plane + p] / rho;
                    if (depth < bestDepth) {
                        bestDepth = depth;
                        best = k + 1;
                    }
                }
            }
            labels[p] = best;
        }
        return new LabelMask(f.width(), f.height(), labels);
    }

    /**
     * Intersection over union of label {@code label} in two masks of one size; NaN where both lack
     * it.
     */
    public static double iou(LabelMask a, LabelMask b, int label) {
        long inter = 0, union = 0;
        int[] x = a.labels(), y = b.labels();
        for (int p = 0; p < x.length; p++) {
            boolean ia = x[p] == label, ib = y[p] == label;
            if (ia && ib) inter++;
            if (ia || ib) union++;
        }
        return union == 0 ? Double.NaN : (double) inter / union;
    }
}
