package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flashsplat.scene.GaussianScene;

/**
 * What the lifted labels say about the instances, judged in the scene rather than in the images.
 * Each Gaussian takes the label of the instance whose voting masks weigh it most (the lift, as a
 * vote); the scene is cut into cubic cells of the median largest scale of the labelled Gaussians,
 * and a Gaussian lies against every label found in its cell or the 26 around it (Gaussians about
 * two scales apart or nearer: neighbours on one surface overlap).
 *
 * <ul>
 *   <li>{@link #splitPieces}: an instance holds one piece of surface. Masks of another object that
 *       joined it (seen through the semi-transparent edge of the object in front in a few views,
 *       those views then agreeing with each other) give it a second piece away from the first; they
 *       are split off.
 *   <li>{@link #follow}: a part of an object seen in a few views only keeps an instance of its own
 *       when no whole mask bridges it ({@link Hierarchy}) and no boundary wraps it ({@link Wraps}).
 *       But it is a piece of its object's surface, so most of its Gaussians lie against Gaussians
 *       its object holds, while a distinct object meets another one, or the floor, only along a
 *       thin line of contact. It becomes a part of the object it lies against.
 * </ul>
 *
 * Both work on O(Gaussians) arrays and maps of occupied cells: nothing grows with labels x
 * Gaussians.
 */
final class Contact {
    private Contact() {}

    /**
     * Least share of an instance's voting weight on Gaussians lying against another instance for it
     * to be a part of that one. On the SAM-like input (8 seeds, docs/PERFORMANCE.md) distinct
     * objects lay against each other or the floor with at most 0.09 of their weight, parts of an
     * object left apart against their object with 0.37 and 0.38, floor pieces against the floor
     * with 0.33 and more.
     */
    static final double SHARE = 0.2;

    /**
     * Puts every top-level instance that lies against a bigger one with {@link #SHARE} of its
     * weight or more under the one it lies against most, as a part: its masks get that object and
     * keep their instance as the part (a part already keeps its own). Bigger is more labelled
     * Gaussians: the part is the smaller piece, and merges cannot form cycles.
     *
     * @param h the hierarchy so far (after {@link Wraps})
     */
    static Hierarchy.Result follow(
            Hierarchy.Result h, MaskSupport[] masks, Clusterer c, GaussianScene scene) {
        int k = c.instanceCount();
        int[] root = h.root();
        Cells cells = Cells.of(masks, c, root, scene);
        if (cells == null) return h;
        long[] size = new long[k];
        for (int l : cells.label) if (l >= 0) size[l]++;
        // Per (instance << 32 | instance it lies against) the weight there, and per instance all
        // of its voting weight.
        Map<Long, Double> against = new HashMap<>();
        double[] total = new double[k];
        Map<Long, int[]> around = new HashMap<>();
        for (int m = 0; m < masks.length; m++) {
            if (!c.votes[m]) continue;
            MaskSupport s = masks[m];
            int r = root[m];
            for (int q = 0; q < s.size(); q++) {
                total[r] += s.weights()[q];
                for (int l : cells.around(s.gaussians()[q], around)) {
                    if (l != r)
                        against.merge((long) r << 32 | l, (double) s.weights()[q], Double::sum);
                }
            }
        }
        int[] best = new int[k];
        double[] most = new double[k];
        Arrays.fill(best, -1);
        for (Map.Entry<Long, Double> e : new TreeMap<>(against).entrySet()) {
            int p = (int) (e.getKey() >>> 32), w = (int) (long) e.getKey();
            double share = e.getValue() / total[p];
            if (share > most[p]) {
                most[p] = share;
                best[p] = w;
            }
        }
        int[] parent = new int[k];
        Arrays.fill(parent, -1);
        for (int p = 0; p < k; p++) {
            int w = best[p];
            if (w < 0 || h.top()[p] != p || most[p] < SHARE) continue;
            if (size[w] > size[p] || size[w] == size[p] && w < p) parent[p] = w;
        }
        int[] top = h.top().clone();
        boolean any = false;
        for (int i = 0; i < k; i++) {
            int t = top[i];
            for (int steps = 0; parent[t] >= 0 && steps < k; steps++) t = parent[t];
            any |= t != top[i];
            top[i] = t;
        }
        if (!any) return h;
        int[] newRoot = root.clone(), part = h.part().clone();
        for (int m = 0; m < masks.length; m++) {
            int t = top[root[m]];
            if (t == root[m]) continue;
            newRoot[m] = t;
            if (part[m] < 0) part[m] = root[m];
        }
        return new Hierarchy.Result(newRoot, part, top);
    }

