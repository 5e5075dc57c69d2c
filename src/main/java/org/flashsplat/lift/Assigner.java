package org.flashsplat.lift;

import java.util.stream.IntStream;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Memberships;

/**
 * Turns contributions into objects (DESIGN.md section 1). A pass over the non-zero entries of A
 * alone, never a re-render, so moving gamma is instant.
 *
 * <p>Object k holds Gaussian i iff {@code p_k > others + gamma_k}, with {@code p_k = A[k, i] /
 * sum_l A[l, i]} and {@code others = 1 - p_k} (L1), or both L2-normalised first (L2, as the
 * original code). With one object (binary masks) this is the paper's binary rule. Objects are
 * decided independently and may overlap. A Gaussian with A[k, i] = 0 can never join k whatever
 * gamma is (gamma >= -1), so only the table's entries are visited.
 *
 * <p>What does not depend on gamma (per-Gaussian totals, the exclusive argmax labels, row totals)
 * is computed once by {@link #prepare}; a gamma change then only compares and counts. Work is split
 * into parts of a fixed number of Gaussians whose sums are merged in part order, so every figure is
 * the same for any thread count.
 */
public final class Assigner {
    /** Below this many objects the pair counts of overlaps are a dense K x K table per part. */
    private static final int DENSE_PAIRS = 384;

    private Assigner() {}

    /** Contributions with their gamma-independent parts computed. Immutable. */
    public static final class Prepared {
        final ContributionTable table;
        final int labels, count;
        final double[] total;
        final int[] exclusive;
        final double[] rowTotal;
        final int unseen;

        /**
         * What a gamma change reads, built once: per Gaussian its object entries only (the
         * background entry left out), the object as a 16-bit index, the share v / t and v. Half the
         * bytes of the table, and the pass is bound by the bytes it reads.
         */
        final int[] objStart, objLabel;

        final char[] objIndex;
        final double[] objShare;
        final float[] objValue;

        private Prepared(ContributionTable table) {
            this.table = table;
            this.labels = table.labels();
            this.count = table.count();
            total = new double[count];
            exclusive = new int[count];
            int[] start = table.start(), label = table.label();
            float[] value = table.value();
            IntStream.range(0, parts(count))
                    .parallel()
                    .forEach(
                            p -> {
                                int from = partStart(p, count), to = partStart(p + 1, count);
                                for (int i = from; i < to; i++) {
                                    double t = 0;
                                    float best = 0;
                                    int arg = 0;
                                    for (int e = start[i]; e < start[i + 1]; e++) {
                                        float v = value[e];
                                        t += v;
                                        if (label[e] == 0) best = v;
                                        else if (v > best) {
                                            best = v;
                                            arg = label[e];
                                        }
                                    }
                                    total[i] = t;
                                    exclusive[i] = t > 0 ? arg : -1;
                                }
                            });
            int u = 0;
            for (int i = 0; i < count; i++) if (exclusive[i] < 0) u++;
            unseen = u;
            rowTotal = new double[labels - 1];
            for (int e = 0; e < label.length; e++)
                if (label[e] > 0) rowTotal[label[e] - 1] += value[e];
            objStart = new int[count + 1];
            int m = 0;
            for (int i = 0; i < count; i++) {
                objStart[i] = m;
                for (int e = start[i]; e < start[i + 1]; e++) if (label[e] > 0) m++;
            }
            objStart[count] = m;
            objLabel = new int[m];
            objIndex = new char[m];
            objShare = new double[m];
            objValue = new float[m];
            IntStream.range(0, parts(count))
                    .parallel()
                    .forEach(
                            p -> {
                                int from = partStart(p, count), to = partStart(p + 1, count);
                                for (int i = from; i < to; i++) {
                                    int at = objStart[i];
                                    for (int e = start[i]; e < start[i + 1]; e++) {
                                        if (label[e] == 0) continue;
                                        objLabel[at] = label[e];
                                        objIndex[at] = (char) (label[e] - 1);
                                        objValue[at] = value[e];
                                        objShare[at++] = total[i] > 0 ? value[e] / total[i] : 0;
                                    }
                                }
                            });
        }

        public int labels() {
            return labels;
        }

        public int count() {
            return count;
        }

        public ContributionTable table() {
            return table;
        }

        public Segmentation assign(AssignmentParams params) {
            return Assigner.assign(this, params);
        }
    }

    public static Prepared prepare(ContributionTable table) {
        if (table.labels() < 2)
            throw new IllegalArgumentException(
                    "contributions need at least 2 labels, not " + table.labels());
        return new Prepared(table);
    }

    public static Segmentation assign(Contributions a, AssignmentParams params) {
        return assign(a.table(), params);
    }

    public static Segmentation assign(ContributionTable a, AssignmentParams params) {
        return assign(prepare(a), params);
    }

    /**
     * Dense row-major (labels, count) float32 contributions, as small tests and files give them.
     */
    public static Segmentation assign(float[] a, int labels, int count, AssignmentParams params) {
        return assign(ContributionTable.ofDense(labels, count, a), params);
    }

    /**
     * Gaussians per part worked on in parallel. Fixed, so each part's sums, merged in part order,
     * are the same whatever the thread count.
     */
    private static final int PART = 1 << 16;

    private static int parts(int count) {
        return Math.max(1, (count + PART - 1) / PART);
    }

    private static int partStart(int p, int count) {
        return Math.min(count, p * PART);
    }

