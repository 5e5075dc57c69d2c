package org.flashsplat.lift;

import java.util.stream.IntStream;

/**
 * The object entries of a part of Gaussians, grouped by object and sorted by share, so that under
 * the L1 rule the members of an object in a part are a prefix of its segment: a gamma change finds
 * where the prefix ends by binary search, reads the object's count and mass from it, and only
 * writes the members' decisions. Built once per {@link Assigner.Prepared}; it turns a pass bound by
 * every entry's bytes into one bound by the members' positions.
 *
 * <p>Exact: the order compares the stored double shares themselves, so "share > (1 + gamma) / 2"
 * holds on a prefix without rounding. Masses are prefix sums in that order, fixed at build time,
 * and are merged in segment order, so they do not vary with thread count.
 */
final class ShareOrder {
    /** Segments of part p: {@code partSegment[p] .. partSegment[p + 1]}. */
    final int[] partSegment;

    /** Object index (0-based) of each segment. */
    final char[] segmentObject;

    /** Range of each segment in {@link #entry}: {@code segmentStart[s] .. segmentStart[s + 1]}. */
    final int[] segmentStart;

    /** Entry positions (into the prepared object entries), by share descending in a segment. */
    final int[] entry;

    /** The entries' shares in that order: what the binary search reads. */
    final double[] share;

    /** Running sums of the entries' values along a segment. */
    final double[] prefixMass;

    /**
     * Gaussians with two or more object entries, part by part: the only ones that can overlap. In a
     * part they are sorted by their second largest object share, largest first: a Gaussian can only
     * be in two objects if that share passes, so a gamma change visits a prefix.
     */
    final int[] multi;

    /** The second largest object share of each of {@link #multi}. */
    final double[] multiSecond;

    final int[] partMulti;

    private ShareOrder(
            int[] partSegment,
            char[] segmentObject,
            int[] segmentStart,
            int[] entry,
            double[] share,
            double[] prefixMass,
            int[] multi,
            double[] multiSecond,
            int[] partMulti) {
        this.partSegment = partSegment;
        this.segmentObject = segmentObject;
        this.segmentStart = segmentStart;
        this.entry = entry;
        this.share = share;
        this.prefixMass = prefixMass;
        this.multi = multi;
        this.multiSecond = multiSecond;
        this.partMulti = partMulti;
    }

    /** One part's segments and multi-entry Gaussians, before they are laid end to end. */
    private record PartOrder(char[] objects, int[] lengths, int[] multi, double[] second) {}

    static ShareOrder build(
            int objects,
            int count,
            int[] objStart,
            char[] objIndex,
            double[] share,
            float[] value,
            int parts,
            java.util.function.IntUnaryOperator partStart) {
        int m = objStart[count];
        int[] entry = new int[m];
        double[] prefix = new double[m];
        double[] sorted = new double[m];
        PartOrder[] built = new PartOrder[parts];
        IntStream.range(0, parts)
                .parallel()
                .forEach(
                        p -> {
                            int from = partStart.applyAsInt(p), to = partStart.applyAsInt(p + 1);
                            built[p] =
                                    sortPart(
                                            objects, from, to, objStart, objIndex, share, value,
                                            entry, sorted, prefix);
                        });
        int segments = 0, multis = 0;
        for (PartOrder b : built) {
            segments += b.objects.length;
            multis += b.multi.length;
        }
        int[] partSegment = new int[parts + 1], partMulti = new int[parts + 1];
        char[] segmentObject = new char[segments];
        int[] segmentStart = new int[segments + 1];
        int[] multi = new int[multis];
        double[] multiSecond = new double[multis];
        int s = 0, u = 0;
        for (int p = 0; p < parts; p++) {
            PartOrder b = built[p];
            partSegment[p] = s;
            partMulti[p] = u;
            int at = objStart[partStart.applyAsInt(p)];
            for (int j = 0; j < b.objects.length; j++, s++) {
                segmentObject[s] = b.objects[j];
                segmentStart[s] = at;
                at += b.lengths[j];
            }
            System.arraycopy(b.multi, 0, multi, u, b.multi.length);
            System.arraycopy(b.second, 0, multiSecond, u, b.second.length);
            u += b.multi.length;
        }
        partSegment[parts] = s;
        partMulti[parts] = u;
        segmentStart[segments] = m;
        return new ShareOrder(
                partSegment,
                segmentObject,
                segmentStart,
                entry,
                sorted,
                prefix,
                multi,
                multiSecond,
                partMulti);
    }

