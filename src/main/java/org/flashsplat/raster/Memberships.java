package org.flashsplat.raster;

import java.util.function.IntConsumer;

/**
 * Which Gaussians belong to which of K objects; objects may overlap. Sparse, Gaussian by Gaussian:
 * Gaussian i has candidate entries {@code start[i] .. start[i + 1]}, entry e names object {@code
 * label[e] - 1} (labels are 1-based like mask labels; 0 never belongs) and bit e of {@code member}
 * says whether i is in it. The assignment shares {@code start} and {@code label} with its {@link
 * ContributionTable}, since only a Gaussian with a non-zero A[k, i] can be in object k; then a
 * gamma change writes one bit per entry and nothing else (a bit, not a byte: at 3.5M entries a byte
 * array per result is a humongous allocation that makes G1 collect on every gamma change).
 */
public final class Memberships {
    private final int objects;
    private final int count;
    private final int[] start;
    private final int[] label;
    private final long[] member;

    /** {@code member}: bit e (of word e / 64, bit e % 64) set when entry e belongs. */
    public Memberships(int objects, int count, int[] start, int[] label, long[] member) {
        if (start.length != count + 1
                || member.length != words(label.length)
                || start[count] > label.length)
            throw new IllegalArgumentException("inconsistent memberships");
        this.objects = objects;
        this.count = count;
        this.start = start;
        this.label = label;
        this.member = member;
    }

    /** From the dense uint8 (K, N) layout of {@code segments.npy}. */
    public static Memberships ofDense(int objects, int count, byte[] dense) {
        if (dense.length != (long) objects * count)
            throw new IllegalArgumentException(
                    "memberships need " + (long) objects * count + " entries");
        int n = 0;
        for (byte b : dense) if (b != 0) n++;
        int[] start = new int[count + 1], label = new int[n];
        int e = 0;
        for (int i = 0; i < count; i++) {
            start[i] = e;
            for (int k = 0; k < objects; k++) if (dense[k * count + i] != 0) label[e++] = k + 1;
        }
        start[count] = e;
        return new Memberships(objects, count, start, label, ones(n));
    }

    /** One object or none per Gaussian: {@code object[i]} in 1..K, 0 or less for none. */
    public static Memberships ofLabels(int objects, int[] object) {
        int count = object.length, n = 0;
        for (int o : object) if (o > 0) n++;
        int[] start = new int[count + 1], label = new int[n];
        int e = 0;
        for (int i = 0; i < count; i++) {
            start[i] = e;
            if (object[i] > 0) {
                if (object[i] > objects)
                    throw new IllegalArgumentException("object " + object[i] + " of " + objects);
                label[e++] = object[i];
            }
        }
        start[count] = e;
        return new Memberships(objects, count, start, label, ones(n));
    }

    /**
     * From rows (objects), as in a sparse {@code segments.npz}: {@code indptr} has K + 1 offsets
     * into {@code indices}, the Gaussians of each object ascending.
     */
    public static Memberships ofRows(int objects, int count, long[] indptr, int[] indices) {
        int n = indices.length;
        int[] start = new int[count + 1];
        for (int g : indices) start[g + 1]++;
        for (int i = 0; i < count; i++) start[i + 1] += start[i];
        int[] cursor = java.util.Arrays.copyOf(start, count);
        int[] label = new int[n];
        for (int k = 0; k < objects; k++)
            for (long e = indptr[k]; e < indptr[k + 1]; e++)
                label[cursor[indices[(int) e]]++] = k + 1;
        return new Memberships(objects, count, start, label, ones(n));
    }

    /** Words of a bit set of n entries. */
    public static int words(int n) {
        return (n + 63) >>> 6;
    }

    private static long[] ones(int n) {
        long[] b = new long[words(n)];
        java.util.Arrays.fill(b, -1L);
        if ((n & 63) != 0) b[b.length - 1] = (1L << n) - 1;
        return b;
    }

    private boolean in(int e) {
        return (member[e >>> 6] & (1L << e)) != 0;
    }

    public int objects() {
        return objects;
    }

    public int count() {
        return count;
    }

    /** Whether Gaussian {@code gaussian} is in object {@code object} (0-based). */
    public boolean contains(int object, int gaussian) {
        for (int e = start[gaussian]; e < start[gaussian + 1]; e++)
            if (label[e] == object + 1) return in(e);
        return false;
    }

