package org.flashsplat.lift;

import java.util.stream.IntStream;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Memberships;

/**
 * Turns contributions into objects (DESIGN.md section 1). A pass over A alone, never a re-render,
 * so moving gamma is instant: about 1M Gaussians x 9 labels in a few milliseconds.
 *
 * <p>Object k holds Gaussian i iff {@code p_k > others + gamma_k}, with {@code p_k = A[k, i] /
 * sum_l A[l, i]} and {@code others = 1 - p_k} (L1), or both L2-normalised first (L2, as the
 * original code). With one object (binary masks) this is the paper's binary rule. Objects are
 * decided independently and may overlap.
 */
public final class Assigner {
    /** Gaussians per chunk; fixed, so sums merge in the same order on any machine. */
    private static final int CHUNK = 1 << 16;

    private Assigner() {}

    public static Segmentation assign(Contributions a, AssignmentParams params) {
        return assign(a.toFloats(), a.labels(), a.count(), params);
    }

    /**
     * @param a contributions, row-major (labels, count), as in {@code contributions.npy}
     */
    public static Segmentation assign(float[] a, int labels, int count, AssignmentParams params) {
        if (labels < 2)
            throw new IllegalArgumentException(
                    "contributions need at least 2 labels, not " + labels);
        if ((long) labels * count != a.length)
            throw new IllegalArgumentException("contributions are not (L, N)");
        int k = labels - 1;
        double[] gamma = new double[k];
        for (int o = 0; o < k; o++) gamma[o] = params.gammaFor(o + 1);
        boolean l2 = params.normalisation() == Normalisation.L2;
        byte[] member = new byte[k * count];
        int[] exclusive = new int[count];
        int chunks = (count + CHUNK - 1) / CHUNK;
        ChunkStats[] parts = new ChunkStats[chunks];
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c -> {
                            int from = c * CHUNK, to = Math.min(count, from + CHUNK);
                            parts[c] =
                                    assignRange(
                                            a, labels, count, gamma, l2, member, exclusive, from,
                                            to);
                        });
        ChunkStats total = new ChunkStats(k);
        for (ChunkStats p : parts) total.merge(p);
        double[] rowTotal = new double[k];
        for (ChunkStats p : parts) for (int o = 0; o < k; o++) rowTotal[o] += p.rowMass[o];
        double[] share = new double[k];
        for (int o = 0; o < k; o++) share[o] = rowTotal[o] == 0 ? 0 : total.mass[o] / rowTotal[o];
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
                        total.unseen);
        return new Segmentation(new Memberships(k, count, member), exclusive, stats, params);
    }

    private static ChunkStats assignRange(
            float[] a,
            int labels,
            int n,
            double[] gamma,
            boolean l2,
            byte[] member,
            int[] exclusive,
            int from,
            int to) {
        int k = labels - 1;
        ChunkStats s = new ChunkStats(k);
        int[] in = new int[k];
        for (int i = from; i < to; i++) {
            double sum = 0;
            int best = 0;
            float bestValue = a[i];
            for (int l = 0; l < labels; l++) {
                float v = a[l * n + i];
                sum += v;
                if (v > bestValue) {
                    bestValue = v;
                    best = l;
                }
            }
            if (!(sum > 0)) {
                exclusive[i] = -1;
                s.unseen++;
                continue;
            }
            exclusive[i] = best;
            int m = 0;
            for (int o = 0; o < k; o++) {
                double v = a[(o + 1) * n + i];
                s.rowMass[o] += v;
                double p = v / sum, others = 1 - p;
                if (l2) {
                    double norm = Math.sqrt(p * p + others * others);
                    p /= norm;
                    others /= norm;
                }
                if (p > others + gamma[o]) {
                    member[o * n + i] = 1;
                    s.mass[o] += v;
                    in[m++] = o;
                }
            }
            if (m > 0) s.inAny++;
            if (m > 1) s.inTwo++;
            for (int x = 0; x < m; x++) for (int y = 0; y < m; y++) s.shared[in[x] * k + in[y]]++;
        }
        return s;
    }

    private static final class ChunkStats {
        final double[] mass, rowMass;
        final long[] shared;
        int inAny, inTwo, unseen;

        ChunkStats(int k) {
            mass = new double[k];
            rowMass = new double[k];
            shared = new long[k * k];
        }

        void merge(ChunkStats o) {
            for (int j = 0; j < mass.length; j++) mass[j] += o.mass[j];
            for (int j = 0; j < shared.length; j++) shared[j] += o.shared[j];
            inAny += o.inAny;
            inTwo += o.inTwo;
            unseen += o.unseen;
        }
    }
}
