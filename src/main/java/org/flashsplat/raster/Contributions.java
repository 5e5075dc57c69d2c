package org.flashsplat.raster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The contributions A[l, i]: the summed blending weight alpha*T of Gaussian i over all pixels
 * labelled l.
 *
 * <p>Stored as 64-bit fixed point with {@link #ONE} = 2^32, each pixel's weight truncated to that
 * grid before it is added. Integer addition is associative, so the result is bit-identical whatever
 * the thread count, the order of the views or the backend, and a view (or a set of pixels) added
 * and later subtracted leaves exactly nothing behind. The resolution (2.3e-10) is far below the
 * float32 the arrays are stored in.
 */
public final class Contributions {
    /** Fixed-point scale: a weight w is stored as {@code (long) (w * ONE)}. */
    public static final double ONE = 4294967296.0;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int labels;
    private final int count;
    private final long[] fixed;

    public Contributions(int labels, int count) {
        if (labels < 1 || count < 0 || (long) labels * count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    labels + " labels x " + count + " Gaussians is too large");
        }
        this.labels = labels;
        this.count = count;
        this.fixed = new long[labels * count];
    }

    public int labels() {
        return labels;
    }

    public int count() {
        return count;
    }

    /** The raw fixed-point values, row-major (label, Gaussian); renderers add into it. */
    public long[] fixed() {
        return fixed;
    }

    /** Converts one pixel weight to fixed point; every backend must use exactly this rounding. */
    public static long toFixed(float weight) {
        return (long) ((double) weight * ONE);
    }

    /** Adds {@code value} (fixed point) at (label, gaussian), safely from several threads. */
    public void addAtomic(int label, int gaussian, long value) {
        LONGS.getAndAdd(fixed, label * count + gaussian, value);
    }

    public double get(int label, int gaussian) {
        return fixed[label * count + gaussian] / ONE;
    }

    /** Total over labels for one Gaussian. */
    public double total(int gaussian) {
        long s = 0;
        for (int l = 0; l < labels; l++) s += fixed[l * count + gaussian];
        return s / ONE;
    }

    public void add(Contributions other) {
        check(other);
        for (int k = 0; k < fixed.length; k++) fixed[k] += other.fixed[k];
    }

    public void subtract(Contributions other) {
        check(other);
        for (int k = 0; k < fixed.length; k++) fixed[k] -= other.fixed[k];
    }

    /** A copy with at least {@code newLabels} labels (extra rows zero). */
    public Contributions withLabels(int newLabels) {
        Contributions c = new Contributions(Math.max(newLabels, labels), count);
        System.arraycopy(fixed, 0, c.fixed, 0, fixed.length);
        return c;
    }

    /** Row-major float32 (labels, count), the layout of {@code contributions.npy}. */
    public float[] toFloats() {
        float[] out = new float[fixed.length];
        for (int k = 0; k < fixed.length; k++) out[k] = (float) (fixed[k] / ONE);
        return out;
    }

    /**
     * Rebuilds contributions from float32 values (e.g. a {@code .npy} file); exact only to float
     * precision.
     */
    public static Contributions fromFloats(int labels, int count, float[] values) {
        Contributions c = new Contributions(labels, count);
        for (int k = 0; k < values.length; k++) c.fixed[k] = Math.round(values[k] * ONE);
        return c;
    }

    public Contributions copy() {
        Contributions c = new Contributions(labels, count);
        System.arraycopy(fixed, 0, c.fixed, 0, fixed.length);
        return c;
    }

    private void check(Contributions other) {
        if (other.labels != labels || other.count != count) {
            throw new IllegalArgumentException(
                    "contributions of shape ("
                            + other.labels
                            + ", "
                            + other.count
                            + ") and ("
                            + labels
                            + ", "
                            + count
                            + ") cannot be combined");
        }
    }
}
