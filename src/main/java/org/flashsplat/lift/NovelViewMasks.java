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

    /** Bytes of per-object planes one render may hold; more objects render in several passes. */
    static final long PLANE_BUDGET = 256L << 20;

    public static LabelMask render(
            Renderer renderer,
            GaussianScene scene,
            Camera camera,
            Memberships objects,
            double tau) {
        return render(renderer, scene, camera, objects, tau, PLANE_BUDGET);
    }

    static LabelMask render(
            Renderer renderer,
            GaussianScene scene,
            Camera camera,
            Memberships objects,
            double tau,
            long budget) {
        // Each object rendered needs two float planes of the view: only objects that hold
        // Gaussians, and only as many at once as the budget allows (hundreds of SAM instances
        // at 1080p would otherwise be gigabytes).
        int[] sizes = objects.objectSizes();
        int[] used =
                java.util.stream.IntStream.range(0, sizes.length)
                        .filter(k -> sizes[k] > 0)
                        .toArray();
        long plane = (long) camera.width() * camera.height();
        int perPass = (int) Math.max(1, Math.min(used.length, budget / (8 * plane)));
        if (used.length == objects.objects() && perPass == used.length) {
            return fromFrame(renderer.render(scene, camera, RenderRequest.objects(objects)), tau);
        }
        int[] labels = new int[(int) plane];
        double[] bestDepth = new double[(int) plane];
        java.util.Arrays.fill(bestDepth, Double.POSITIVE_INFINITY);
        for (int from = 0; from < used.length; from += perPass) {
            int[] pick =
                    java.util.Arrays.copyOfRange(used, from, Math.min(used.length, from + perPass));
            Frame f = renderer.render(scene, camera, RenderRequest.objects(objects.select(pick)));
            nearest(f, tau, pick, labels, bestDepth);
        }
        return new LabelMask(camera.width(), camera.height(), labels);
    }

    /** Where an object of {@code f} passes tau nearer than the best so far, it wins the pixel. */
    private static void nearest(Frame f, double tau, int[] ids, int[] labels, double[] bestDepth) {
        int plane = f.width() * f.height();
        float[] w = f.objectWeight(), zs = f.objectDepthSum();
        for (int k = 0; k < f.objects(); k++) {
            for (int p = 0; p < plane; p++) {
                float rho = w[k * plane + p];
                if (rho > tau) {
                    double depth = zs[k * plane + p] / rho;
                    if (depth < bestDepth[p]) {
                        bestDepth[p] = depth;
                        labels[p] = ids[k] + 1;
                    }
                }
            }
        }
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
