package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flashsplat.core.Voxels;
import org.flashsplat.scene.GaussianScene;

/**
 * What the lifted labels say about the instances, judged in the scene rather than in the images.
 * Each Gaussian takes the label of the instance whose voting masks weigh it most (the lift, as a
 * vote); the scene is cut into cubic cells of the median largest scale of the labelled Gaussians,
 * and a Gaussian lies against every label found in its cell or the 26 around it (Gaussians about
 * two scales apart or nearer: neighbours on one surface overlap). The cell size is no fine tuning:
 * on the SAM-like input cells of 0.75 to 1.5 times that scale gave the same result; at 0.5 the
 * surfaces fell apart into dozens of pieces, at 2 the piece of seed 6 stayed joined to the object
 * it had wrongly joined.
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
     * to be a part of that one. On the SAM-like input (12 seeds, docs/PERFORMANCE.md) an object lay
     * against another object or the floor with at most 0.09 of its weight, the parts of an object
     * left apart against their object with 0.37-0.38, floor pieces against the floor with 0.33 and
     * more.
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
        // Per instance, the weight of its voting masks on Gaussians lying against each other
        // instance (one instance at a time through a dense scratch array), and all of it; then the
        // instance it lies against most.
        int[] best = new int[k];
        double[] most = new double[k];
        Arrays.fill(best, -1);
        double[] against = new double[k];
        boolean[] seen = new boolean[k];
        List<Integer> touched = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : votersBy(masks, c, root).entrySet()) {
            int r = e.getKey();
            double total = 0;
            for (int m : e.getValue()) {
                MaskSupport s = masks[m];
                for (int q = 0; q < s.size(); q++) {
                    total += s.weights()[q];
                    for (int l : cells.around(s.gaussians()[q])) {
                        if (l == r) continue;
                        against[l] += s.weights()[q];
                        if (!seen[l]) {
                            seen[l] = true;
                            touched.add(l);
                        }
                    }
                }
            }
            touched.sort(null);
            for (int l : touched) {
                if (against[l] / total > most[r]) {
                    most[r] = against[l] / total;
                    best[r] = l;
                }
                against[l] = 0;
                seen[l] = false;
            }
            touched.clear();
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
     * of a side no other view shows, not a second object (without this, one mask of seed 2 of the
     * SAM-like input went off on its own). {@link Hierarchy} and {@link #follow} then put the new
     * instance where it belongs.
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
        double[] weight = new double[cells.pieceCount()];
        for (int m = 0; m < count; m++) {
            if (!c.votes[m]) continue;
            MaskSupport s = masks[m];
            for (int q = 0; q < s.size(); q++) {
                int g = s.gaussians()[q];
                if (label[g] == c.instance[m]) weight[piece[g]] += s.weights()[q];
            }
        }
        int[] body = new int[c.instanceCount()];
        Arrays.fill(body, -1);
        for (int i = 0; i < weight.length; i++) {
            int owner = cells.owner(i);
            if (weight[i] > 0 && (body[owner] < 0 || weight[i] > weight[body[owner]]))
                body[owner] = i;
        }
        // Per mask its weight per piece of its instance (a scratch array cleared after each).
        Map<Integer, List<Integer>> moving = new TreeMap<>(); // piece -> masks
        double[] on = new double[weight.length];
        List<Integer> touched = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            MaskSupport s = masks[m];
            for (int q = 0; q < s.size(); q++) {
                int g = s.gaussians()[q];
                if (label[g] != c.instance[m]) continue;
                if (on[piece[g]] == 0) touched.add(piece[g]);
                on[piece[g]] += s.weights()[q];
            }
            int heaviest = -1;
            for (int i : touched) {
                if (heaviest < 0 || on[i] > on[heaviest] || on[i] == on[heaviest] && i < heaviest)
                    heaviest = i;
            }
            for (int i : touched) on[i] = 0;
            touched.clear();
            int b = body[c.instance[m]];
            if (heaviest >= 0 && b >= 0 && heaviest != b)
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
        for (Map.Entry<Integer, List<Integer>> e : votersBy(masks, c, owner).entrySet()) {
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

    /** The voting masks by owner, owners ascending. */
    private static Map<Integer, List<Integer>> votersBy(
            MaskSupport[] masks, Clusterer c, int[] owner) {
        Map<Integer, List<Integer>> by = new TreeMap<>();
        for (int m = 0; m < masks.length; m++)
            if (c.votes[m]) by.computeIfAbsent(owner[m], x -> new ArrayList<>()).add(m);
        return by;
    }

    /** The labelled Gaussians in their cells. */
    private static final class Cells {
        final int[] label;
        private final GaussianScene scene;
        private final double size;
        private final Map<Long, int[]> in = new HashMap<>(); // cell -> labels in it, sorted
        private final Map<Long, int[]> byCell = new HashMap<>(); // cell -> labels in and around
        private final int[][] near; // per Gaussian, its cell's entry of byCell once asked for

        private Cells(int[] label, GaussianScene scene, double size) {
            this.label = label;
            this.scene = scene;
            this.size = size;
            this.near = new int[label.length][];
            for (int g = 0; g < label.length; g++) if (label[g] >= 0) add(cell(g), label[g]);
        }

        private void add(long cell, int l) {
            int[] there = in.get(cell);
            if (there == null) in.put(cell, new int[] {l});
            else if (Arrays.binarySearch(there, l) < 0) in.put(cell, union(there, new int[] {l}));
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
            return Voxels.key(
                    Voxels.cell(scene.x[g], size),
                    Voxels.cell(scene.y[g], size),
                    Voxels.cell(scene.z[g], size));
        }

        /** The labels in Gaussian g's cell and the 26 around it (cached per Gaussian and cell). */
        int[] around(int g) {
            if (near[g] == null)
                near[g] =
                        byCell.computeIfAbsent(
                                cell(g),
                                at -> {
                                    int[] out = new int[0];
                                    for (int dx = -1; dx <= 1; dx++)
                                        for (int dy = -1; dy <= 1; dy++)
                                            for (int dz = -1; dz <= 1; dz++) {
                                                int[] l = in.get(Voxels.neighbour(at, dx, dy, dz));
                                                if (l != null) out = union(out, l);
                                            }
                                    return out;
                                });
            return near[g];
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
                            Map<Integer, Integer> there =
                                    index.get(Voxels.neighbour(cell, dx, dy, dz));
                            Integer j = there == null ? null : there.get(l);
                            if (j != null) Voxels.union(parent, i, j);
                        }
            }
            owners = new int[pairs.size()];
            for (int i = 0; i < owners.length; i++) owners[i] = (int) pairs.get(i)[1];
            for (int g = 0; g < at.length; g++) if (at[g] >= 0) at[g] = Voxels.find(parent, at[g]);
            return at;
        }

        private int[] owners;

        /** How many (cell, label) pairs {@link #pieces} numbered. */
        int pieceCount() {
            return owners.length;
        }

        /** The label of a piece from {@link #pieces}. */
        int owner(int piece) {
            return owners[piece];
        }
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
