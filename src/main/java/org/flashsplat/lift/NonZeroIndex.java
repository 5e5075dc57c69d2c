package org.flashsplat.lift;

import java.util.stream.IntStream;

/**
 * Where each object's contributions are non-zero, chunk by chunk. A Gaussian that no mask of object
 * k ever covered has {@code A[k, i] = 0} and can never join k, whatever gamma is; on real captures
 * that is most of the row (about 93% on the 1M-Gaussian benchmark scene), so a gamma change only
 * needs to look at the rest. Rows denser than {@link #SPARSE_SHARE} are left dense: a straight pass
 * over them is cheaper than following indices.
 */
final class NonZeroIndex {
    static final double SPARSE_SHARE = 0.25;

    /** Per object: ascending indices of its non-zero entries, or null where the row is dense. */
    private final int[][] entries;

    /** Per object: where each chunk's entries start in {@link #entries}, chunks + 1 offsets. */
    private final int[][] starts;

    private NonZeroIndex(int[][] entries, int[][] starts) {
        this.entries = entries;
        this.starts = starts;
    }

    /**
     * @param a contributions (labels, count), row 0 the background, which is not indexed
     */
    static NonZeroIndex build(float[] a, int labels, int count, int chunk) {
        int objects = labels - 1, chunks = (count + chunk - 1) / chunk;
        int[][] perChunk = new int[objects][chunks];
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c -> {
                            int from = c * chunk, to = Math.min(count, from + chunk);
                            for (int o = 0; o < objects; o++) {
                                int row = (o + 1) * count, nz = 0;
                                for (int i = from; i < to; i++) nz += a[row + i] != 0 ? 1 : 0;
                                perChunk[o][c] = nz;
                            }
                        });
        int[][] entries = new int[objects][];
        int[][] starts = new int[objects][];
        for (int o = 0; o < objects; o++) {
            int[] s = new int[chunks + 1];
            for (int c = 0; c < chunks; c++) s[c + 1] = s[c] + perChunk[o][c];
            if (s[chunks] > SPARSE_SHARE * count) continue;
            entries[o] = new int[s[chunks]];
            starts[o] = s;
        }
        IntStream.range(0, chunks)
                .parallel()
                .forEach(
                        c -> {
                            int from = c * chunk, to = Math.min(count, from + chunk);
                            for (int o = 0; o < objects; o++) {
                                int[] e = entries[o];
                                if (e == null) continue;
                                int row = (o + 1) * count, j = starts[o][c];
                                for (int i = from; i < to; i++) if (a[row + i] != 0) e[j++] = i;
                            }
                        });
        return new NonZeroIndex(entries, starts);
    }

    /** Whether object o (0-based) is indexed; if not, its row must be scanned whole. */
    boolean sparse(int o) {
        return entries[o] != null;
    }

    int[] entries(int o) {
        return entries[o];
    }

    int chunkStart(int o, int chunk) {
        return starts[o][chunk];
    }

    int chunkEnd(int o, int chunk) {
        return starts[o][chunk + 1];
    }
}
