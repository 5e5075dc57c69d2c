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
 * <p>What does not depend on gamma (per-Gaussian totals, the exclusive argmax labels, row totals,
 * and the entries sorted by share in {@link ShareOrder}) is computed once by {@link #prepare};
 * under L1 a gamma change then binary-searches each (part, object) segment and writes the members'
 * bits. Parts hold a fixed number of Gaussians and masses are summed segment by segment in a fixed
 * order, so every figure is the same for any thread count.
 */
public final class Assigner {
    /** Below this many objects the pair counts of overlaps are a dense K x K table per lane. */
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
         * Per Gaussian its object entries only (the background entry left out): the label, the
         * object as a 16-bit index and the value. The memberships are laid out the same way.
         */
        final int[] objStart, objLabel;

        final char[] objIndex;
        final float[] objValue;

        /** The entries by object and share, for the gamma pass. */
        final ShareOrder order;

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
            double[] objShare = new double[m];
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
            order =
                    ShareOrder.build(
                            labels - 1,
                            count,
                            objStart,
                            objIndex,
                            objShare,
                            objValue,
                            parts(count),
                            q -> partStart(q, count));
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
        double lowest = Double.POSITIVE_INFINITY;
        for (double h : half) lowest = Math.min(lowest, h);
        double minHalf = lowest;
        ShareOrder order = p.order;
        long[] member = new long[Memberships.words(p.objLabel.length)];
        int segments = order.segmentObject.length;
        int[] segmentCount = new int[segments];
        double[] segmentMass = new double[segments];
        int parts = parts(count);
        // Lanes only split the work: what they sum are integers, and the masses are kept per
        // segment and summed in segment order below, so no figure depends on the lane count.
        java.util.concurrent.ForkJoinPool pool = java.util.concurrent.ForkJoinTask.getPool();
        int threads =
                pool != null
                        ? pool.getParallelism()
                        : java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
        int lanes = Math.min(parts, threads);
        LaneStats[] lane = new LaneStats[lanes];
        IntStream.range(0, lanes)
                .parallel()
                .forEach(
                        l -> {
                            int q0 = l * parts / lanes, q1 = (l + 1) * parts / lanes;
                            LaneStats s =
                                    new LaneStats(
                                            k,
                                            p.objStart[partStart(q0, count)],
                                            p.objStart[partStart(q1, count)]);
                            for (int q = q0; q < q1; q++) {
                                int members =
                                        decide(
                                                p,
                                                order,
                                                q,
                                                half,
                                                gamma,
                                                l2,
                                                s.bits,
                                                s.firstWord,
                                                segmentCount,
                                                segmentMass);
                                s.overlaps(p, order, q, members, l2 ? -1 : minHalf);
                            }
                            lane[l] = s;
                        });
        // Lanes decided into bits of their own (neighbouring lanes may share a word at their edge).
        for (LaneStats s : lane)
            for (int j = 0; j < s.bits.length; j++) member[s.firstWord + j] |= s.bits[j];
        LaneStats total = lane[0];
        for (int l = 1; l < lanes; l++) total.merge(lane[l]);
        int[] counts = new int[k];
        double[] mass = new double[k], share = new double[k];
        for (int s = 0; s < segments; s++) {
            int o = order.segmentObject[s];
            counts[o] += segmentCount[s];
            mass[o] += segmentMass[s];
        }
        for (int o = 0; o < k; o++) share[o] = p.rowTotal[o] == 0 ? 0 : mass[o] / p.rowTotal[o];
        OverlapStats stats =
                new OverlapStats(
                        counts, mass, share, total.pairs(), total.inAny, total.inTwo, p.unseen);
        Memberships m = new Memberships(k, count, p.objStart, p.objLabel, member);
        return new Segmentation(m, p.exclusive, stats, params);
    }

    /** The L2 rule of the original code: shares (others, q) normalised, then +gamma on others. */
    private static boolean l2Member(double q, double g) {
        double others = 1 - q;
        return q - others > g * Math.sqrt(q * q + others * others);
    }

    /**
     * Decides part q segment by segment and returns how many entries joined. Under L1 the members
     * of a segment are the prefix whose share exceeds (1 + gamma) / 2: a binary search finds its
     * end, the running mass there is the segment's mass, and only members are written. L2 is not
     * trusted to be monotone in rounded arithmetic, so its segments are scanned whole.
     */
    private static int decide(
            Prepared p,
            ShareOrder order,
            int q,
            double[] half,
            double[] gamma,
            boolean l2,
            long[] bits,
            int firstWord,
            int[] segmentCount,
            double[] segmentMass) {
        int[] entry = order.entry;
        double[] share = order.share;
        double[] prefix = order.prefixMass;
        float[] value = p.objValue;
        int members = 0;
        for (int s = order.partSegment[q]; s < order.partSegment[q + 1]; s++) {
            int o = order.segmentObject[s],
                    lo = order.segmentStart[s],
                    hi = order.segmentStart[s + 1];
            int end;
            double mass = 0;
            if (!l2) {
                // A share is 0 only where t = 0, and never passes (half >= 0).
                double h = half[o];
                int a = lo, b = hi;
                while (a < b) {
                    int mid = (a + b) >>> 1;
                    if (share[mid] > h) a = mid + 1;
                    else b = mid;
                }
                end = a;
                for (int x = lo; x < end; x++) {
                    int e = entry[x];
                    bits[(e >>> 6) - firstWord] |= 1L << e;
                }
                if (end > lo) mass = prefix[end - 1];
            } else {
                end = lo;
                for (int x = lo; x < hi; x++) {
                    int e = entry[x];
                    if (share[x] > 0 && l2Member(share[x], gamma[o])) {
                        bits[(e >>> 6) - firstWord] |= 1L << e;
                        mass += value[e];
                        end++;
                    }
                }
            }
            segmentCount[s] = end - lo;
            segmentMass[s] = mass;
            members += end - lo;
        }
        return members;
    }

    /**
     * Overlap tallies of one lane of parts. All integers: their sums do not depend on how parts are
     * split among lanes.
     */
    private static final class LaneStats {
        final int k;
        int[] densePairs;
        final java.util.HashMap<Long, long[]> sparsePairs;
        int inAny, inTwo;

        /** The lane's decisions: bit e of word e / 64 - firstWord, for its entries from .. to. */
        final long[] bits;

        final int firstWord;

        LaneStats(int k, int from, int to) {
            this.k = k;
            firstWord = from >>> 6;
            bits = new long[Math.max(0, ((to + 63) >>> 6) - firstWord)];
            sparsePairs = k <= DENSE_PAIRS ? null : new java.util.HashMap<>();
        }

        /**
         * Counts Gaussians of part q in any and in two or more objects, and the pairs. A Gaussian
         * in n objects adds n to the members, so Gaussians in any = members minus (n - 1) for each
         * Gaussian in two or more: only those are visited. Under L1 they lie in the prefix of the
         * part's multi-entry Gaussians whose second largest share passes the lowest threshold
         * ({@code floor}); L2 ({@code floor} < 0) visits them all.
         */
        void overlaps(Prepared p, ShareOrder order, int q, int members, double floor) {
            int[] start = p.objStart;
            char[] index = p.objIndex;
            int lo = order.partMulti[q], end = order.partMulti[q + 1];
            if (floor >= 0) {
                int a = lo, b = end;
                while (a < b) {
                    int mid = (a + b) >>> 1;
                    if (order.multiSecond[mid] > floor) a = mid + 1;
                    else b = mid;
                }
                end = a;
            }
            int extra = 0;
            for (int u = lo; u < end; u++) {
                int i = order.multi[u];
                int e0 = start[i], e1 = start[i + 1], in = 0;
                for (int e = e0; e < e1; e++) in += in(e) ? 1 : 0;
                if (in < 2) continue;
                extra += in - 1;
                inTwo++;
                for (int x = e0; x < e1; x++) {
                    if (!in(x)) continue;
                    for (int y = x + 1; y < e1; y++) if (in(y)) pair(index[x], index[y]);
                }
            }
            inAny += members - extra;
        }

        private boolean in(int e) {
            return (bits[(e >>> 6) - firstWord] & (1L << e)) != 0;
        }

        /** a < b */
        void pair(int a, int b) {
            if (sparsePairs == null) {
                if (densePairs == null) densePairs = new int[k * k];
                densePairs[a * k + b]++;
            } else sparsePairs.computeIfAbsent(((long) a << 32) | b, x -> new long[1])[0]++;
        }

        void merge(LaneStats o) {
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

        /** The pairs ascending by (a, b). */
        OverlapStats.Pairs pairs() {
            long[] keys, counts;
            if (sparsePairs != null) {
                keys = new long[sparsePairs.size()];
                int j = 0;
                for (long key : sparsePairs.keySet()) keys[j++] = key;
                java.util.Arrays.sort(keys);
                counts = new long[keys.length];
                for (j = 0; j < keys.length; j++) counts[j] = sparsePairs.get(keys[j])[0];
                return new OverlapStats.Pairs(keys, counts);
            }
            int n = 0;
            if (densePairs != null) for (int c : densePairs) if (c != 0) n++;
            keys = new long[n];
            counts = new long[n];
            for (int a = 0, j = 0; a < k && n > 0; a++)
                for (int b = a + 1; b < k; b++) {
                    int c = densePairs[a * k + b];
                    if (c == 0) continue;
                    keys[j] = ((long) a << 32) | b;
                    counts[j++] = c;
                }
            return new OverlapStats.Pairs(keys, counts);
        }
    }
}
