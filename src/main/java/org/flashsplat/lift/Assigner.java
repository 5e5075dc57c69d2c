package org.flashsplat.lift;

import java.util.stream.IntStream;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Memberships;

/**
 * Turns contributions into objects (DESIGN.md section 1). A pass over A alone, never a re-render,
 * so moving gamma is instant.
 *
 * <p>Object k holds Gaussian i iff {@code p_k > others + gamma_k}, with {@code p_k = A[k, i] /
 * sum_l A[l, i]} and {@code others = 1 - p_k} (L1), or both L2-normalised first (L2, as the
 * original code). With one object (binary masks) this is the paper's binary rule. Objects are
 * decided independently and may overlap.
 *
 * <p>What does not depend on gamma (per-Gaussian totals, the exclusive argmax labels, row totals)
 * is computed once by {@link #prepare}; a gamma change then only compares and counts. Callers that
 * move gamma repeatedly keep the {@link Prepared} contributions.
 */
public final class Assigner {
    /** Gaussians per chunk; fixed, so sums merge in the same order on any machine. */
    private static final int CHUNK = 1 << 14;

    private Assigner() {}

    /** Contributions with their gamma-independent parts computed. Immutable. */
    public static final class Prepared {
        final float[] a;
        final int labels, count;
        final double[] total;
        final int[] exclusive;
        final double[] rowTotal;
        final int unseen;
        final NonZeroIndex nonZero;

        private Prepared(float[] a, int labels, int count) {
            this.a = a;
            this.labels = labels;
            this.count = count;
            total = new double[count];
            exclusive = new int[count];
            float[] best = new float[count];
            int chunks = (count + CHUNK - 1) / CHUNK;
            IntStream.range(0, chunks)
                    .parallel()
                    .forEach(c -> sumRange(c * CHUNK, Math.min(count, c * CHUNK + CHUNK), best));
            int u = 0;
            for (int i = 0; i < count; i++) {
                if (!(total[i] > 0)) {
                    exclusive[i] = -1;
                    u++;
                }
            }
            unseen = u;
            rowTotal = new double[labels - 1];
            for (int o = 0; o < labels - 1; o++) {
                int row = (o + 1) * count;
                double s = 0;
                for (int i = 0; i < count; i++) s += a[row + i];
                rowTotal[o] = s;
            }
            nonZero = NonZeroIndex.build(a, labels, count, CHUNK);
        }

        private void sumRange(int from, int to, float[] best) {
            for (int l = 0; l < labels; l++) {
                int row = l * count;
                for (int i = from; i < to; i++) {
                    float v = a[row + i];
                    total[i] += v;
                    if (l == 0 || v > best[i]) {
                        best[i] = v;
                        exclusive[i] = l;
                    }
                }
            }
        }

        public int labels() {
            return labels;
        }

        public int count() {
            return count;
        }

        public Segmentation assign(AssignmentParams params) {
            return Assigner.assign(this, params);
        }
    }

    /**
     * @param a contributions, row-major (labels, count), as in {@code contributions.npy}; not
     *     copied, so it must not change while the result is in use
     */
    public static Prepared prepare(float[] a, int labels, int count) {
        if (labels < 2)
            throw new IllegalArgumentException(
                    "contributions need at least 2 labels, not " + labels);
        if ((long) labels * count != a.length)
            throw new IllegalArgumentException("contributions are not (L, N)");
        return new Prepared(a, labels, count);
    }

    public static Segmentation assign(Contributions a, AssignmentParams params) {
        return assign(a.toFloats(), a.labels(), a.count(), params);
    }

    public static Segmentation assign(float[] a, int labels, int count, AssignmentParams params) {
        return assign(prepare(a, labels, count), params);
    }

