package org.flashsplat.lift;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.core.MemoryBudget;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * The accumulate pass over a capture: which views take part, checks that only show up here (views
 * that see no Gaussian, a scene entirely behind the cameras, views whose mask is all background),
 * and the pass itself on whichever backend the renderer is.
 */
public final class AccumulateJob {
    private AccumulateJob() {}

    /**
     * @param usedViews names of the views accumulated
     * @param skippedViews names of the selected views without a mask
     */
    public record Result(
            ContributionTable table,
            AccumulateStats stats,
            List<String> usedViews,
            List<String> skippedViews,
            List<String> warnings,
            String backend,
            double seconds) {}

    public static Result run(
            GaussianScene scene,
            List<Camera> cameras,
            MaskSet masks,
            ViewSelection views,
            Renderer renderer,
            Progress progress) {
        List<Camera> used = new ArrayList<>();
        List<String> usedNames = new ArrayList<>(),
                skipped = new ArrayList<>(),
                warnings = new ArrayList<>();
        for (int v = 0; v < cameras.size(); v++) {
            if (!views.contains(v)) continue;
            Camera c = cameras.get(v);
            if (masks.hasMask(c)) {
                used.add(c);
                usedNames.add(c.name());
            } else {
                skipped.add(c.name());
            }
        }
        if (used.isEmpty()) {
            throw new InputException(
                    masks.folder(),
                    null,
                    "no selected view has a mask (views "
                            + views
                            + "; masks are matched to cameras by file stem)");
        }
        if (!skipped.isEmpty()) warnings.add(skipped.size() + " views without a mask were skipped");
        List<String> blind = new ArrayList<>();
        for (Camera c : used) if (visibleCentres(scene, c) == 0) blind.add(c.name());
        if (blind.size() == used.size()) {
            throw new InputException(
                    scene.source(),
                    null,
                    "no Gaussian lies in front of any of the "
                            + used.size()
                            + " cameras: the scene is behind them"
                            + " (do the cameras belong to this scene, in the COLMAP convention?)");
        }
        if (!blind.isEmpty())
            warnings.add("views that see no Gaussian: " + String.join(", ", blind));
        int labels = Math.max(2, masks.labelCount());
        warnings.addAll(masks.summary().warnings());
        MemoryBudget.check(
                String.format(
                        java.util.Locale.ROOT,
                        "accumulating %d labels x %,d Gaussians",
                        labels,
                        scene.count()),
                estimateBytes(scene.count(), used));
        String coverage = CoverageCheck.check(scene, used, v -> masks.load(used.get(v)));
        if (coverage != null) warnings.add(coverage);
        Contributions into = new Contributions(labels, scene.count());
        List<String> background = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        AccumulateStats stats =
                renderer.accumulate(
                        scene,
                        used,
                        v -> {
                            LabelMask m = masks.load(used.get(v));
                            if (m.maxLabel() == 0) background.add(used.get(v).name());
                            return m;
                        },
                        into,
                        progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!background.isEmpty()) {
            List<String> sorted = new ArrayList<>(background);
            java.util.Collections.sort(sorted);
            warnings.add("views whose mask is all background: " + String.join(", ", sorted));
        }
        return new Result(
                into.table(), stats, usedNames, skipped, warnings, renderer.description(), seconds);
    }

    /**
     * What the pass will hold besides the scene: the sums (slots of every Gaussian), their frozen
     * table (a few entries per Gaussian), the per-view projection and tile lists, and the masks
     * being read.
     */
    public static long estimateBytes(int gaussians, List<Camera> cameras) {
        long pixels = 0;
        for (Camera c : cameras) pixels = Math.max(pixels, (long) c.width() * c.height());
        // the result's sums and the CPU pass's own (by its order of the Gaussians), the table
        long sums = 2L * gaussians * 48, table = (long) gaussians * (4 + 3 * 16);
        // projection records and rectangles; the renderer's per-scene order, positions,
        // covariances and culling tau
        long projection = (long) gaussians * (16 * 4 + 3 * 8 + 56);
        return sums + table + projection + 3 * pixels * 4;
    }

    /**
     * Gaussian centres in front of the camera and inside its image: a cheap test that a view sees
     * anything.
     */
    static int visibleCentres(GaussianScene s, Camera c) {
        double[] r = c.rotation(), t = c.translation();
        int n = 0;
        for (int i = 0; i < s.count(); i++) {
            double z = r[6] * s.x[i] + r[7] * s.y[i] + r[8] * s.z[i] + t[2];
            if (z <= 0.2) continue;
            double x = r[0] * s.x[i] + r[1] * s.y[i] + r[2] * s.z[i] + t[0];
            double y = r[3] * s.x[i] + r[4] * s.y[i] + r[5] * s.z[i] + t[1];
            double u = c.fx() * x / z + (c.width() - 1) / 2.0,
                    v = c.fy() * y / z + (c.height() - 1) / 2.0;
            if (u > -c.width() && u < 2 * c.width() && v > -c.height() && v < 2 * c.height()) n++;
        }
        return n;
    }
}
