package org.flashsplat.select;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import org.flashsplat.raster.Memberships;

/**
 * Hand edits over the lift's memberships: per object, Gaussians forced in and forced out. The
 * lift's result is never changed, so a new lift (another gamma, more masks) keeps the edits, and an
 * object made from a selection alone (no mask ever named it) is an object with only forced-in
 * Gaussians.
 */
public final class MembershipOverrides {
    // Sorted by object, so the memberships built from them list objects in order.
    private final Map<Integer, BitSet> forcedIn = new TreeMap<>();
    private final Map<Integer, BitSet> forcedOut = new TreeMap<>();

    /** An independent copy: what a worker thread takes while the UI thread goes on editing. */
    public MembershipOverrides copy() {
        MembershipOverrides c = new MembershipOverrides();
        forcedIn.forEach(
                (k, b) -> {
                    if (!b.isEmpty()) c.forcedIn.put(k, (BitSet) b.clone());
                });
        forcedOut.forEach(
                (k, b) -> {
                    if (!b.isEmpty()) c.forcedOut.put(k, (BitSet) b.clone());
                });
        return c;
    }

    /** Gaussians forced into object k (0-based); a copy. */
    public BitSet forcedIn(int k) {
        BitSet b = forcedIn.get(k);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    /** Gaussians forced out of object k (0-based); a copy. */
    public BitSet forcedOut(int k) {
        BitSet b = forcedOut.get(k);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    /** Sets object k's edits (0-based), as a project stores them. */
    public void set(int k, BitSet in, BitSet out) {
        BitSet i = (BitSet) in.clone(), o = (BitSet) out.clone();
        o.andNot(i); // forced in wins, as after an add
        forcedIn.put(k, i);
        forcedOut.put(k, o);
    }

    /** The objects (0-based, ascending) with any edit. */
    public int[] editedObjects() {
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        forcedIn.forEach(
                (k, b) -> {
                    if (!b.isEmpty()) ks.add(k);
                });
        forcedOut.forEach(
                (k, b) -> {
                    if (!b.isEmpty()) ks.add(k);
                });
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One more than the highest object with a Gaussian forced in (0 when none). */
    public int objectsNeeded() {
        int n = 0;
        for (var e : forcedIn.entrySet())
            if (!e.getValue().isEmpty()) n = Math.max(n, e.getKey() + 1);
        return n;
    }

    /**
     * The lift's memberships with the edits applied, over at least {@code objects} objects (an
     * object made from a selection alone has no row in the lift). Rows without edits are copied;
     * one scratch set of N bits serves the edited rows, so nothing grows with objects x Gaussians.
     */
    public Memberships applyTo(Memberships base, int objects) {
        int k = Math.max(objects, Math.max(base.objects(), objectsNeeded()));
        int n = base.count();
        Memberships.Rows rows = base.rows();
        long[] indptr = new long[k + 1];
        int[] indices = new int[rows.indices().length + 16];
        int at = 0;
        BitSet row = new BitSet(n);
        for (int o = 0; o < k; o++) {
            int from = o < base.objects() ? (int) rows.indptr()[o] : 0;
            int to = o < base.objects() ? (int) rows.indptr()[o + 1] : 0;
            BitSet in = forcedIn.get(o), out = forcedOut.get(o);
            boolean edited = (in != null && !in.isEmpty()) || (out != null && !out.isEmpty());
            if (!edited) {
                if (at + (to - from) > indices.length)
                    indices = Arrays.copyOf(indices, Math.max(2 * indices.length, at + to - from));
                System.arraycopy(rows.indices(), from, indices, at, to - from);
                at += to - from;
            } else {
                row.clear();
                for (int e = from; e < to; e++) row.set(rows.indices()[e]);
                if (out != null) row.andNot(out);
                if (in != null) row.or(in);
                row.clear(n, Math.max(n, row.length())); // indices past the scene: not Gaussians
                int c = row.cardinality();
                if (at + c > indices.length)
                    indices = Arrays.copyOf(indices, Math.max(2 * indices.length, at + c));
                for (int g = row.nextSetBit(0); g >= 0; g = row.nextSetBit(g + 1))
                    indices[at++] = g;
            }
            indptr[o + 1] = at;
        }
        return Memberships.ofRows(k, n, indptr, Arrays.copyOf(indices, at));
    }

    /** Whether Gaussian g is in object k (0-based) after the edits. */
    public boolean contains(Memberships base, int k, int g) {
        if (bits(forcedOut, k).get(g)) return false;
        if (bits(forcedIn, k).get(g)) return true;
        return k < base.objects() && base.contains(k, g);
    }

    /** Members of object k (0-based) after the edits. */
    public int count(Memberships base, int k) {
        int n = 0;
        for (int g = 0; g < base.count(); g++) if (contains(base, k, g)) n++;
        return n;
    }

    /** Gaussians in both objects a and b (0-based) after the edits: an overlap count. */
    public int overlap(Memberships base, int a, int b) {
        int n = 0;
        for (int g = 0; g < base.count(); g++)
            if (contains(base, a, g) && contains(base, b, g)) n++;
        return n;
    }

    /** Object k after the edits as a keep-mask, for exports. */
    public boolean[] keep(Memberships base, int k) {
        boolean[] keep = new boolean[base.count()];
        for (int g = 0; g < keep.length; g++) keep[g] = contains(base, k, g);
        return keep;
    }

    /** The forced state of (k, g): 1 forced in, -1 forced out, 0 as the lift says. */
    int state(int k, int g) {
        return bits(forcedIn, k).get(g) ? 1 : bits(forcedOut, k).get(g) ? -1 : 0;
    }

    void setState(int k, int g, int state) {
        bits(forcedIn, k).set(g, state == 1);
        bits(forcedOut, k).set(g, state == -1);
    }

    /** True when no edit is left (after undoing all of them, say). */
    public boolean isEmpty() {
        return forcedIn.values().stream().allMatch(BitSet::isEmpty)
                && forcedOut.values().stream().allMatch(BitSet::isEmpty);
    }

    private static BitSet bits(Map<Integer, BitSet> m, int k) {
        return m.computeIfAbsent(k, x -> new BitSet());
    }

    /** Whether Gaussian g is forced into object k (0-based). */
    public boolean isForcedIn(int k, int g) {
        BitSet b = forcedIn.get(k);
        return b != null && b.get(g);
    }
}
