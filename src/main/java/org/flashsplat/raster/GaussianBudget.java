package org.flashsplat.raster;

import java.lang.ref.WeakReference;
import org.flashsplat.scene.GaussianScene;

/**
 * A cheaper stand-in for a large scene while the preview camera moves: the {@code budget} Gaussians
 * that matter most for any view (opacity times the ellipsoid's mean projected area), built once per
 * scene. Exact work (masks, exports, measurements, the preview at rest) always uses the full scene.
 */
public final class GaussianBudget {
    private final int budget;
    private WeakReference<GaussianScene> builtFor = new WeakReference<>(null);
    private GaussianScene subset;
    private int[] kept;

    public GaussianBudget(int budget) {
        this.budget = budget;
    }

    /** The scene itself when it fits the budget, else its most important Gaussians. */
    public synchronized GaussianScene scene(GaussianScene full) {
        if (full.count() <= budget) return full;
        if (builtFor.get() != full) {
            boolean[] keep = select(full, budget);
            subset = full.subset(keep);
            kept = new int[subset.count()];
            for (int i = 0, k = 0; i < keep.length; i++) if (keep[i]) kept[k++] = i;
            builtFor = new WeakReference<>(full);
        }
        return subset;
    }

    /**
     * Per-Gaussian values of the full scene ({@code stride} per Gaussian) for the Gaussians of the
     * last {@link #scene} result; the array itself where that was the full scene, null for null.
     */
    public synchronized float[] remap(GaussianScene full, float[] values, int stride) {
        if (values == null || full.count() <= budget) return values;
        float[] out = new float[kept.length * stride];
        for (int k = 0; k < kept.length; k++)
            System.arraycopy(values, kept[k] * stride, out, k * stride, stride);
        return out;
    }

    /** Like {@link #remap(GaussianScene, float[], int)} for flags. */
    public synchronized boolean[] remap(GaussianScene full, boolean[] values) {
        if (values == null || full.count() <= budget) return values;
        boolean[] out = new boolean[kept.length];
        for (int k = 0; k < kept.length; k++) out[k] = values[kept[k]];
        return out;
    }

    /** The {@code budget} Gaussians of highest importance (ties broken towards lower index). */
    static boolean[] select(GaussianScene s, int budget) {
        int n = s.count();
        float[] importance = new float[n];
        for (int i = 0; i < n; i++) {
            float a = s.sx[i], b = s.sy[i], c = s.sz[i];
            importance[i] = s.opacity[i] * (a * b + b * c + a * c);
        }
        float[] sorted = importance.clone();
        java.util.Arrays.sort(sorted);
        float threshold = sorted[n - budget];
        boolean[] keep = new boolean[n];
        int taken = 0;
        for (int i = 0; i < n; i++) {
            if (importance[i] > threshold) {
                keep[i] = true;
                taken++;
            }
        }
        for (int i = 0; i < n && taken < budget; i++) {
            if (!keep[i] && importance[i] == threshold) {
                keep[i] = true;
                taken++;
            }
        }
        return keep;
    }
}
