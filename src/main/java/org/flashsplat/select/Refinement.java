package org.flashsplat.select;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import org.flashsplat.cleanup.FloaterFilter;
import org.flashsplat.lift.OverlapStats;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Memberships;
import org.flashsplat.scene.GaussianScene;

/**
 * The segmentation a user works with: the lift's, then the hand edits of 3D selection, then each
 * object's floater cleanup. The studio, the project's exports and {@code export-all} all go through
 * here, so they cut the same Gaussians.
 *
 * <p>Hand edits win over cleanup: a Gaussian forced into an object is never taken out of it as a
 * floater. The exclusive labels change only for the Gaussians an edit or the cleanup touched: one
 * taken out of its labelled object gets the first object that still holds it (0 when none), one put
 * into an object without a label of its own gets that object.
 */
public final class Refinement {
    private Refinement() {}

    /**
     * @param a the contributions {@code lifted} came from (object mass and share), or null
     * @param edits hand edits (not changed here)
     * @param clean floater-removal strength per object id (1-based); absent or 0: none
     * @param objects objects the result has at least (an object made from a selection alone)
     * @return {@code lifted} itself when nothing changes it
     */
    public static Segmentation apply(
            Segmentation lifted,
            ContributionTable a,
            MembershipOverrides edits,
            GaussianScene scene,
            Map<Integer, Double> clean,
            int objects) {
        Memberships base = lifted.memberships();
        boolean anyEdit = !edits.isEmpty() || objects > base.objects();
        Memberships m = anyEdit ? edits.applyTo(base, objects) : base;
        BitSet touched = new BitSet();
        for (int k : edits.editedObjects()) {
            touched.or(edits.forcedIn(k));
            touched.or(edits.forcedOut(k));
        }
        Map<Integer, BitSet> removed = new TreeMap<>();
        if (scene != null && clean != null) {
            Memberships.Rows rows = m.rows();
            for (var e : clean.entrySet()) {
                int k = e.getKey() - 1;
                if (k < 0 || k >= m.objects() || !(e.getValue() > 0)) continue;
                BitSet f = floaters(scene, rows, k, e.getValue());
                f.andNot(edits.forcedIn(k));
                if (!f.isEmpty()) {
                    removed.put(k, f);
                    touched.or(f);
                }
            }
        }
        if (!anyEdit && removed.isEmpty()) return lifted;
        if (!removed.isEmpty()) m = without(m, removed);
        return new Segmentation(
                m,
                labels(lifted.labels(), m, touched),
                stats(m, a, lifted.stats()),
                lifted.params());
    }

    /** Object k's (0-based) floaters at {@code strength} among its members in {@code m}. */
    public static BitSet floaters(GaussianScene scene, Memberships m, int k, double strength) {
        return floaters(scene, m.rows(), k, strength);
    }

    private static BitSet floaters(
            GaussianScene scene, Memberships.Rows rows, int k, double strength) {
        int from = (int) rows.indptr()[k], to = (int) rows.indptr()[k + 1];
        int[] members = Arrays.copyOfRange(rows.indices(), from, to);
        return FloaterFilter.floaters(scene.x, scene.y, scene.z, members, strength);
    }

    private static Memberships without(Memberships m, Map<Integer, BitSet> removed) {
        Memberships.Rows rows = m.rows();
        long[] indptr = new long[m.objects() + 1];
        int[] indices = new int[rows.indices().length];
        int at = 0;
        for (int k = 0; k < m.objects(); k++) {
            BitSet r = removed.get(k);
            for (long e = rows.indptr()[k]; e < rows.indptr()[k + 1]; e++) {
                int g = rows.indices()[(int) e];
                if (r == null || !r.get(g)) indices[at++] = g;
            }
            indptr[k + 1] = at;
        }
        return Memberships.ofRows(m.objects(), m.count(), indptr, Arrays.copyOf(indices, at));
    }

    private static int[] labels(int[] lifted, Memberships m, BitSet touched) {
        int[] out = lifted.clone();
        for (int g = touched.nextSetBit(0);
                g >= 0 && g < out.length;
                g = touched.nextSetBit(g + 1)) {
            int l = out[g];
            if (l > 0 && l <= m.objects() && m.contains(l - 1, g)) continue;
            int[] first = {-1};
            m.forEachObject(
                    g,
                    k -> {
                        if (first[0] < 0) first[0] = k;
                    });
            out[g] = first[0] >= 0 ? first[0] + 1 : l < 0 ? -1 : 0;
        }
        return out;
    }

    /** Counts, overlaps and contribution mass of the refined memberships. */
    static OverlapStats stats(Memberships m, ContributionTable a, OverlapStats lifted) {
        int k = m.objects(), n = m.count();
        int[] counts = m.objectSizes();
        double[] mass = new double[k], rowTotal = new double[k];
        if (a != null) {
            int[] start = a.start(), label = a.label();
            float[] value = a.value();
            for (int e = 0; e < label.length; e++)
                if (label[e] > 0 && label[e] <= k) rowTotal[label[e] - 1] += value[e];
            for (int g = 0; g < n && g < a.count(); g++) {
                for (int e = start[g]; e < start[g + 1]; e++) {
                    int o = label[e] - 1;
                    if (o >= 0 && o < k && m.contains(o, g)) mass[o] += value[e];
                }
            }
        }
        double[] share = new double[k];
        for (int o = 0; o < k; o++) share[o] = rowTotal[o] == 0 ? 0 : mass[o] / rowTotal[o];
        int[][] lists = m.objectLists();
        int[] off = lists[0], list = lists[1];
        java.util.HashMap<Long, long[]> pairs = new java.util.HashMap<>();
        int inAny = 0, inTwo = 0;
        for (int g = 0; g < n; g++) {
            int c = off[g + 1] - off[g];
            if (c == 0) continue;
            inAny++;
            if (c < 2) continue;
            inTwo++;
            for (int x = off[g]; x < off[g + 1]; x++)
                for (int y = x + 1; y < off[g + 1]; y++)
                    pairs.computeIfAbsent(((long) list[x] << 32) | list[y], z -> new long[1])[0]++;
        }
        // Pairs ascending by key, as OverlapStats looks them up.
        long[] keys = pairs.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long[] pc = new long[keys.length];
        for (int j = 0; j < keys.length; j++) pc[j] = pairs.get(keys[j])[0];
        return new OverlapStats(
                counts,
                mass,
                share,
                new OverlapStats.Pairs(keys, pc),
                inAny,
                inTwo,
                lifted.unseen());
    }
}
