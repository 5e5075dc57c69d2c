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
    private static final int CHUNK = 1 << 14;

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
        double[] rowTotal = total.rowMass;
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
        int k = labels - 1, len = to - from;
        ChunkStats s = new ChunkStats(k);
        // Row by row over the chunk: each pass streams one row of A, which keeps the loops simple
        // and fast.
        double[] sum = new double[len];
        float[] best = new float[len];
        for (int l = 0; l < labels; l++) {
            int row = l * n + from;
            for (int j = 0; j < len; j++) {
                float v = a[row + j];
                sum[j] += v;
                if (l == 0 || v > best[j]) {
                    best[j] = v;
                    exclusive[from + j] = l;
                }
            }
        }
        int[] inCount = new int[len];
        for (int j = 0; j < len; j++) {
            if (!(sum[j] > 0)) {
                exclusive[from + j] = -1;
                s.unseen++;
            }
        }
        for (int o = 0; o < k; o++) {
            int row = (o + 1) * n + from, out = o * n + from;
            double g = gamma[o], half = (1 + g) / 2, mass = 0, rowMass = 0;
            for (int j = 0; j < len; j++) {
                double v = a[row + j], t = sum[j];
                rowMass += v;
                if (!(t > 0)) continue;
                boolean in;
                if (l2) {
                    double p = v / t, others = 1 - p;
                    in = p - others > g * Math.sqrt(p * p + others * others);
                } else {
                    in = v > half * t; // p > (1 - p) + g
                }
                if (in) {
                    member[out + j] = 1;
                    mass += v;
                    inCount[j]++;
                }
            }
            s.mass[o] = mass;
            s.rowMass[o] = rowMass;
        }
        for (int j = 0; j < len; j++) {
            if (inCount[j] > 0) s.inAny++;
            if (inCount[j] > 1) s.inTwo++;
        }
        // The shared matrix needs each Gaussian's objects together; only overlapping ones are
        // revisited.
        for (int o = 0; o < k; o++) {
            int out = o * n + from;
            long diag = 0;
            for (int j = 0; j < len; j++) diag += member[out + j];
            s.shared[o * k + o] = diag;
        }
        for (int j = 0; j < len; j++) {
            if (inCount[j] < 2) continue;
            for (int x = 0; x < k; x++) {
                if (member[x * n + from + j] == 0) continue;
                for (int y = x + 1; y < k; y++) {
                    if (member[y * n + from + j] != 0) {
                        s.shared[x * k + y]++;
                        s.shared[y * k + x]++;
                    }
                }
            }
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
            for (int j = 0; j < mass.length; j++) {
                mass[j] += o.mass[j];
                rowMass[j] += o.rowMass[j];
            }
            for (int j = 0; j < shared.length; j++) shared[j] += o.shared[j];
            inAny += o.inAny;
            inTwo += o.inTwo;
            unseen += o.unseen;
        }
    }
}
