package org.flashsplat.sample;

import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;

/**
 * Masks for generated scenes: exact ones, SAM-like noisy ones, and the bounding discs of the
 * benchmark scenes.
 */
public final class SampleMasks {
    private SampleMasks() {}

    /**
     * The ground-truth memberships of a generated scene (object k holds the Gaussians of truth k).
     */
    public static Memberships truthMemberships(SceneGenerator.Generated g) {
        return Memberships.ofLabels(g.spec().objects(), g.groundTruth());
    }

    /**
     * The true instance mask of a view: what the ground-truth objects cover, rendered by the
     * forward pass.
     */
    public static LabelMask truth(Renderer r, SceneGenerator.Generated g, Camera cam) {
        return NovelViewMasks.render(
                r, g.scene(), cam, truthMemberships(g), NovelViewMasks.DEFAULT_TAU);
    }

    /**
     * A SAM-like version of a true mask: borders grown or shrunk by a pixel or two per object, and
     * in some views a blob of a wrong label.
     */
    public static LabelMask noisy(LabelMask truth, int objects, SplittableRandom rnd) {
        LabelMask m = truth.copy();
        for (int k = 1; k <= objects; k++) {
            int steps = rnd.nextInt(-2, 3);
            for (int s = 0; s < Math.abs(steps); s++) morph(m, k, steps > 0);
        }
        if (rnd.nextDouble() < 0.35) {
            int w = m.width(), h = m.height();
            double cx = rnd.nextDouble(0, w), cy = rnd.nextDouble(0, h);
            double rx = rnd.nextDouble(0.02, 0.06) * w, ry = rnd.nextDouble(0.02, 0.06) * h;
            int label = rnd.nextInt(0, objects + 1);
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    double dx = (u - cx) / rx, dy = (v - cy) / ry;
                    if (dx * dx + dy * dy <= 1) m.labels()[v * w + u] = label;
                }
            }
        }
        return m;
    }

    /** Grows label k into its 4-neighbours, or shrinks it (its border pixels become background). */
    private static void morph(LabelMask m, int k, boolean grow) {
        int w = m.width(), h = m.height();
        int[] src = m.labels().clone(), dst = m.labels();
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u;
                boolean nearK = false, nearOther = false;
                int[][] nb = {{u - 1, v}, {u + 1, v}, {u, v - 1}, {u, v + 1}};
                for (int[] q : nb) {
                    if (q[0] < 0 || q[1] < 0 || q[0] >= w || q[1] >= h) continue;
                    int l = src[q[1] * w + q[0]];
                    nearK |= l == k;
                    nearOther |= l != k;
                }
                if (grow && src[p] == 0 && nearK) dst[p] = k;
                if (!grow && src[p] == k && nearOther) dst[p] = 0;
            }
        }
    }

    /**
     * The benchmark masks: each object's projected bounding disc, nearer objects painted over
     * farther ones, label k for object k (9 labels with 8 objects).
     */
    public static LabelMask discs(SceneGenerator.Generated g, Camera cam) {
        int w = cam.width(), h = cam.height(), k = g.spec().objects();
        int[] labels = new int[w * h];
        double[] r = cam.rotation(), t = cam.translation(), c = g.centres();
        Integer[] order = new Integer[k];
        double[] depth = new double[k];
        for (int o = 0; o < k; o++) {
            order[o] = o;
            depth[o] = r[6] * c[3 * o] + r[7] * c[3 * o + 1] + r[8] * c[3 * o + 2] + t[2];
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(depth[b], depth[a]));
        for (int o : order) {
            double z = depth[o];
            if (z <= g.radii()[o]) continue;
            double x = r[0] * c[3 * o] + r[1] * c[3 * o + 1] + r[2] * c[3 * o + 2] + t[0];
            double y = r[3] * c[3 * o] + r[4] * c[3 * o + 1] + r[5] * c[3 * o + 2] + t[1];
            double u0 = cam.fx() * x / z + (w - 1) / 2.0, v0 = cam.fy() * y / z + (h - 1) / 2.0;
            double rad = cam.fx() * g.radii()[o] / Math.sqrt(z * z - g.radii()[o] * g.radii()[o]);
            int ua = Math.max(0, (int) (u0 - rad)), ub = Math.min(w - 1, (int) (u0 + rad) + 1);
            int va = Math.max(0, (int) (v0 - rad)), vb = Math.min(h - 1, (int) (v0 + rad) + 1);
            for (int v = va; v <= vb; v++) {
                for (int u = ua; u <= ub; u++) {
                    if ((u - u0) * (u - u0) + (v - v0) * (v - v0) <= rad * rad)
                        labels[v * w + u] = o + 1;
                }
            }
        }
        return new LabelMask(w, h, labels);
    }

    /** Groups the benchmark scenes' masks fall into: the objects of one 9-label scene. */
    public static final int GROUPS = 8;

    /**
     * The same mask with object k relabelled to group 1 + (k - 1) % {@link #GROUPS}: the same
     * geometry with few labels, whose contributions are exactly the group sums of the many-label
     * ones (A is linear in the masks).
     */
    public static LabelMask grouped(LabelMask m) {
        int[] in = m.labels(), out = new int[in.length];
        for (int p = 0; p < in.length; p++) out[p] = in[p] > 0 ? 1 + (in[p] - 1) % GROUPS : in[p];
        return new LabelMask(m.width(), m.height(), out);
    }
}