    /**
     * Splits off the pieces of an instance that lie apart from its body. An instance's labelled
     * Gaussians are joined into pieces across neighbouring cells; its body is the piece its voting
     * masks weigh most. Masks (voting or not) whose weight on their instance's Gaussians lies most
     * on another piece move, with the others of that piece, to an instance of their own, when
     * voting masks of two views or more hold that piece: a piece one mask alone sees is a glimpse
     * of a side no other view shows, not a second object. {@link Hierarchy} and {@link #follow}
     * then put the new instance where it belongs.
     *
     * @return how many pieces were split off
     */
    static int splitPieces(Clusterer c, GaussianScene scene) {
        int count = c.maskCount();
        MaskSupport[] masks = new MaskSupport[count];
        for (int m = 0; m < count; m++) masks[m] = c.mask(m);
        Cells cells = Cells.of(masks, c, c.instance, scene);
        if (cells == null) return 0;
        int[] label = cells.label;
        int[] piece = cells.pieces();
        // Each piece's voting weight; per instance the heaviest piece.
        Map<Integer, Double> weight = new HashMap<>();
        for (int m = 0; m < count; m++) {
            if (!c.votes[m]) continue;
            MaskSupport s = masks[m];
            for (int q = 0; q < s.size(); q++) {
                int g = s.gaussians()[q];
                if (label[g] == c.instance[m])
                    weight.merge(piece[g], (double) s.weights()[q], Double::sum);
            }
        }
        Map<Integer, Integer> body = new HashMap<>(); // instance -> piece
        for (Map.Entry<Integer, Double> e : new TreeMap<>(weight).entrySet()) {
            int owner = cells.owner(e.getKey());
            Integer b = body.get(owner);
            if (b == null || e.getValue() > weight.get(b)) body.put(owner, e.getKey());
        }
        Map<Integer, List<Integer>> moving = new TreeMap<>(); // piece -> masks
        for (int m = 0; m < count; m++) {
            MaskSupport s = masks[m];
            Map<Integer, Double> on = new TreeMap<>();
            for (int q = 0; q < s.size(); q++) {
                int g = s.gaussians()[q];
                if (label[g] == c.instance[m])
                    on.merge(piece[g], (double) s.weights()[q], Double::sum);
            }
            int heaviest = -1;
            for (Map.Entry<Integer, Double> e : on.entrySet())
                if (heaviest < 0 || e.getValue() > on.get(heaviest)) heaviest = e.getKey();
            Integer b = body.get(c.instance[m]);
            if (heaviest >= 0 && b != null && heaviest != b)
                moving.computeIfAbsent(heaviest, x -> new ArrayList<>()).add(m);
        }
        int split = 0;
        for (List<Integer> group : moving.values()) {
            BitSet views = new BitSet();
            for (int m : group) if (c.votes[m]) views.set(masks[m].view());
            if (views.cardinality() < 2) continue;
            int to = c.freshInstance();
            for (int m : group) c.move(m, to);
            split++;
        }
        return split;
    }

    /**
     * The lift as a vote: per Gaussian the instance (by {@code owner}, per mask) whose voting masks
     * weigh it most, -1 where none does. One instance at a time through a scratch array, so memory
     * stays O(Gaussians).
     */
    static int[] lift(MaskSupport[] masks, Clusterer c, int[] owner, int n) {
        int[] label = new int[n];
        Arrays.fill(label, -1);
        float[] best = new float[n], sum = new float[n];
        Map<Integer, List<Integer>> byOwner = new TreeMap<>();
        for (int m = 0; m < masks.length; m++)
            if (c.votes[m]) byOwner.computeIfAbsent(owner[m], x -> new ArrayList<>()).add(m);
        for (Map.Entry<Integer, List<Integer>> e : byOwner.entrySet()) {
            for (int m : e.getValue()) {
                MaskSupport s = masks[m];
                for (int q = 0; q < s.size(); q++) sum[s.gaussians()[q]] += s.weights()[q];
            }
            for (int m : e.getValue()) {
                for (int g : masks[m].gaussians()) {
                    if (sum[g] > best[g]) {
                        best[g] = sum[g];
                        label[g] = e.getKey();
                    }
                    sum[g] = 0;
                }
            }
        }
        return label;
    }

    /** The labelled Gaussians in their cells. */
    private static final class Cells {
        final int[] label;
        private final GaussianScene scene;
        private final double size;
        private final Map<Long, int[]> in = new HashMap<>(); // cell -> labels in it, sorted

