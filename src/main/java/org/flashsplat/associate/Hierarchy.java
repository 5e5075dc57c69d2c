package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.flashsplat.scene.GaussianScene;

/**
 * Parts inside wholes, found once the clustering is done. SAM's automatic output shows an object
 * whole in some views and as parts in others. The views that show the parts apart vote "two
 * objects" against the whole masks that bridge them, so a part keeps an instance of its own, and
 * the whole masks, scoring on both, are held back as under-segmented (they cast no vote, so the
 * part lies in no instance's support that a containment test could see).
 *
 * <p>A part is told from a second object by two things. The bridges: whole masks bridge a part and
 * the rest of its object in a good share of the views (at least {@link #BRIDGE_SHARE} of the views
 * showing them apart, and {@link #MIN_BRIDGES} masks), while a mask over two objects is a rare
 * slip. And the scene, not the images: the two instances' voting weight lies together in 3D
 * (centres nearer than {@link #NEAR} times the sum of their RMS radii; two touching balls are
 * 1/0.77 times that sum apart, two halves of one ball about half of it), so objects that merely
 * touch or overlap in some images are never joined.
 *
 * <p>The instance of smaller extent becomes a sub-instance (part) of the other: its masks go to the
 * whole's ID, so label maps and lifts give one ID per object, and keep the part so that a user can
 * split it out again ({@link Edit.SplitPart}). Parents form no cycles; a part of a part belongs to
 * the top-level instance.
 */
final class Hierarchy {
    private Hierarchy() {}

    /** Fewest masks bridging a part and its whole. */
    static final int MIN_BRIDGES = 2;

    /** Bridging masks per view showing the two apart, at least (measured, docs/PERFORMANCE.md). */
    static final double BRIDGE_SHARE = 0.25;

    /** Centres at most this times the sum of the RMS radii apart. */
    static final double NEAR = 0.8;

    /**
     * @param root per mask, the top-level instance (Clusterer's internal number)
     * @param part per mask, the instance it was clustered in when that became a part of {@code
     *     root}, else -1
     * @param top per instance, its top-level instance (itself when it is no part)
     */
    record Result(int[] root, int[] part, int[] top) {}

    static Result find(Clusterer c, GaussianScene scene, AssociationParams params) {
        int n = c.maskCount(), k = c.instanceCount();
        int[] inst = c.instance;
        // Each instance's voting weight in the scene: its centre and RMS radius.
        double[][] mom = new double[k][5];
        for (int m = 0; m < n; m++) {
            if (!c.votes[m]) continue;
            double[] o = moments(c.mask(m), scene);
            for (int q = 0; q < 5; q++) mom[inst[m]][q] += o[q];
        }
        double[][] centre = new double[k][3];
        double[] radius = new double[k];
        for (int i = 0; i < k; i++) {
            double w = mom[i][0];
            if (w == 0) continue;
            double r2 = mom[i][4] / w;
            for (int a = 0; a < 3; a++) {
                centre[i][a] = mom[i][a + 1] / w;
                r2 -= centre[i][a] * centre[i][a];
            }
            radius[i] = Math.sqrt(Math.max(0, r2));
        }
        // Masks scoring at least flag on two instances bridge them (as in the merge vote).
        double[][] all =
                IntStream.range(0, n).parallel().mapToObj(c::scores).toArray(double[][]::new);
        Map<Long, Integer> bridge = new HashMap<>();
        for (int m = 0; m < n; m++) {
            for (int j = 0; j < k; j++) {
                if (j != inst[m] && c.members(j) > 0 && all[m][j] >= params.flag()) {
                    long key = (long) Math.min(j, inst[m]) << 32 | Math.max(j, inst[m]);
                    bridge.merge(key, 1, Integer::sum);
                }
            }
        }
        long[][] seen = c.viewsWithVotes(k);
        List<Long> keys = new ArrayList<>(bridge.keySet());
        // Candidate (part, whole) pairs, strongest bridging first.
        keys.sort(
                (x, y) -> {
                    int c1 = Integer.compare(bridge.get(y), bridge.get(x));
                    return c1 != 0 ? c1 : Long.compare(x, y);
                });
        int[] parent = new int[k];
        Arrays.fill(parent, -1);
        for (long key : keys) {
            int a = (int) (key >>> 32), b = (int) key, bridges = bridge.get(key);
            int apart = Clusterer.together(seen, a, b);
            if (bridges < MIN_BRIDGES || BRIDGE_SHARE * apart > bridges) continue;
            if (mom[a][0] == 0 || mom[b][0] == 0) continue; // no voting mask: nowhere in 3D
            double d = 0;
            for (int x = 0; x < 3; x++)
                d += (centre[a][x] - centre[b][x]) * (centre[a][x] - centre[b][x]);
            if (Math.sqrt(d) > NEAR * (radius[a] + radius[b])) continue;
            // The part is the one of smaller extent in the scene.
            int p = radius[a] < radius[b] || radius[a] == radius[b] && a > b ? a : b;
            int w = p == a ? b : a;
            if (parent[p] >= 0) continue;
            if (rootOf(parent, w, k) == p) continue; // no cycles
            parent[p] = w;
        }
        int[] root = new int[n], part = new int[n], top = new int[k];
        for (int i = 0; i < k; i++) top[i] = rootOf(parent, i, k);
        for (int m = 0; m < n; m++) {
            root[m] = top[inst[m]];
            part[m] = root[m] == inst[m] ? -1 : inst[m];
        }
        return new Result(root, part, top);
    }