    public static Segmentation assign(Prepared p, AssignmentParams params) {
        int k = p.labels - 1, count = p.count;
        double[] gamma = new double[k];
        for (int o = 0; o < k; o++) gamma[o] = params.gammaFor(o + 1);
        boolean l2 = params.normalisation() == Normalisation.L2;
        byte[] member = new byte[k * count];
        int chunks = (count + CHUNK - 1) / CHUNK;
        ChunkStats[] parts = new ChunkStats[chunks];
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c -> {
                            int from = c * CHUNK, to = Math.min(count, from + CHUNK);
                            parts[c] = assignRange(p, gamma, l2, member, c, from, to);
                        });
        ChunkStats total = new ChunkStats(k);
        for (ChunkStats part : parts) total.merge(part);
        double[] share = new double[k];
        for (int o = 0; o < k; o++) {
            share[o] = p.rowTotal[o] == 0 ? 0 : total.mass[o] / p.rowTotal[o];
        }
        int[] counts = new int[k];
        for (int o = 0; o < k; o++) counts[o] = (int) total.shared[o * k + o];
        OverlapStats stats =
                new OverlapStats(
                        counts,
                        total.mass,
                        share,
                        total.shared,
                        total.inAny,
                        total.inTwo,
                        p.unseen);
        return new Segmentation(new Memberships(k, count, member), p.exclusive, stats, params);
    }

    private static ChunkStats assignRange(
            Prepared p, double[] gamma, boolean l2, byte[] member, int chunk, int from, int to) {
        int k = p.labels - 1, n = p.count, len = to - from;
        float[] a = p.a;
        double[] sum = p.total;
        ChunkStats s = new ChunkStats(k);
        int[] inCount = new int[len];
        for (int o = 0; o < k; o++) {
            int[] nonZero = p.nonZero.entries(o, chunk);
            if (nonZero != null) {
                s.shared[o * k + o] =
                        decideSparse(p, o, gamma[o], l2, member, nonZero, from, inCount, s);
                continue;
            }
            s.shared[o * k + o] = decideDense(p, o, gamma[o], l2, member, from, to, inCount, s);
        }
        for (int j = 0; j < len; j++) {
            int c = inCount[j];
            if (c > 0) s.inAny++;
            if (c < 2) continue;
            s.inTwo++;
            // The shared matrix needs each Gaussian's objects together; only overlaps get here.
            int i = from + j;
            for (int x = 0; x < k; x++) {
                if (member[x * n + i] == 0) continue;
                for (int y = x + 1; y < k; y++) {
                    if (member[y * n + i] != 0) {
                        s.shared[x * k + y]++;
                        s.shared[y * k + x]++;
                    }
                }
            }
        }
        return s;
    }

    /** The L2 rule of the original code: shares (others, p) normalised, then +gamma on others. */
    private static boolean l2Member(double v, double t, double g) {
        if (!(t > 0)) return false;
        double q = v / t, others = 1 - q;
        return q - others > g * Math.sqrt(q * q + others * others);
    }

    /** Object o's decisions in one chunk, visiting only its non-zero entries; returns its count. */
    private static long decideSparse(
            Prepared p,
            int o,
            double g,
            boolean l2,
            byte[] member,
            int[] entries,
            int from,
            int[] inCount,
            ChunkStats s) {
        int n = p.count, row = (o + 1) * n, out = o * n;
        float[] a = p.a;
        double[] sum = p.total;
        double half = (1 + g) / 2, mass = 0;
        long in = 0;
        for (int i : entries) {
            double v = a[row + i];
            boolean m = l2 ? l2Member(v, sum[i], g) : v > half * sum[i];
            int b = m ? 1 : 0;
            member[out + i] = (byte) b;
            inCount[i - from] += b;
            in += b;
            mass += b * v;
        }
        s.mass[o] = mass;
        return in;
    }

    /** Object o's decisions in one chunk, visiting every Gaussian; returns its count. */
    private static long decideDense(
            Prepared p,
            int o,
            double g,
            boolean l2,
            byte[] member,
            int from,
            int to,
            int[] inCount,
            ChunkStats s) {
        int n = p.count, row = (o + 1) * n, out = o * n;
        float[] a = p.a;
        double[] sum = p.total;
        double half = (1 + g) / 2, m0 = 0, m1 = 0;
        long in = 0;
        int i = from;
        if (!l2) {
            // Branch-free, two Gaussians a step: memberships are close to random on noisy data,
            // and a mispredicted branch per Gaussian would cost more than the test. v >= 0, so an
            // unseen Gaussian (t = 0) never passes v > half * t.
            for (; i + 1 < to; i += 2) {
                double v0 = a[row + i], v1 = a[row + i + 1];
                int b0 = v0 > half * sum[i] ? 1 : 0, b1 = v1 > half * sum[i + 1] ? 1 : 0;
                member[out + i] = (byte) b0;
                member[out + i + 1] = (byte) b1;
                inCount[i - from] += b0;
                inCount[i + 1 - from] += b1;
                in += b0 + b1;
                m0 += b0 * v0;
                m1 += b1 * v1;
            }
        }
        for (; i < to; i++) {
            double v = a[row + i];
            int b = (l2 ? l2Member(v, sum[i], g) : v > half * sum[i]) ? 1 : 0;
            member[out + i] = (byte) b;
            inCount[i - from] += b;
            in += b;
            m0 += b * v;
        }
        s.mass[o] = m0 + m1;
        return in;
    }

    private static final class ChunkStats {
        final double[] mass;
        final long[] shared;
        int inAny, inTwo;

        ChunkStats(int k) {
            mass = new double[k];
            shared = new long[k * k];
        }

        void merge(ChunkStats o) {
            for (int j = 0; j < mass.length; j++) mass[j] += o.mass[j];
            for (int j = 0; j < shared.length; j++) shared[j] += o.shared[j];
            inAny += o.inAny;
            inTwo += o.inTwo;
        }
    }
}
