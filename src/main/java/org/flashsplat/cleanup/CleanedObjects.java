package org.flashsplat.cleanup;

import java.util.BitSet;
import org.flashsplat.raster.Memberships;
import org.flashsplat.scene.GaussianScene;

/**
 * Memberships with each object's floaters taken out: a layer over the lift's result, which stays
 * untouched, so a different strength (or none) can be applied again at any time.
 */
public final class CleanedObjects {
    private final Memberships base;
    private final BitSet[] removed;

    private CleanedObjects(Memberships base, BitSet[] removed) {
        this.base = base;
        this.removed = removed;
    }

    /** Cleans every object of {@code m} at {@code strength} (0: nothing removed). */
    public static CleanedObjects clean(GaussianScene scene, Memberships m, double strength) {
        BitSet[] removed = new BitSet[m.objects()];
        for (int k = 0; k < m.objects(); k++) {
            int[] members = members(m, k);
            removed[k] = FloaterFilter.floaters(scene.x, scene.y, scene.z, members, strength);
        }
        return new CleanedObjects(m, removed);
    }

    static int[] members(Memberships m, int object) {
        int n = 0;
        for (int i = 0; i < m.count(); i++) if (m.contains(object, i)) n++;
        int[] out = new int[n];
        n = 0;
        for (int i = 0; i < m.count(); i++) if (m.contains(object, i)) out[n++] = i;
        return out;
    }

    public int objects() {
        return base.objects();
    }

    public int count() {
        return base.count();
    }

    /** Whether Gaussian {@code gaussian} is in object {@code object} (0-based) after cleaning. */
    public boolean contains(int object, int gaussian) {
        return base.contains(object, gaussian) && !removed[object].get(gaussian);
    }

    /** How many Gaussians cleaning took out of {@code object} (0-based). */
    public int removedCount(int object) {
        return removed[object].cardinality();
    }

    /** Gaussians of object {@code object} (1..K) after cleaning, as a keep-mask. */
    public boolean[] members(int object) {
        boolean[] keep = new boolean[count()];
        for (int i = 0; i < keep.length; i++) keep[i] = contains(object - 1, i);
        return keep;
    }

    /** The cleaned memberships themselves (sparse rows, one per object). */
    public Memberships toMemberships() {
        long[] indptr = new long[objects() + 1];
        int total = 0;
        for (int k = 0; k < objects(); k++)
            for (int i = 0; i < count(); i++) if (contains(k, i)) total++;
        int[] indices = new int[total];
        int e = 0;
        for (int k = 0; k < objects(); k++) {
            for (int i = 0; i < count(); i++) if (contains(k, i)) indices[e++] = i;
            indptr[k + 1] = e;
        }
        return Memberships.ofRows(objects(), count(), indptr, indices);
    }
}
