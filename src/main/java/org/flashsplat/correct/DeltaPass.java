package org.flashsplat.correct;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * Changes A by exactly what an edit of one view changes: the weights of the changed pixels move
 * from their old labels to their new ones.
 *
 * <p>The renderer only adds, so the pass renders the view twice into a small scratch: once with
 * only the changed pixels labelled by their old labels, once by their new ones (every other pixel
 * labelled -1, which blends but adds nothing, and tiles without a changed pixel are skipped). The
 * labels are renumbered into scratch rows (old labels first, then new) so the scratch has as many
 * rows as distinct labels the edit involves, usually two, instead of all L. Folding the rows into A
 * (minus old, plus new) is integer arithmetic on the same fixed-point values a full pass adds, so
 * the result is bit-identical to re-accumulating every view. The second render of the same camera
 * reuses the renderer's preprocess where the backend caches it.
 */
final class DeltaPass {
    private int[] oldScratch = new int[0], newScratch = new int[0];
    private Contributions[] rowsScratch = new Contributions[9];

    /** Times of the last pass, in milliseconds. */
    double renderMillis, foldMillis;

    void apply(
            Renderer renderer, GaussianScene scene, Camera cam, MaskEdit.Net net, Contributions a) {
        int labels = a.labels(), n = a.count(), plane = cam.width() * cam.height();
        int[] rowOfOld = new int[labels], rowOfNew = new int[labels];
        java.util.Arrays.fill(rowOfOld, -1);
        java.util.Arrays.fill(rowOfNew, -1);
        int rows = 0;
        for (int l : net.from()) if (l >= 0 && rowOfOld[l] < 0) rowOfOld[l] = rows++;
        int oldRows = rows;
        for (int l : net.to()) if (rowOfNew[l] < 0) rowOfNew[l] = rows++;
        if (oldScratch.length != plane) {
            oldScratch = new int[plane];
            newScratch = new int[plane];
            java.util.Arrays.fill(oldScratch, -1);
            java.util.Arrays.fill(newScratch, -1);
        }
        int[] px = net.pixels();
        for (int k = 0; k < px.length; k++) {
            int from = net.from()[k];
            oldScratch[px[k]] = from >= 0 ? rowOfOld[from] : -1;
            newScratch[px[k]] = rowOfNew[net.to()[k]];
        }
        Contributions d = scratch(rows, n);
        long t0 = System.nanoTime();
        boolean done = false;
        try {
            LabelMask oldMask = new LabelMask(cam.width(), cam.height(), oldScratch);
            LabelMask newMask = new LabelMask(cam.width(), cam.height(), newScratch);
            List<Camera> twice = oldRows > 0 ? List.of(cam, cam) : List.of(cam);
            renderer.accumulate(
                    scene, twice, v -> v == 0 && oldRows > 0 ? oldMask : newMask, d, Progress.NONE);
            done = true;
        } finally {
            for (int p : px) oldScratch[p] = newScratch[p] = -1;
            if (!done && rows < rowsScratch.length) rowsScratch[rows] = null; // half filled
        }
        long t1 = System.nanoTime();
        long[] acc = a.fixed(), delta = d.fixed();
        for (int l = 0; l < labels; l++) {
            if (rowOfOld[l] >= 0) fold(acc, l * n, delta, rowOfOld[l] * n, n, -1);
            if (rowOfNew[l] >= 0) fold(acc, l * n, delta, rowOfNew[l] * n, n, 1);
        }
        renderMillis = (t1 - t0) / 1e6;
        foldMillis = (System.nanoTime() - t1) / 1e6;
    }

    /** Adds (sign 1) or subtracts (-1) one scratch row into a row of A and clears the scratch. */
    private static void fold(long[] acc, int at, long[] delta, int from, int n, int sign) {
        if (sign > 0) {
            for (int i = 0; i < n; i++) {
                acc[at + i] += delta[from + i];
                delta[from + i] = 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[at + i] -= delta[from + i];
                delta[from + i] = 0;
            }
        }
    }

    /** A zeroed scratch of {@code rows} rows; kept between edits (folding leaves it zero). */
    private Contributions scratch(int rows, int n) {
        if (rows >= rowsScratch.length) return new Contributions(rows, n);
        Contributions c = rowsScratch[rows];
        if (c == null || c.count() != n) rowsScratch[rows] = c = new Contributions(rows, n);
        return c;
    }
}
