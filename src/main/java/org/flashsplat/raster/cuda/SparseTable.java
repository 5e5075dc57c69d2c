package org.flashsplat.raster.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.flashsplat.raster.Contributions;

/**
 * The host's side of the sparse contributions on the device (cuda/sparse.cuh): the record keys, how
 * a view's records are merged into the device's hash table (growing it, or folding it into the
 * host's contributions and emptying it when the GPU has no room to grow), and the fold itself.
 * Plain Java, so it is tested without a GPU.
 *
 * <p>The table has a power-of-two number of slots and is never more than half full, so every probe
 * ends soon. A view's records are at least as many as the new keys they bring, so the host, which
 * knows the record count, can keep that bound before it merges.
 */
final class SparseTable {
    /** Bytes per slot and per record: a 64-bit key and a 64-bit sum. */
    static final long BYTES_PER_SLOT = 16;

    static final long MIN_SLOTS = 1 << 10;

    /** Device memory left for everything else (driver, scan levels, per-view buffers growing). */
    static final long MARGIN = 64L << 20;

    private SparseTable() {}

    /** The key of (Gaussian, label): labels are 16-bit, so a key is below 2^48. */
    static long key(int gaussian, int label) {
        return ((long) gaussian << 16) | label;
    }

    static int gaussian(long key) {
        return (int) (key >>> 16);
    }

    static int label(long key) {
        return (int) (key & 0xffff);
    }

    /** Slots that hold {@code entries} at most half full: a power of two. */
    static long slotsFor(long entries) {
        long s = MIN_SLOTS;
        while (s / 2 < entries) s *= 2;
        return s;
    }

    /** One step of merging a view's records. */
    sealed interface Step {}

    /** Rehash the table into {@code slots} slots. */
    record Grow(long slots) implements Step {}

    /** Fold the table into the host's contributions and empty it. */
    record Flush() implements Step {}

    /** Merge records [from, from + count) into the table. */
    record Merge(long from, long count) implements Step {}

    /**
     * The steps that merge {@code records} records into a table of {@code slots} slots holding at
     * most {@code occupied} keys, when the table may grow to at most {@code maxSlots} slots (what
     * fits in free device memory, see {@link #maxSlots}). The table never holds more than half its
     * slots (counting every record as a new key); it grows when it can, and is flushed to the host
     * only when it cannot.
     */
    static List<Step> plan(long occupied, long records, long slots, long maxSlots) {
        List<Step> steps = new ArrayList<>();
        long done = 0;
        while (done < records) {
            long left = records - done;
            if (occupied + left > slots / 2) {
                long want = Math.min(slotsFor(occupied + left), floorPow2(maxSlots));
                if (want > slots) {
                    steps.add(new Grow(want));
                    slots = want;
                }
            }
            if (slots / 2 - occupied <= 0) {
                steps.add(new Flush());
                occupied = 0;
            }
            long part = Math.min(left, slots / 2 - occupied);
            steps.add(new Merge(done, part));
            occupied += part;
            done += part;
        }
        return steps;
    }

    /**
     * The most slots a table may grow to with {@code free} bytes of device memory while the old one
     * of {@code slots} slots is still held (a rehash needs both), capped at {@code cap}.
     */
    static long maxSlots(long free, long slots, long cap) {
        long bytes = free - MARGIN;
        long fit = bytes <= 0 ? 0 : bytes / BYTES_PER_SLOT;
        return Math.max(slots, Math.min(cap, fit));
    }

    private static long floorPow2(long x) {
        return x < 1 ? 1 : Long.highestOneBit(x);
    }

    /** The key of an empty slot (all bits set; no real key reaches 2^48). */
    static final long EMPTY = -1L;

    /**
     * Adds the first {@code n} slots of a table into {@code into}, skipping empty ones: exact and
     * order-free (integer sums), so the device table's slot order does not matter. A sum that
     * reached 2^63 on the device reads negative here and fails like a host add that overflows.
     */
    static void fold(long[] keys, long[] sums, int n, Contributions into) {
        int parts = Math.max(1, Math.min(64, n >> 16));
        IntStream.range(0, parts)
                .parallel()
                .forEach(
                        p -> {
                            int from = (int) ((long) n * p / parts);
                            int to = (int) ((long) n * (p + 1) / parts);
                            for (int e = from; e < to; e++) {
                                if (keys[e] == EMPTY) continue;
                                int g = gaussian(keys[e]), l = label(keys[e]);
                                if (sums[e] < 0) throw new Contributions.RangeException(l, g);
                                into.addAtomic(l, g, sums[e]);
                            }
                        });
    }
}