    public static Segmentation assign(Prepared p, AssignmentParams params) {
        int k = p.labels - 1, count = p.count;
        double[] half = new double[k];
        double[] gamma = new double[k];
        for (int o = 0; o < k; o++) {
            gamma[o] = params.gammaFor(o + 1);
            half[o] = (1 + gamma[o]) / 2;
        }
        boolean l2 = params.normalisation() == Normalisation.L2;
        byte[] member = new byte[p.objLabel.length];
        int parts = parts(count);
        PartStats[] stats = new PartStats[parts];
        IntStream.range(0, parts)
                .parallel()
                .forEach(
                        q ->
                                stats[q] =
                                        decide(
                                                p,
                                                half,
                                                gamma,
                                                l2,
                                                member,
                                                partStart(q, count),
                                                partStart(q + 1, count)));
        PartStats total = stats[0];
        for (int q = 1; q < parts; q++) total.merge(stats[q]);
        int[] counts = new int[k];
        double[] mass = new double[k], share = new double[k];
        for (int o = 0; o < k; o++) {
            counts[o] = total.count[o];
            mass[o] = total.mass[o];
            share[o] = p.rowTotal[o] == 0 ? 0 : mass[o] / p.rowTotal[o];
        }
        OverlapStats stats0 =
                new OverlapStats(
                        counts, mass, share, total.pairs(k), total.inAny, total.inTwo, p.unseen);
        Memberships m = new Memberships(k, count, p.objStart, p.objLabel, member);
        return new Segmentation(m, p.exclusive, stats0, params);
    }

    /** The L2 rule of the original code: shares (others, q) normalised, then +gamma on others. */
    private static boolean l2Member(double q, double g) {
        double others = 1 - q;
        return q - others > g * Math.sqrt(q * q + others * others);
    }

    /**
     * Decisions for Gaussians {@code from .. to}: one byte per entry, and the tallies. Branch-free
     * per entry: memberships are close to random on noisy data, and a mispredicted branch costs
     * more than the arithmetic. Reads the prepared object entries only (index, share, value) and
     * writes a decision each: the bytes moved are what bound the pass.
     */
    private static PartStats decide(
            Prepared p,
            double[] half,
            double[] gamma,
            boolean l2,
            byte[] member,
            int from,
            int to) {
        int k = p.labels - 1;
        int[] start = p.objStart;
        char[] index = p.objIndex;
        double[] share = p.objShare;
        float[] value = p.objValue;
        PartStats s = new PartStats(k);
        int[] count = s.count;
        double[] mass = s.mass;
        // One flat loop over the part's entries, then one over its Gaussians for the overlaps:
        // most Gaussians have one or two entries, and a nested loop's exits would mispredict.
        int first = start[from], last = start[to];
        if (!l2) {
            for (int e = first; e < last; e++) {
                int o = index[e];
                // A share is 0 only where t = 0, and never passes (half >= 0).
                int b = share[e] > half[o] ? 1 : 0;
                member[e] = (byte) b;
                count[o] += b;
                mass[o] += b * (double) value[e];
            }
        } else {
            for (int e = first; e < last; e++) {
                int o = index[e];
                int b = share[e] > 0 && l2Member(share[e], gamma[o]) ? 1 : 0;
                member[e] = (byte) b;
                count[o] += b;
                mass[o] += b * (double) value[e];
            }
        }
        for (int i = from; i < to; i++) {
            int e0 = start[i], e1 = start[i + 1], in = 0;
            for (int e = e0; e < e1; e++) in += member[e];
            if (in == 0) continue;
            s.inAny++;
            if (in < 2) continue;
            s.inTwo++;
            for (int x = e0; x < e1; x++) {
                if (member[x] == 0) continue;
                for (int y = x + 1; y < e1; y++) if (member[y] != 0) s.pair(index[x], index[y]);
            }
        }
        return s;
    }

    /** Tallies of one part; parts are merged in order, so the double masses do not vary. */
    private static final class PartStats {
        final int[] count;
        final double[] mass;
        int[] densePairs;
        final java.util.HashMap<Long, long[]> sparsePairs;
        final int k;
        int inAny, inTwo;

        PartStats(int k) {
            this.k = k;
            count = new int[k];
            mass = new double[k];
            sparsePairs = k <= DENSE_PAIRS ? null : new java.util.HashMap<>();
        }

        /** a < b */
        void pair(int a, int b) {
            if (sparsePairs == null) {
                if (densePairs == null) densePairs = new int[k * k];
                densePairs[a * k + b]++;
            } else sparsePairs.computeIfAbsent(((long) a << 32) | b, x -> new long[1])[0]++;
        }

        void merge(PartStats o) {
            for (int j = 0; j < k; j++) {
                count[j] += o.count[j];
                mass[j] += o.mass[j];
            }
            if (sparsePairs == null) {
                if (o.densePairs != null && densePairs == null) densePairs = o.densePairs;
                else if (o.densePairs != null)
                    for (int j = 0; j < densePairs.length; j++) densePairs[j] += o.densePairs[j];
            } else {
                o.sparsePairs.forEach(
                        (key, v) -> sparsePairs.computeIfAbsent(key, x -> new long[1])[0] += v[0]);
            }
            inAny += o.inAny;
            inTwo += o.inTwo;
        }

        OverlapStats.Pairs pairs(int k) {
            java.util.TreeMap<Long, Long> sorted = new java.util.TreeMap<>();
            if (densePairs != null) {
                for (int a = 0; a < k; a++)
                    for (int b = a + 1; b < k; b++)
                        if (densePairs[a * k + b] != 0)
                            sorted.put(((long) a << 32) | b, (long) densePairs[a * k + b]);
            } else if (sparsePairs != null) {
                sparsePairs.forEach((key, v) -> sorted.put(key, v[0]));
            }
            long[] keys = new long[sorted.size()], counts = new long[sorted.size()];
            int j = 0;
            for (var en : sorted.entrySet()) {
                keys[j] = en.getKey();
                counts[j++] = en.getValue();
            }
            return new OverlapStats.Pairs(keys, counts);
        }
    }
}
