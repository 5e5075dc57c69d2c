package org.flashsplat.correct;

import java.util.Arrays;
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
 * <p>The renderer only adds, into rows of a scratch. Each changed pixel is labelled by the row of
 * its (old, new) label pair and every other pixel -1, which adds nothing (and tiles without a
 * changed pixel are skipped), so one render of the changed tiles gives per pair the summed weights;
 * folding row (o, n) into A subtracts it from A[o] and adds it to A[n]. A brush stroke has one or a
 * few pairs, so the scratch has a few rows instead of L. Should an edit have more pairs than the
 * two-pass form has rows (old labels + new labels, at most 2L; e.g. a propagation relabelling a
 * whole view), the view is rendered twice instead, once with old-label rows and once with new-label
 * rows, which bounds the scratch by 2L rows.
 *
 * <p>Folding is integer arithmetic on the same fixed-point values a full pass adds, so the result
 * is bit-identical to re-accumulating every view.
 */
final class DeltaPass {
    /** Pair rows allowed beyond the two-pass row count before two passes are used instead. */
    private static final int PAIR_SLACK = 8;

    private int[] scratchA = new int[0], scratchB = new int[0];

    /** Times of the last pass, in milliseconds. */
    double renderMillis, foldMillis;

    /** Edits that took two renders; tests check both paths are taken. */
    long twoPassEdits;

    void apply(Renderer renderer, GaussianScene scene, Camera cam, MaskEdit.Net net, Contributions a) {
        int labels = a.labels(), plane = cam.width() * cam.height();
        if (scratchA.length != plane) {
            scratchA = new int[plane];
            scratchB = new int[plane];
            Arrays.fill(scratchA, -1);
            Arrays.fill(scratchB, -1);
        }
        int[] from = net.from(), to = net.to(), px = net.pixels();
        // Row numbers per old label, per new label and per (old, new) pair; -1 = unused.
        int[] oldRow = new int[labels], newRow = new int[labels];
        Arrays.fill(oldRow, -1);
        Arrays.fill(newRow, -1);
        int olds = 0, news = 0;
        for (int k = 0; k < px.length; k++) {
            if (oldRow[from[k]] < 0) oldRow[from[k]] = olds++;
            if (newRow[to[k]] < 0) newRow[to[k]] = news++;
        }
        java.util.HashMap<Long, Integer> pairRow = new java.util.HashMap<>();
        int[] pairOf = new int[px.length];
        for (int k = 0; k < px.length && pairRow.size() <= olds + news + PAIR_SLACK; k++) {
            long key = ((long) from[k] << 32) | to[k];
            Integer r = pairRow.get(key);
            if (r == null) pairRow.put(key, r = pairRow.size());
            pairOf[k] = r;
        }
        boolean pairs = pairRow.size() <= olds + news + PAIR_SLACK;
        long t0 = System.nanoTime();
        int[] rowFrom, rowTo;
        Contributions d;
        if (pairs) {
            int rows = pairRow.size();
            for (int k = 0; k < px.length; k++) scratchA[px[k]] = pairOf[k];
            d = render(renderer, scene, cam, rows, a.count(), scratchA, null, px);
            rowFrom = new int[rows];
            rowTo = new int[rows];
            pairRow.forEach(
                    (key, r) -> {
                        rowFrom[r] = (int) (key >>> 32);
                        rowTo[r] = (int) (long) key;
                    });
        } else {
            twoPassEdits++;
            for (int k = 0; k < px.length; k++) {
                scratchA[px[k]] = oldRow[from[k]];
                scratchB[px[k]] = olds + newRow[to[k]];
            }
            d = render(renderer, scene, cam, olds + news, a.count(), scratchA, scratchB, px);
            rowFrom = new int[olds + news];
            rowTo = new int[olds + news];
            Arrays.fill(rowFrom, -1);
            Arrays.fill(rowTo, -1);
            for (int l = 0; l < labels; l++) {
                if (oldRow[l] >= 0) rowFrom[oldRow[l]] = l;
                if (newRow[l] >= 0) rowTo[olds + newRow[l]] = l;
            }
        }
        long t1 = System.nanoTime();
        // Row r of the scratch moves its weights out of A[rowFrom[r]] into A[rowTo[r]].
        d.forEach(
                (r, i, x) -> {
                    if (rowFrom[r] >= 0) a.addAtomic(rowFrom[r], i, -x);
                    if (rowTo[r] >= 0) a.addAtomic(rowTo[r], i, x);
                });
        finish(t0, t1);
    }

    private void finish(long t0, long t1) {
        renderMillis = (t1 - t0) / 1e6;
        foldMillis = (System.nanoTime() - t1) / 1e6;
    }

    /**
     * Accumulates the view with labels {@code first} (and {@code second}, the same camera again)
     * into a new scratch of {@code rows} rows (sparse: it holds only the Gaussians the changed
     * pixels see); resets the label scratches to -1 whatever happens.
     */
    private Contributions render(
            Renderer renderer,
            GaussianScene scene,
            Camera cam,
            int rows,
            int count,
            int[] first,
            int[] second,
            int[] px) {
        Contributions d = new Contributions(rows, count);
        try {
            LabelMask a = new LabelMask(cam.width(), cam.height(), first);
            LabelMask b = second == null ? null : new LabelMask(cam.width(), cam.height(), second);
            List<Camera> views = second == null ? List.of(cam) : List.of(cam, cam);
            renderer.accumulate(scene, views, v -> v == 0 ? a : b, d, Progress.NONE);
            return d;
        } finally {
            for (int p : px) scratchA[p] = scratchB[p] = -1;
        }
    }
}
