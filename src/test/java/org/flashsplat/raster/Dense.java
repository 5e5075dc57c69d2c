package org.flashsplat.raster;

/**
 * Dense views of sparse results for tests on small scenes, where comparing whole arrays is the
 * clearest check. Never for real sizes: each is labels x Gaussians.
 */
public final class Dense {
    private Dense() {}

    /** Row-major (labels, count) fixed-point sums. */
    public static long[] fixed(Contributions c) {
        long[] out = new long[c.labels() * c.count()];
        c.forEach((l, i, v) -> out[l * c.count() + i] += v);
        return out;
    }

    /** Row-major (labels, count) fixed-point sums of a frozen table. */
    public static long[] fixed(ContributionTable t) {
        long[] out = new long[t.labels() * t.count()];
        for (int i = 0; i < t.count(); i++)
            for (int e = t.start()[i]; e < t.start()[i + 1]; e++)
                out[t.label()[e] * t.count() + i] = t.fixed()[e];
        return out;
    }

    public static float[] floats(Contributions c) {
        return c.table().toDense();
    }

    public static float[] floats(ContributionTable t) {
        return t.toDense();
    }

    public static Contributions ofFloats(int labels, int count, float[] values) {
        return ContributionTable.ofDense(labels, count, values).toContributions(labels);
    }

    public static byte[] member(Memberships m) {
        return m.toDense();
    }
}
