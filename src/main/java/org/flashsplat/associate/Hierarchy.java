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
    static final double BRIDGE_SHARE = 1.0 / 3;

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
            MaskSupport s = c.mask(m);
            double[] o = mom[inst[m]];
            for (int e = 0; e < s.size(); e++) {
                int g = s.gaussians()[e];
                double w = s.weights()[e], x = scene.x[g], y = scene.y[g], z = scene.z[g];
                o[0] += w;
                o[1] += w * x;
                o[2] += w * y;
                o[3] += w * z;
                o[4] += w * (x * x + y * y + z * z);
            }
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

    private static int rootOf(int[] parent, int i, int k) {
        for (int steps = 0; parent[i] >= 0 && steps < k; steps++) i = parent[i];
        return i;
    }
}
