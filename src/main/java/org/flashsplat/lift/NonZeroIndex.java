package org.flashsplat.lift;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Where each object's contributions are non-zero, chunk by chunk. A Gaussian that no mask of object
 * k ever covered has {@code A[k, i] = 0} and can never join k, whatever gamma is; on real captures
 * that is most of the row (about 93% on the 1M-Gaussian benchmark scene), so a gamma change only
 * needs to look at the rest. A chunk of a row denser than {@link #SPARSE_SHARE} is left dense: a
 * straight pass over it is cheaper than following indices.
 */
final class NonZeroIndex {
    static final double SPARSE_SHARE = 0.25;

    /** [object][chunk]: ascending indices of the non-zero entries, or null where dense. */
    private final int[][][] entries;

    private NonZeroIndex(int[][][] entries) {
        this.entries = entries;
    }

    /**
     * @param a contributions (labels, count), row 0 the background, which is not indexed
     */
    static NonZeroIndex build(float[] a, int labels, int count, int chunk) {
        int objects = labels - 1, chunks = (count + chunk - 1) / chunk;
        int[][][] entries = new int[objects][chunks][];
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c -> {
                            int from = c * chunk, to = Math.min(count, from + chunk);
                            int[] found = new int[to - from];
                            for (int o = 0; o < objects; o++) {
                                int row = (o + 1) * count, n = 0;
                                // Every index is written and only kept by the step: no branch
                                // on data that is zero or not at random.
                                for (int i = from; i < to; i++) {
                                    found[n] = i;
                                    n += a[row + i] != 0 ? 1 : 0;
                                }
                                if (n <= SPARSE_SHARE * (to - from)) {
                                    entries[o][c] = Arrays.copyOf(found, n);
                                }
                            }
                        });
        return new NonZeroIndex(entries);
    }

    /**
     * Object o's (0-based) non-zero entries in a chunk, ascending, or null where that part of the
     * row is dense and must be scanned whole.
     */
    int[] entries(int o, int chunk) {
        return entries[o][chunk];
    }
}
