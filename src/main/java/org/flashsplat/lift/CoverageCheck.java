package org.flashsplat.lift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.scene.GaussianScene;

/**
 * A quick look, before the full pass, at whether the scene lands where the masks' objects are:
 * Gaussian centres (a subsample) of a few views are projected and counted on object pixels. With
 * cameras of another scene, or masks of other views, far fewer land there than chance alone would
 * put there; the pass would run and produce objects of nothing, so the user is warned first.
 */
final class CoverageCheck {
    /** Views looked at: first, middle and last. */
    static final int VIEWS = 3;

    /** Centres projected per view, at most. */
    static final int SAMPLE = 5000;

    /**
     * Below this share of what chance would give, cameras and masks do not fit together. With
     * matching ones, centres land on objects several times more often than chance (the scene's
     * detail is where the objects are); on the golden tabletop about 5 times.
     */
    static final double MIN_SHARE_OF_CHANCE = 0.5;

    private CoverageCheck() {}

    /**
     * @param masks the mask of view {@code v} of {@code used}, at the camera's size
     * @return a warning, or null when the scene covers the objects
     */
    static String check(GaussianScene s, List<Camera> used, IntFunction<LabelMask> masks) {
        List<Integer> views = new ArrayList<>();
        for (int k = 0; k < VIEWS && k < used.size(); k++) {
            int v = VIEWS == 1 ? 0 : (int) Math.round(k * (used.size() - 1) / (double) (VIEWS - 1));
            if (!views.contains(v)) views.add(v);
        }
        int stride = Math.max(1, s.count() / SAMPLE);
        long inImage = 0, onObject = 0;
        double chance = 0;
        List<String> names = new ArrayList<>();
        for (int v : views) {
            Camera c = used.get(v);
            LabelMask m = masks.apply(v);
            if (m == null || m.width() != c.width() || m.height() != c.height()) continue;
            int[] labels = m.labels();
            long objectPixels = 0;
            for (int l : labels) if (l > 0) objectPixels++;
            if (objectPixels == 0) continue; // an all-background view says nothing
            long in = 0, on = 0;
            double[] r = c.rotation(), t = c.translation();
            for (int i = 0; i < s.count(); i += stride) {
                double z = r[6] * s.x[i] + r[7] * s.y[i] + r[8] * s.z[i] + t[2];
                if (z <= 0.2) continue;
                double x = r[0] * s.x[i] + r[1] * s.y[i] + r[2] * s.z[i] + t[0];
                double y = r[3] * s.x[i] + r[4] * s.y[i] + r[5] * s.z[i] + t[1];
                long u = Math.round(c.fx() * x / z + (c.width() - 1) / 2.0);
                long w = Math.round(c.fy() * y / z + (c.height() - 1) / 2.0);
                if (u < 0 || w < 0 || u >= c.width() || w >= c.height()) continue;
                in++;
                if (labels[(int) (w * c.width() + u)] > 0) on++;
            }
            inImage += in;
            onObject += on;
            chance += in * (double) objectPixels / labels.length;
            names.add(c.name());
        }
        if (names.isEmpty() || inImage == 0 || onObject >= MIN_SHARE_OF_CHANCE * chance) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "the scene hardly projects onto the masks' objects (views %s: %d of %d Gaussian"
                        + " centres in the image land on an object, chance alone would give %.0f);"
                        + " do the cameras and masks belong to this scene?",
                String.join(", ", names),
                onObject,
                inImage,
                chance);
    }
}