    /** Groups of one instance at least this times the sum of their RMS radii apart are split. */
    static final double APART = 1.0;

    /**
     * ... when at most this share of the instance's mask area lies between them (mask centres in
     * the middle third): the floor's pieces, spread wide, put 4-16% there, two parts of objects
     * apart about 1% (docs/PERFORMANCE.md).
     */
    static final double GAP = 0.05;

    /**
     * Splits instances whose masks form two groups apart in the scene. Semi-transparent objects
     * show through each other's masks, and a part of one object seen through a part of another in
     * many views can end in one instance with it; the masks of each part lie around their own part
     * in 3D, with a gap between the two, which no instance of one object has (its masks from
     * opposite sides are about one radius apart, within the two groups' radii). Two groups from
     * 2-means on the masks' centres (seeded by the two masks farthest apart), split when their
     * centres are more than {@link #APART} times the sum of their RMS radii apart and both show in
     * at least two views, and with (almost) no mask between them ({@link #GAP}).
     *
     * @return how many instances were split
     */
    static int splitApart(Clusterer c, GaussianScene scene) {
        int n = c.maskCount(), k = c.instanceCount();
        double[][] mom = new double[n][];
        for (int m = 0; m < n; m++) mom[m] = moments(c.mask(m), scene);
        List<List<Integer>> byInstance = new ArrayList<>();
        for (int i = 0; i < k; i++) byInstance.add(new ArrayList<>());
        for (int m = 0; m < n; m++) byInstance.get(c.instance[m]).add(m);
        int splits = 0;
        for (int i = 0; i < k; i++) {
            List<Integer> ms = byInstance.get(i);
            if (ms.size() < 4) continue;
            int a = farthest(ms, ms.get(0), mom), b = farthest(ms, a, mom);
            double[] ca = centre(mom[a]), cb = centre(mom[b]);
            boolean[] onB = new boolean[ms.size()];
            double[] ga = new double[5], gb = new double[5];
            for (int iter = 0; iter < 10; iter++) {
                Arrays.fill(ga, 0);
                Arrays.fill(gb, 0);
                for (int e = 0; e < ms.size(); e++) {
                    double[] x = centre(mom[ms.get(e)]);
                    onB[e] = dist2(x, cb) < dist2(x, ca);
                    double[] g = onB[e] ? gb : ga;
                    for (int q = 0; q < 5; q++) g[q] += mom[ms.get(e)][q];
                }
                if (ga[0] == 0 || gb[0] == 0) break;
                ca = centre(ga);
                cb = centre(gb);
            }
            if (ga[0] == 0 || gb[0] == 0) continue;
            double d = Math.sqrt(dist2(ca, cb)), ra = rms(ga), rb = rms(gb);
            if (d <= APART * (ra + rb)) continue;
            // Masks whose centre lies in the middle third between the groups' centres: an
            // instance spread wide (the floor) has them, two parts apart have none.
            long areaBetween = 0, area = 0;
            for (int m : ms) {
                area += c.mask(m).area();
                double[] x = centre(mom[m]);
                double t = 0;
                for (int q = 0; q < 3; q++) t += (x[q] - ca[q]) * (cb[q] - ca[q]);
                t /= d * d;
                if (t > 1.0 / 3 && t < 2.0 / 3) areaBetween += c.mask(m).area();
            }
            if (areaBetween > GAP * area) continue;
            java.util.BitSet va = new java.util.BitSet(), vb = new java.util.BitSet();
            for (int e = 0; e < ms.size(); e++) (onB[e] ? vb : va).set(c.mask(ms.get(e)).view());
            if (va.cardinality() < 2 || vb.cardinality() < 2) continue;
            int to = c.freshInstance();
            for (int e = 0; e < ms.size(); e++) if (onB[e]) c.move(ms.get(e), to);
            splits++;
        }
        return splits;
    }

    /** Weight, weighted sums of x, y, z and of squared distance from the origin. */
    private static double[] moments(MaskSupport s, GaussianScene scene) {
        double[] o = new double[5];
        for (int e = 0; e < s.size(); e++) {
            int g = s.gaussians()[e];
            double w = s.weights()[e], x = scene.x[g], y = scene.y[g], z = scene.z[g];
            o[0] += w;
            o[1] += w * x;
            o[2] += w * y;
            o[3] += w * z;
            o[4] += w * (x * x + y * y + z * z);
        }
        return o;
    }

    private static double[] centre(double[] mom) {
        double w = mom[0] == 0 ? 1 : mom[0];
        return new double[] {mom[1] / w, mom[2] / w, mom[3] / w};
    }

    private static double rms(double[] mom) {
        if (mom[0] == 0) return 0;
        double[] c = centre(mom);
        return Math.sqrt(Math.max(0, mom[4] / mom[0] - (c[0] * c[0] + c[1] * c[1] + c[2] * c[2])));
    }

    private static double dist2(double[] a, double[] b) {
        double x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
        return x * x + y * y + z * z;
    }

    private static int farthest(List<Integer> ms, int from, double[][] mom) {
        double[] c = centre(mom[from]);
        int best = from;
        double bd = -1;
        for (int m : ms) {
            double d = dist2(centre(mom[m]), c);
            if (d > bd) {
                bd = d;
                best = m;
            }
        }
        return best;
    }

    private static int rootOf(int[] parent, int i, int k) {
        for (int steps = 0; parent[i] >= 0 && steps < k; steps++) i = parent[i];
        return i;
    }
}
