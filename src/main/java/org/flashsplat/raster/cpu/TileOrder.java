package org.flashsplat.raster.cpu;

import java.util.Arrays;

/**
 * One tile's entries front to back, sorted only as far as the blend reads them. A tile's pixels
 * usually stop long before its list ends (on bench-1m a third of the entries is ever reached), so
 * sorting whole lists is mostly wasted: the entries are first split into buckets of consecutive
 * depth ranges (one counting pass), and a bucket is sorted when the blend reaches it.
 *
 * <p>The order is exactly that of a sort on the whole key (depth bits, then Gaussian index): a
 * bucket holds a range of depth bits, buckets come in depth order, and each bucket is sorted on the
 * whole key. Keys are distinct (they hold the index), so no tie is left to chance. One instance per
 * blending thread.
 */
final class TileOrder {
    /** Lists up to this long are sorted whole at once. */
    private static final int SHORT = 64;

    /** Aimed-at entries per bucket: small enough that a sort of one costs next to nothing. */
    private static final int PER_BUCKET = 16;

    private static final int MAX_BUCKETS = 1 << 12;

    /** The tile's keys (see {@link TileBins#entries}), bucket by bucket; [0, size). */
    long[] keys = new long[1024];

    int size;

    private final int[] bucketStart = new int[MAX_BUCKETS + 1];
    private int buckets, nextBucket, sortedEnd;

    /** Takes the keys {@code entries[from, to)} of one tile; nothing is sorted yet. */
    void load(long[] entries, int from, int to) {
        int n = to - from;
        size = n;
        if (keys.length < n) keys = new long[n + n / 2];
        if (n <= SHORT) {
            System.arraycopy(entries, from, keys, 0, n);
            Arrays.sort(keys, 0, n);
            buckets = nextBucket = 0;
            sortedEnd = n;
            return;
        }
        // Depth bits are those of positive floats (the high word), so they order like the depths.
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int i = from; i < to; i++) {
            int d = (int) (entries[i] >>> 32);
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        int rangeBits = 32 - Integer.numberOfLeadingZeros(hi - lo);
        int wanted = Math.min(MAX_BUCKETS, Integer.highestOneBit(n / PER_BUCKET));
        int shift = Math.max(0, rangeBits - Integer.numberOfTrailingZeros(wanted));
        buckets = ((hi - lo) >>> shift) + 1;
        int[] start = bucketStart;
        Arrays.fill(start, 0, buckets + 1, 0);
        for (int i = from; i < to; i++) start[(((int) (entries[i] >>> 32) - lo) >>> shift) + 1]++;
        for (int b = 0; b < buckets; b++) start[b + 1] += start[b];
        // start[b] now serves as bucket b's write cursor; it ends at bucket b + 1's start
        for (int i = from; i < to; i++) {
            long key = entries[i];
            keys[start[((int) (key >>> 32) - lo) >>> shift]++] = key;
        }
        System.arraycopy(start, 0, start, 1, buckets);
        start[0] = 0;
        nextBucket = 0;
        sortedEnd = 0;
    }

    /**
     * Sorts buckets until positions [0, upTo) are in their final order (or the list ends); returns
     * how far the list is sorted.
     */
    int sortThrough(int upTo) {
        while (sortedEnd < upTo && nextBucket < buckets) {
            int from = bucketStart[nextBucket], to = bucketStart[++nextBucket];
            if (to - from > 1) Arrays.sort(keys, from, to);
            sortedEnd = to;
        }
        return sortedEnd;
    }
}
