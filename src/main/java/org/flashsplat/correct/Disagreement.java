package org.flashsplat.correct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.flashsplat.mask.LabelMask;

/**
 * Compares input masks with the masks rendered from the 3D result. The 3D result is a vote of all
 * views, so a view whose mask is badly wrong (objects swapped, an object left out, a large false
 * blob) disagrees with it much more than a merely noisy one: ranking views by disagreement shows
 * the user which masks to fix first.
 */
public final class Disagreement {
    public static final byte AGREE = 0;

    /** The input shows an object where the 3D result renders background. */
    public static final byte MISSING = 1;

    /** The 3D result renders an object where the input shows background. */
    public static final byte EXTRA = 2;

    /** Both show an object, but not the same one. */
    public static final byte WRONG_OBJECT = 3;

    private Disagreement() {}

    /**
     * @param objects objects of the 3D result; input labels beyond it count as objects the
     *     rendering never shows
     */
    public static ViewDisagreement compare(
            int view,
            String name,
            LabelMask input,
            LabelMask rendered,
            int objects,
            boolean withMap) {
        if (input.width() != rendered.width() || input.height() != rendered.height())
            throw new IllegalArgumentException("masks of view " + name + " differ in size");
        int[] a = input.labels(), b = rendered.labels();
        int k = Math.max(objects, Math.max(input.maxLabel(), rendered.maxLabel()));
        long[] inter = new long[k + 1], union = new long[k + 1];
        long missing = 0, extra = 0, wrong = 0, foreground = 0;
        byte[] map = withMap ? new byte[a.length] : null;
        for (int p = 0; p < a.length; p++) {
            int x = a[p], y = b[p];
            if (x > 0 || y > 0) foreground++;
            if (x == y) {
                if (x > 0) {
                    inter[x]++;
                    union[x]++;
                }
                continue;
            }
            if (x > 0) union[x]++;
            if (y > 0) union[y]++;
            byte code;
            if (y == 0) {
                missing++;
                code = MISSING;
            } else if (x == 0) {
                extra++;
                code = EXTRA;
            } else {
                wrong++;
                code = WRONG_OBJECT;
            }
            if (map != null) map[p] = code;
        }
        double[] iou = new double[k];
        for (int o = 1; o <= k; o++)
            iou[o - 1] = union[o] == 0 ? Double.NaN : (double) inter[o] / union[o];
        long disagreeing = missing + extra + wrong;
        double score = foreground == 0 ? 0 : (double) disagreeing / foreground;
        return new ViewDisagreement(
                view,
                name,
                input.width(),
                input.height(),
                iou,
                missing,
                extra,
                wrong,
                foreground,
                score,
                map);
    }

    /**
     * Worst first: by score, then by the share of disagreeing pixels, then by view index (a stable
     * order for equal views).
     */
    public static List<ViewDisagreement> rank(List<ViewDisagreement> views) {
        List<ViewDisagreement> out = new ArrayList<>(views);
        out.sort(
                Comparator.comparingDouble(ViewDisagreement::score)
                        .thenComparingDouble(ViewDisagreement::disagreeingShare)
                        .reversed()
                        .thenComparingInt(ViewDisagreement::view));
        return out;
    }
}
