package org.flashsplat.select;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.flashsplat.raster.Memberships;

/**
 * Hand edits over the lift's memberships: per object, Gaussians forced in and forced out. The
 * lift's result is never changed, so a new lift (another gamma, more masks) keeps the edits, and an
 * object made from a selection alone (no mask ever named it) is an object with only forced-in
 * Gaussians.
 */
public final class MembershipOverrides {
    private final Map<Integer, BitSet> forcedIn = new HashMap<>();
    private final Map<Integer, BitSet> forcedOut = new HashMap<>();

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
}
