package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups masks that ended alone in their instance by how much their supports share, mask to mask.
 * Such strays are mostly small glimpses of an object hidden behind another, in runs of neighbouring
 * views; scored against instances, the object in front takes most of their Gaussians' weight, but
 * against each other they agree well (neighbouring glimpses put 75-96% of their weight on each
 * other's Gaussians). Grouping them gives one instance per run instead of one per mask: one row to
 * fix by hand instead of many.
 */
final class StrayLinks {
    private StrayLinks() {}

    /**
     * @param strays the masks to group
     * @param link two masks are linked when the weight they share, {@code sum_i min(p_a(i),
     *     p_b(i))}, reaches this
     * @return groups of indices into {@code strays}, each of two or more masks from distinct views,
     *     in a deterministic order
     */
    static List<int[]> groups(MaskSupport[] strays, double link) {
        // Gaussian -> (stray, weight) entries, to find every pair that shares a Gaussian.
        Map<Integer, List<long[]>> byGaussian = new HashMap<>();
        for (int s = 0; s < strays.length; s++) {
            int[] g = strays[s].gaussians();
            float[] p = strays[s].weights();
            for (int k = 0; k < g.length; k++) {
                byGaussian
                        .computeIfAbsent(g[k], x -> new ArrayList<>())
                        .add(new long[] {s, Float.floatToRawIntBits(p[k])});
            }
        }
        Map<Long, Double> shared = new HashMap<>();
        for (List<long[]> e : byGaussian.values()) {
            for (int x = 0; x < e.size(); x++) {
                for (int y = x + 1; y < e.size(); y++) {
                    int a = (int) e.get(x)[0], b = (int) e.get(y)[0];
                    if (strays[a].view() == strays[b].view()) continue;
                    float pa = Float.intBitsToFloat((int) e.get(x)[1]);
                    float pb = Float.intBitsToFloat((int) e.get(y)[1]);
                    long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
                    shared.merge(key, (double) Math.min(pa, pb), Double::sum);
                }
            }
        }
        List<long[]> pairs = new ArrayList<>();
        shared.forEach(
                (key, w) -> {
                    if (w >= link) pairs.add(new long[] {Double.doubleToLongBits(w), key});
                });
        // Strongest links first; ties by the pair, so the result does not depend on map order.
        pairs.sort(
                (p, q) -> {
                    int c =
                            Double.compare(
                                    Double.longBitsToDouble(q[0]), Double.longBitsToDouble(p[0]));
                    return c != 0 ? c : Long.compare(p[1], q[1]);
                });
        int[] parent = new int[strays.length];
        for (int s = 0; s < parent.length; s++) parent[s] = s;
        List<java.util.BitSet> views = new ArrayList<>();
        for (MaskSupport m : strays) {
            java.util.BitSet b = new java.util.BitSet();
            b.set(m.view());
            views.add(b);
        }
        for (long[] p : pairs) {
            int a = find(parent, (int) (p[1] >>> 32)), b = find(parent, (int) p[1]);
            if (a == b || views.get(a).intersects(views.get(b))) continue;
            int lo = Math.min(a, b), hi = Math.max(a, b);
            parent[hi] = lo;
            views.get(lo).or(views.get(hi));
        }
        Map<Integer, List<Integer>> members = new java.util.TreeMap<>();
        for (int s = 0; s < strays.length; s++) {
            members.computeIfAbsent(find(parent, s), x -> new ArrayList<>()).add(s);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : members.values()) {
            if (g.size() > 1) out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int find(int[] parent, int s) {
        while (parent[s] != s) s = parent[s] = parent[parent[s]];
        return s;
    }
}