    /** The objects (0-based, ascending) Gaussian i belongs to. */
    public void forEachObject(int gaussian, IntConsumer to) {
        for (int e = start[gaussian]; e < start[gaussian + 1]; e++)
            if (in(e)) to.accept(label[e] - 1);
    }

    /** How many objects Gaussian i belongs to. */
    public int objectCount(int gaussian) {
        int n = 0;
        for (int e = start[gaussian]; e < start[gaussian + 1]; e++) n += in(e) ? 1 : 0;
        return n;
    }

    /** Gaussians in each object. */
    public int[] objectSizes() {
        int[] size = new int[objects];
        for (int e = 0; e < start[count]; e++) if (in(e)) size[label[e] - 1]++;
        return size;
    }

    /** Object {@code object}'s (0-based) Gaussians as a keep-mask. */
    public boolean[] keepMask(int object) {
        boolean[] keep = new boolean[count];
        for (int i = 0; i < count; i++) keep[i] = contains(object, i);
        return keep;
    }

    /**
     * Per Gaussian, its objects as one compact list: {@code [0]} holds N + 1 offsets into {@code
     * [1]}, the 0-based objects. What renderers walk per blended pair.
     */
    public int[][] objectLists() {
        int[] offsets = new int[count + 1];
        for (int i = 0; i < count; i++) offsets[i + 1] = offsets[i] + objectCount(i);
        int[] list = new int[offsets[count]];
        for (int i = 0; i < count; i++) {
            int at = offsets[i];
            for (int e = start[i]; e < start[i + 1]; e++) if (in(e)) list[at++] = label[e] - 1;
        }
        return new int[][] {offsets, list};
    }

    /** Member entries in all (a Gaussian in two objects counts twice). */
    public long memberEntries() {
        long n = 0;
        for (int e = 0; e < start[count]; e++) n += in(e) ? 1 : 0;
        return n;
    }

    /** Dense uint8 (K, N), the layout of {@code segments.npy}; for small results only. */
    public byte[] toDense() {
        if ((long) objects * count > Integer.MAX_VALUE - 8)
            throw new IllegalStateException("memberships too large for a dense array");
        byte[] out = new byte[objects * count];
        for (int i = 0; i < count; i++)
            for (int e = start[i]; e < start[i + 1]; e++)
                if (in(e)) out[(label[e] - 1) * count + i] = 1;
        return out;
    }

    /**
     * Rows (objects) with their Gaussians ascending: {@code indptr} (K + 1) and {@code indices},
     * the layout of a sparse {@code segments.npz}.
     */
    public record Rows(long[] indptr, int[] indices) {}

    public Rows rows() {
        long[] indptr = new long[objects + 1];
        for (int e = 0; e < start[count]; e++) if (in(e)) indptr[label[e]]++;
        for (int k = 0; k < objects; k++) indptr[k + 1] += indptr[k];
        int[] cursor = new int[objects];
        for (int k = 0; k < objects; k++) cursor[k] = (int) indptr[k];
        int[] indices = new int[(int) indptr[objects]];
        for (int i = 0; i < count; i++)
            for (int e = start[i]; e < start[i + 1]; e++)
                if (in(e)) indices[cursor[label[e] - 1]++] = i;
        return new Rows(indptr, indices);
    }

    /** Same objects, Gaussians and memberships (however stored). */
    public boolean sameAs(Memberships o) {
        if (objects != o.objects || count != o.count) return false;
        Rows a = rows(), b = o.rows();
        return java.util.Arrays.equals(a.indptr, b.indptr)
                && java.util.Arrays.equals(a.indices, b.indices);
    }

    /**
     * The objects {@code pick} (0-based, ascending) alone, renumbered 0..pick.length-1 in that
     * order: what a render of a few objects at a time takes.
     */
    public Memberships select(int[] pick) {
        int[] newIndex = new int[objects];
        java.util.Arrays.fill(newIndex, -1);
        for (int j = 0; j < pick.length; j++) newIndex[pick[j]] = j;
        int[] st = new int[count + 1];
        int n = 0;
        for (int e = 0; e < start[count]; e++) if (in(e) && newIndex[label[e] - 1] >= 0) n++;
        int[] lab = new int[n];
        int at = 0;
        for (int i = 0; i < count; i++) {
            st[i] = at;
            for (int e = start[i]; e < start[i + 1]; e++)
                if (in(e) && newIndex[label[e] - 1] >= 0) lab[at++] = newIndex[label[e] - 1] + 1;
        }
        st[count] = at;
        return new Memberships(pick.length, count, st, lab, ones(n));
    }
}