    /**
     * Groups the part's entries by object (a counting sort, so ties keep entry order), sorts each
     * group by share descending and writes them, with their running masses, over the part's own
     * range of {@code entry} and {@code prefix}.
     */
    private static PartOrder sortPart(
            int objects,
            int from,
            int to,
            int[] objStart,
            char[] objIndex,
            double[] share,
            float[] value,
            int[] entry,
            double[] sorted,
            double[] prefix) {
        int e0 = objStart[from], e1 = objStart[to], n = e1 - e0;
        int[] bucket = new int[objects + 1];
        for (int e = e0; e < e1; e++) bucket[objIndex[e] + 1]++;
        int used = 0;
        for (int o = 0; o < objects; o++) if (bucket[o + 1] > 0) used++;
        char[] segObjects = new char[used];
        int[] lengths = new int[used];
        for (int o = 0, j = 0; o < objects; o++) {
            if (bucket[o + 1] > 0) {
                segObjects[j] = (char) o;
                lengths[j++] = bucket[o + 1];
            }
            bucket[o + 1] += bucket[o];
        }
        for (int e = e0; e < e1; e++) entry[e0 + bucket[objIndex[e]]++] = e;
        long[] key = new long[n];
        int[] moved = new int[n];
        for (int j = 0, at = e0; j < used; at += lengths[j++]) {
            sortByShare(entry, at, at + lengths[j], share, sorted, key, moved);
            double run = 0;
            for (int x = at; x < at + lengths[j]; x++) prefix[x] = run += value[entry[x]];
        }
        int multis = 0;
        for (int i = from; i < to; i++) if (objStart[i + 1] - objStart[i] >= 2) multis++;
        int[] multi = new int[multis];
        double[] second = new double[multis];
        for (int i = from, j = 0; i < to; i++) {
            if (objStart[i + 1] - objStart[i] < 2) continue;
            double first = 0, next = 0;
            for (int e = objStart[i]; e < objStart[i + 1]; e++) {
                double s = share[e];
                if (s > first) {
                    next = first;
                    first = s;
                } else if (s > next) next = s;
            }
            multi[j] = i;
            second[j++] = next;
        }
        int[] place = new int[multis];
        for (int j = 0; j < multis; j++) place[j] = j;
        double[] sortedSecond = new double[multis];
        sortByShare(place, 0, multis, second, sortedSecond, key, moved);
        int[] byPlace = new int[multis];
        for (int j = 0; j < multis; j++) byPlace[j] = multi[place[j]];
        multi = byPlace;
        return new PartOrder(segObjects, lengths, multi, sortedSecond);
    }

    /**
     * Sorts {@code entry[from..to)} by share, largest first, and writes the shares in that order to
     * {@code sorted}. The primitive long sort of the JDK does the work: each key is the share's
     * bits (inverted, so ascending keys are descending shares) with its low bits replaced by the
     * entry's place, and an insertion pass then orders by the exact share where that truncation
     * left keys equal. Equal shares keep entry order.
     */
    static void sortByShare(
            int[] entry,
            int from,
            int to,
            double[] share,
            double[] sorted,
            long[] key,
            int[] moved) {
        int n = to - from;
        if (n == 1) sorted[from] = share[entry[from]];
        if (n < 2) return;
        int bits = 64 - Long.numberOfLeadingZeros(n - 1);
        long place = (1L << bits) - 1;
        for (int x = 0; x < n; x++)
            key[x] =
                    ((Long.MAX_VALUE - Double.doubleToRawLongBits(share[entry[from + x]])) & ~place)
                            | x;
        java.util.Arrays.sort(key, 0, n);
        for (int x = 0; x < n; x++) moved[x] = entry[from + (int) (key[x] & place)];
        for (int x = 0; x < n; x++) {
            int e = moved[x];
            double s = share[e];
            int y = from + x - 1;
            while (y >= from && sorted[y] < s) {
                sorted[y + 1] = sorted[y];
                entry[y + 1] = entry[y];
                y--;
            }
            sorted[y + 1] = s;
            entry[y + 1] = e;
        }
    }

    /** Bytes held, for memory estimates. */
    long bytes() {
        return 20L * entry.length + 6L * segmentObject.length + 12L * multi.length;
    }
}
