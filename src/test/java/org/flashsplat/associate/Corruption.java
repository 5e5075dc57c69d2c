package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.sample.SampleMasks;

/**
 * Turns a true instance mask into what SAM's automatic masks look like: noisy borders and stray
 * blobs, an object split in two, two neighbours merged into one mask, an object missing, and random
 * local IDs. Keeps, per pixel, the object the mask was meant to show ({@code origin}), so a test
 * can score the association.
 */
final class Corruption {
    private Corruption() {}

    /** A corrupted mask: local IDs, and per pixel the true object behind its local mask. */
    record Corrupted(
            LabelMask local, int[] origin, boolean split, boolean merged, boolean dropped) {}

    static Corrupted apply(LabelMask truth, int objects, SplittableRandom rnd) {
        LabelMask noisy = SampleMasks.noisy(truth, objects, rnd);
        int[] origin = noisy.labels().clone();
        int[] seg =
                noisy.labels().clone(); // segments before renaming: object k, or parts > objects
        int w = truth.width();
        List<Integer> present = present(seg, objects);
        boolean dropped = false, split = false, merged = false;
        if (present.size() > 2 && rnd.nextDouble() < 0.2) {
            int k = present.remove(rnd.nextInt(present.size()));
            for (int p = 0; p < seg.length; p++) if (seg[p] == k) seg[p] = origin[p] = 0;
            dropped = true;
        }
        if (!present.isEmpty() && rnd.nextDouble() < 0.3) {
            int k = present.get(rnd.nextInt(present.size()));
            double cx = 0, cy = 0;
            int n = 0;
            for (int p = 0; p < seg.length; p++) {
                if (seg[p] == k) {
                    cx += p % w;
                    cy += p / w;
                    n++;
                }
            }
            cx /= n;
            cy /= n;
            double a = rnd.nextDouble(0, Math.PI);
            for (int p = 0; p < seg.length; p++) {
                if (seg[p] == k && (p % w - cx) * Math.cos(a) + (p / w - cy) * Math.sin(a) > 0)
                    seg[p] = objects + 1;
            }
            split = true;
        }
        if (present.size() >= 2 && rnd.nextDouble() < 0.15) {
            int[] pair = touching(seg, w, present);
            if (pair != null) {
                for (int p = 0; p < seg.length; p++) if (seg[p] == pair[1]) seg[p] = pair[0];
                merged = true;
            }
        }
        // Random, sparse local IDs, as SAM's order is arbitrary.
        int[] rename = new int[objects + 2];
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= 3 * (objects + 1); i++) ids.add(i);
        for (int s = 1; s < rename.length; s++) rename[s] = ids.remove(rnd.nextInt(ids.size()));
        int[] local = new int[seg.length];
        for (int p = 0; p < seg.length; p++) local[p] = rename[seg[p]];
        return new Corrupted(
                new LabelMask(w, truth.height(), local), origin, split, merged, dropped);
    }

    private static List<Integer> present(int[] seg, int objects) {
        boolean[] seen = new boolean[objects + 1];
        for (int l : seg) seen[l] = true;
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k <= objects; k++) if (seen[k]) out.add(k);
        return out;
    }

    /** The first pair of listed objects whose masks touch (4-neighbours), or null. */
    private static int[] touching(int[] seg, int w, List<Integer> present) {
        for (int p = 0; p < seg.length; p++) {
            int a = seg[p];
            if (!present.contains(a)) continue;
            for (int q : new int[] {p + 1, p + w}) {
                if (q >= seg.length || (q == p + 1 && q % w == 0)) continue;
                int b = seg[q];
                if (b != a && present.contains(b)) return new int[] {a, b};
            }
        }
        return null;
    }
}
