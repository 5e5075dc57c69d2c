package org.flashsplat.correct;

import java.util.SplittableRandom;
import org.flashsplat.mask.LabelMask;

/** Brush strokes as the studio records them: stamps along a path, every touched pixel logged. */
final class Strokes {
    private Strokes() {}

    /**
     * A stroke of {@code stamps} discs of radius {@code r} painting {@code label} from a random
     * start, recorded against (but not applied to) {@code mask}. Stamps overlap, so pixels repeat.
     */
    static MaskEdit stroke(
            int view, LabelMask mask, int label, double r, int stamps, SplittableRandom rnd) {
        int w = mask.width(), h = mask.height();
        int[] now = mask.labels().clone();
        java.util.List<int[]> log = new java.util.ArrayList<>();
        double x = rnd.nextDouble(0, w), y = rnd.nextDouble(0, h);
        for (int s = 0; s < stamps; s++) {
            for (int v = (int) Math.max(0, y - r); v <= Math.min(h - 1, y + r); v++) {
                for (int u = (int) Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++) {
                    if ((u - x) * (u - x) + (v - y) * (v - y) > r * r) continue;
                    int p = v * w + u;
                    log.add(new int[] {p, now[p], label});
                    now[p] = label;
                }
            }
            x += rnd.nextDouble(-r, r);
            y += rnd.nextDouble(-r, r);
        }
        int[] px = new int[log.size()], before = new int[log.size()], after = new int[log.size()];
        for (int k = 0; k < px.length; k++) {
            px[k] = log.get(k)[0];
            before[k] = log.get(k)[1];
            after[k] = log.get(k)[2];
        }
        return new MaskEdit("brush", view, px, before, after);
    }

    /** A filled disc covering {@code share} of the view, as one edit (a lasso fill). */
    static MaskEdit disc(int view, LabelMask mask, int label, double share, double cx, double cy) {
        int w = mask.width(), h = mask.height();
        double r = Math.sqrt(share * w * h / Math.PI);
        int[] l = mask.labels().clone();
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
                if ((u - cx) * (u - cx) + (v - cy) * (v - cy) <= r * r) l[v * w + u] = label;
        return MaskEdit.between("fill", view, mask.labels(), l);
    }
}
