package org.flashsplat.raster;

import java.util.Arrays;

/**
 * The non-zero contributions A[l, i], frozen: Gaussian by Gaussian (compressed columns), labels
 * ascending within a Gaussian. What the assignment, the statistics and the files read; immutable,
 * so any number of readers may share it. The arrays handed out are the table's own: do not change
 * them.
 *
 * <p>Each entry has its exact 64-bit fixed-point sum and the float32 value the files hold. Tables
 * read from float32 files keep the values as read; their fixed-point sums are rounded from them.
 */
public final class ContributionTable {
    private final int labels;
    private final int count;
    private final int[] start;
    private final int[] label;
    private final long[] fixed;
    private final float[] value;

    private ContributionTable(
            int labels, int count, int[] start, int[] label, long[] fixed, float[] value) {
        if (start.length != count + 1
                || label.length != fixed.length
                || label.length != value.length
                || start[count] != label.length) {
            throw new IllegalArgumentException("inconsistent contribution table");
        }
        this.labels = labels;
        this.count = count;
        this.start = start;
        this.label = label;
        this.fixed = fixed;
        this.value = value;
    }

    /** From exact sums; the float values are what {@code contributions.npy} has always held. */
    public static ContributionTable ofFixed(
            int labels, int count, int[] start, int[] label, long[] fixed) {
        float[] value = new float[fixed.length];
        for (int e = 0; e < fixed.length; e++) value[e] = toFloat(fixed[e]);
        return new ContributionTable(labels, count, start, label, fixed, value);
    }

    /** From float32 values (a file); entries of value 0 must already be left out. */
    public static ContributionTable ofFloats(
            int labels, int count, int[] start, int[] label, float[] value) {
        long[] fixed = new long[value.length];
        for (int e = 0; e < value.length; e++) fixed[e] = Math.round(value[e] * Contributions.ONE);
        return new ContributionTable(labels, count, start, label, fixed, value);
    }

    /** A dense row-major (labels, count) float32 array as a table. */
    public static ContributionTable ofDense(int labels, int count, float[] dense) {
        if ((long) labels * count != dense.length)
            throw new IllegalArgumentException("contributions are not (L, N)");
        int nonZero = 0;
        for (float v : dense) if (v != 0) nonZero++;
        int[] start = new int[count + 1], label = new int[nonZero];
        float[] value = new float[nonZero];
        int e = 0;
        for (int i = 0; i < count; i++) {
            start[i] = e;
            for (int l = 0; l < labels; l++) {
                float v = dense[l * count + i];
                if (v == 0) continue;
                label[e] = l;
                value[e++] = v;
            }
        }
        start[count] = e;
        return ofFloats(labels, count, start, label, value);
    }

    /** The float32 the files hold for a fixed-point sum. */
    public static float toFloat(long fixed) {
        return (float) (fixed / Contributions.ONE);
    }

    /** Rows, i.e. the largest label + 1 (rows may be empty). */
    public int labels() {
        return labels;
    }

    public int count() {
        return count;
    }

    public int nonZero() {
        return label.length;
    }

    /** Gaussian i's entries are {@code start()[i] .. start()[i + 1]}. */
    public int[] start() {
        return start;
    }

    public int[] label() {
        return label;
    }

    public long[] fixed() {
        return fixed;
    }

    public float[] value() {
        return value;
    }

    /** A[l, i] as float32 (0 where there is no entry). */
    public float get(int l, int i) {
        for (int e = start[i]; e < start[i + 1]; e++) if (label[e] == l) return value[e];
        return 0f;
    }

    /** The same entries with at least {@code rows} labels. */
    public ContributionTable withLabels(int rows) {
        if (rows <= labels) return this;
        return new ContributionTable(rows, count, start, label, fixed, value);
    }

    /** Bytes a dense float32 (labels, count) array would take. */
    public long denseBytes() {
        return (long) labels * count * 4;
    }

    /** Row-major dense float32 (labels, count); only for small tables (callers check). */
    public float[] toDense() {
        if (denseBytes() > Integer.MAX_VALUE - 8)
            throw new IllegalStateException("contributions too large for a dense array");
        float[] out = new float[labels * count];
        for (int i = 0; i < count; i++)
            for (int e = start[i]; e < start[i + 1]; e++) out[label[e] * count + i] = value[e];
        return out;
    }

    /** A mutable copy with the exact sums, for edits (the correction session). */
    public Contributions toContributions(int rows) {
        Contributions c = new Contributions(Math.max(rows, labels), count);
        c.add(this);
        return c;
    }

    /**
     * The entries row by row (labels), Gaussians ascending within a row: the compressed-row layout
     * of {@code scipy.sparse} with rows = labels.
     *
     * @param indptr labels + 1 offsets
     * @param indices Gaussian of each entry
     */
    public record Rows(long[] indptr, int[] indices, long[] fixed, float[] value) {}

    public Rows rows() {
        long[] indptr = new long[labels + 1];
        for (int l : label) indptr[l + 1]++;
        for (int l = 0; l < labels; l++) indptr[l + 1] += indptr[l];
        int[] cursor = new int[labels];
        for (int l = 0; l < labels; l++) cursor[l] = (int) indptr[l];
        int n = label.length;
        int[] indices = new int[n];
        long[] f = new long[n];
        float[] v = new float[n];
        for (int i = 0; i < count; i++) {
            for (int e = start[i]; e < start[i + 1]; e++) {
                int at = cursor[label[e]]++;
                indices[at] = i;
                f[at] = fixed[e];
                v[at] = value[e];
            }
        }
        return new Rows(indptr, indices, f, v);
    }

    /**
     * Rebuilds a table from rows (see {@link #rows}); with {@code fixed} null the values are taken
     * as float32 values. Indices must be ascending within a row, values non-zero.
     */
    public static ContributionTable ofRows(
            int labels, int count, long[] indptr, int[] indices, long[] fixed, float[] value) {
        int n = indices.length;
        int[] start = new int[count + 1];
        for (int g : indices) start[g + 1]++;
        for (int i = 0; i < count; i++) start[i + 1] += start[i];
        int[] cursor = Arrays.copyOf(start, count);
        int[] label = new int[n];
        long[] f = new long[n];
        float[] v = new float[n];
        for (int l = 0; l < labels; l++) {
            for (long e = indptr[l]; e < indptr[l + 1]; e++) {
                int at = cursor[indices[(int) e]]++;
                label[at] = l;
                if (fixed != null) f[at] = fixed[(int) e];
                else v[at] = value[(int) e];
            }
        }
        return fixed != null
                ? ofFixed(labels, count, start, label, f)
                : ofFloats(labels, count, start, label, v);
    }

    /** Bit-for-bit equality of shape, entries and exact sums. */
    public boolean sameAs(ContributionTable o) {
        return labels == o.labels
                && count == o.count
                && Arrays.equals(start, o.start)
                && Arrays.equals(label, o.label)
                && Arrays.equals(fixed, o.fixed);
    }
}
