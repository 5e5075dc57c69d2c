package org.flashsplat.associate;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flashsplat.mask.LabelMask;

/**
 * Which mask of a view wraps which, from the view's label map alone: for every mask, the other mask
 * that most of its boundary runs along, and how much of it. SAM's automatic masks overlap (a whole
 * and its parts), and once flattened the whole keeps only what its parts leave of it, often a thin
 * crescent around them. A crescent's support says little about its object: its pixels next to the
 * part are left out (see {@link SupportPass#interior}), and what it keeps is its outer border,
 * which a noisy edge grows over whatever lies behind. In the image it is plain: the part lies
 * inside it.
 *
 * <p>One pass over the pixels' right and lower neighbours: a pair of different labels adds one
 * boundary edge to each side (and one to the pair); an image edge counts as boundary on nothing.
 *
 * @param view index of the view in the camera list
 * @param locals the view's local IDs, ascending (as {@link ViewMasks#locals()})
 * @param outer per mask, the local ID of the mask its boundary runs along most (0: none)
 * @param share per mask, the share of its boundary edges on {@code outer}
 */
record Wraps(int view, int[] locals, int[] outer, float[] share) {

    /**
     * Least share of a mask's boundary on another mask for that one to wrap it. On the SAM-like
     * input (8 seeds) a mask of one object ran along a mask of another object with at most 0.50 of
     * its boundary when it had 64 px or more (a voting mask; specks of 5-13 px seen through a gap
     * reached 0.86), while a part painted over its whole runs along what the whole keeps with
     * 0.6-1.0 of it; 0.6 kept more object pixels than 0.7 (seeds 4242, 5) and nothing wrong.
     */
    static final double SHARE = 0.6;

    /**
     * A wrapping mask at most this times the area it wraps is a remnant: what a whole keeps around
     * its parts once they are painted over it, a rim a few pixels wide. On the SAM-like input the
     * object masks that wrapped masks of their object were 0.1-2.6 times what they wrapped, the
     * floor masks wrapping objects 3.3 times and more (5,000-22,000 px around a few hundred).
     */
    static final double REMNANT = 2;

    /**
     * Least score a remnant needs on what it wraps (under {@code flag}): some 3D backing, so that a
     * distinct object seen only as a rim around one in front of it (its border next to that one
     * casts no vote, its support gives it almost nothing) stays apart. Object remnants scored
     * 0.06-0.19 there (those from 0.1 now follow), floor masks at most 0.14 (all 3.3 times and more
     * what they wrapped).
     */
    static final double REMNANT_SCORE = 0.1;

    static Wraps of(ViewMasks vm, LabelMask mask) {
        int n = vm.count();
        int[] outer = new int[n];
        float[] share = new float[n];
        if (mask == null || n == 0) return new Wraps(vm.view(), vm.locals(), outer, share);
        int w = mask.width(), h = mask.height(), max = mask.maxLabel();
        int[] l = mask.labels();
        long[] boundary = new long[max + 1];
        Map<Long, long[]> pair = new HashMap<>(); // (inner << 32 | outer) -> edges
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int p = v * w + u, a = l[p];
                if (a > 0 && (u == 0 || u == w - 1)) boundary[a]++;
                if (a > 0 && (v == 0 || v == h - 1)) boundary[a]++;
                if (u < w - 1) edge(l, a, l[p + 1], boundary, pair);
                if (v < h - 1) edge(l, a, l[p + w], boundary, pair);
            }
        }
        pair.forEach(
                (key, edges) -> {
                    int in = (int) (key >>> 32), out = (int) (long) key;
                    int k = java.util.Arrays.binarySearch(vm.locals(), in);
                    if (k < 0) return;
                    float s = (float) (edges[0] / (double) boundary[in]);
                    if (s > share[k] || s == share[k] && outer[k] != 0 && out < outer[k]) {
                        share[k] = s;
                        outer[k] = out;
                    }
                });
        return new Wraps(vm.view(), vm.locals(), outer, share);
    }

    private static void edge(int[] l, int a, int b, long[] boundary, Map<Long, long[]> pair) {
        if (a == b) return;
        if (a > 0) boundary[a]++;
        if (b > 0) boundary[b]++;
        if (a > 0 && b > 0) {
            pair.computeIfAbsent((long) a << 32 | b, x -> new long[1])[0]++;
            pair.computeIfAbsent((long) b << 32 | a, x -> new long[1])[0]++;
        }
    }

    /** The mask wrapping local mask {@code local} at {@code least} share or more, else 0. */
    int wrapperOf(int local, double least) {
        int k = Arrays.binarySearch(locals, local);
        return k >= 0 && share[k] >= least ? outer[k] : 0;
    }

    /**
     * A mask that wraps masks of its view taking part in the clustering ({@link #SHARE}; 64 px or
     * more by default) is the whole of what it wraps: it goes to their object (the top-level
     * instance holding most of the wrapped area), as the object itself (no part), when its support
     * gives that object at least {@code flag} of its weight: the 3D evidence a bridge needs (see
     * {@link Clusterer}). The image then settles what the support leaves open: a crescent's support
     * splits between its object and what lies behind its grown border. A floor mask wraps the
     * objects standing on it too, but its pixels next to them cast no vote, so its support gives
     * them little (at most 0.14 on the SAM-like input, crescents moved 0.21-0.44): it stays. Masks
     * already in that object are left as they are.
     */
    static Hierarchy.Result follow(
            Hierarchy.Result h, List<Wraps> wraps, MaskSupport[] masks, Clusterer c, double flag) {
        Map<Long, Integer> index = new HashMap<>();
        for (int m = 0; m < masks.length; m++)
            index.put((long) masks[m].view() << 32 | masks[m].local(), m);
        int[] root = h.root().clone(), part = h.part().clone(), top = h.top();
        // wrapping mask -> (object -> wrapped area); sorted so that ties break the same way
        Map<Integer, Map<Integer, Long>> wrapped = new TreeMap<>();
        for (int a = 0; a < masks.length; a++) {
            MaskSupport in = masks[a];
            int b = wraps.get(in.view()).wrapperOf(in.local(), SHARE);
            Integer m = b == 0 ? null : index.get((long) in.view() << 32 | b);
            if (m == null) continue;
            wrapped.computeIfAbsent(m, x -> new TreeMap<>())
                    .merge(h.root()[a], (long) in.area(), Long::sum);
        }
        for (Map.Entry<Integer, Map<Integer, Long>> e : wrapped.entrySet()) {
            int m = e.getKey(), object = -1;
            long most = 0;
            for (Map.Entry<Integer, Long> o : e.getValue().entrySet()) {
                if (o.getValue() > most) {
                    most = o.getValue();
                    object = o.getKey();
                }
            }
            if (object == root[m]) continue;
            double[] a = c.scores(m);
            double on = 0; // the object's score: its whole and its parts together
            for (int j = 0; j < a.length; j++) if (c.members(j) > 0 && top[j] == object) on += a[j];
            boolean remnant = masks[m].area() <= REMNANT * most;
            if (on < flag && !(remnant && on >= REMNANT_SCORE)) continue;
            root[m] = object;
            part[m] = -1;
        }
        return new Hierarchy.Result(root, part, top);
    }
}