        private Cells(int[] label, GaussianScene scene, double size) {
            this.label = label;
            this.scene = scene;
            this.size = size;
            for (int g = 0; g < label.length; g++)
                if (label[g] >= 0) in.merge(cell(g), new int[] {label[g]}, Contact::union);
        }

        /** Null when no Gaussian is labelled (or all have zero scale). */
        static Cells of(MaskSupport[] masks, Clusterer c, int[] owner, GaussianScene scene) {
            int[] label = lift(masks, c, owner, scene.count());
            int labelled = 0;
            for (int l : label) if (l >= 0) labelled++;
            if (labelled == 0) return null;
            float[] r = new float[labelled];
            int i = 0;
            for (int g = 0; g < label.length; g++)
                if (label[g] >= 0)
                    r[i++] = Math.max(scene.sx[g], Math.max(scene.sy[g], scene.sz[g]));
            Arrays.sort(r);
            double size = r[labelled / 2];
            return size > 0 ? new Cells(label, scene, size) : null;
        }

        long cell(int g) {
            return key(
                    (long) Math.floor(scene.x[g] / size),
                    (long) Math.floor(scene.y[g] / size),
                    (long) Math.floor(scene.z[g] / size));
        }

        /** The labels in Gaussian g's cell and the 26 around it (cached per cell). */
        int[] around(int g, Map<Long, int[]> cache) {
            return cache.computeIfAbsent(
                    cell(g),
                    at -> {
                        int[] out = new int[0];
                        for (int dx = -1; dx <= 1; dx++)
                            for (int dy = -1; dy <= 1; dy++)
                                for (int dz = -1; dz <= 1; dz++) {
                                    int[] l = in.get(offset(at, dx, dy, dz));
                                    if (l != null) out = union(out, l);
                                }
                        return out;
                    });
        }

        /**
         * Per labelled Gaussian the piece it is in (an index into the (cell, label) pairs, the
         * smallest of its piece), -1 elsewhere: a label's cells joined across neighbours.
         */
        int[] pieces() {
            Map<Long, Map<Integer, Integer>> index = new HashMap<>(); // cell -> label -> pair
            List<long[]> pairs = new ArrayList<>();
            int[] at = new int[label.length];
            Arrays.fill(at, -1);
            for (int g = 0; g < label.length; g++) {
                if (label[g] < 0) continue;
                long cell = cell(g);
                Map<Integer, Integer> byLabel = index.computeIfAbsent(cell, x -> new HashMap<>());
                Integer p = byLabel.get(label[g]);
                if (p == null) {
                    p = pairs.size();
                    byLabel.put(label[g], p);
                    pairs.add(new long[] {cell, label[g]});
                }
                at[g] = p;
            }
            int[] parent = new int[pairs.size()];
            for (int i = 0; i < parent.length; i++) parent[i] = i;
            for (int i = 0; i < parent.length; i++) {
                long cell = pairs.get(i)[0];
                int l = (int) pairs.get(i)[1];
                for (int dx = -1; dx <= 1; dx++)
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dz = -1; dz <= 1; dz++) {
                            Map<Integer, Integer> there = index.get(offset(cell, dx, dy, dz));
                            Integer j = there == null ? null : there.get(l);
                            if (j == null) continue;
                            int a = find(parent, i), b = find(parent, j);
                            if (a != b) parent[Math.max(a, b)] = Math.min(a, b);
                        }
            }
            owners = new int[pairs.size()];
            for (int i = 0; i < owners.length; i++) owners[i] = (int) pairs.get(i)[1];
            for (int g = 0; g < at.length; g++) if (at[g] >= 0) at[g] = find(parent, at[g]);
            return at;
        }

        private int[] owners;

        /** The label of a piece from {@link #pieces}. */
        int owner(int piece) {
            return owners[piece];
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static long key(long a, long b, long d) {
        return (a & 0x1fffff) << 42 | (b & 0x1fffff) << 21 | (d & 0x1fffff);
    }

    /** The cell dx, dy, dz away (coordinates wrap at 2^21 cells, far beyond any scene). */
    private static long offset(long key, int dx, int dy, int dz) {
        return key((key >>> 42) + dx, (key >>> 21 & 0x1fffff) + dy, (key & 0x1fffff) + dz);
    }

    /** Sorted union of two small sorted label sets. */
    private static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            int v = j >= b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != v) out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }
}
