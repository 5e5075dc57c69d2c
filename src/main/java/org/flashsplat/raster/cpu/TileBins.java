package org.flashsplat.raster.cpu;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The Gaussians of each 16x16 tile, front to back: a counting sort by tile, then each tile's list
 * sorted by (depth, scene index), the order the reference's stable radix sort over (tile, depth)
 * keys produces. Entries hold ranks (see {@link SceneConstants}); the scene index breaks ties.
 */
final class TileBins {
    /** Start of tile t's list in {@link #entries}; tile t holds [start[t], start[t + 1]). */
    int[] start = new int[1];

    /**
     * Per entry: depth bits in the high word (positive floats order like their bits), the
     * Gaussian's rank low.
     */
    long[] entries = new long[0];

    int tiles;

    /** Gaussians per chunk of the parallel count and scatter. */
    private static final int CHUNK = 1 << 16;

    /** Per chunk, entries per tile, then where the chunk writes next in each tile's list. */
    private int[][] perChunk = new int[0][];

    void build(Projection p) {
        tiles = p.gridX * p.gridY;
        if (start.length < tiles + 1) start = new int[tiles + 1];
        int n = p.count, chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
        if (perChunk.length < chunks) perChunk = Arrays.copyOf(perChunk, chunks);
        for (int c = 0; c < chunks; c++) {
            if (perChunk[c] == null || perChunk[c].length < tiles) perChunk[c] = new int[tiles];
        }
        // Count per chunk in parallel; a tile's list is then the chunks' entries in chunk order,
        // and the sort below makes the order of the scatter irrelevant anyway.
        IntStream.range(0, chunks).parallel().forEach(c -> count(p, c, n));
        long total = 0;
        for (int t = 0; t < tiles; t++) {
            start[t] = (int) Math.min(total, Integer.MAX_VALUE);
            for (int c = 0; c < chunks; c++) {
                int k = perChunk[c][t];
                perChunk[c][t] = (int) Math.min(total, Integer.MAX_VALUE);
                total += k;
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(
                    "view needs " + total + " tile entries; render it at a lower resolution");
        }
        start[tiles] = (int) total;
        if (entries.length < total)
            entries = new long[(int) Math.min(Integer.MAX_VALUE - 8, total + total / 4)];
        IntStream.range(0, chunks).parallel().forEach(c -> scatter(p, c, n));
        IntStream.range(0, tiles)
                .parallel()
                .forEach(t -> sortTile(entries, start[t], start[t + 1], SCRATCH.get(), p.order));
    }

    private void count(Projection p, int c, int n) {
        int[] counts = perChunk[c];
        Arrays.fill(counts, 0, tiles, 0);
        for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
            int x0 = p.rectX0[i], x1 = p.rectX1[i];
            if (x0 == x1) continue;
            for (int ty = p.rectY0[i]; ty < p.rectY1[i]; ty++) {
                int row = ty * p.gridX;
                for (int tx = x0; tx < x1; tx++) counts[row + tx]++;
            }
        }
    }

    private void scatter(Projection p, int c, int n) {
        int[] cursor = perChunk[c];
        for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
            int x0 = p.rectX0[i], x1 = p.rectX1[i];
            if (x0 == x1) continue;
            float depth = p.packed[i * Projection.STRIDE + Projection.DEPTH];
            long key = ((long) Float.floatToRawIntBits(depth) << 32) | i;
            for (int ty = p.rectY0[i]; ty < p.rectY1[i]; ty++) {
                int row = ty * p.gridX;
                for (int tx = x0; tx < x1; tx++) entries[cursor[row + tx]++] = key;
            }
        }
    }

    /** Per sorting thread: the radix sort's second buffer and its counts. */
    static final ThreadLocal<RadixScratch> SCRATCH = ThreadLocal.withInitial(RadixScratch::new);

    static final class RadixScratch {
        long[] buffer = new long[1024];
        final int[] counts = new int[256];
    }

    /**
     * Sorts one tile's entries by (depth, scene index), where {@code order} maps an entry's rank to
     * its scene index. The scatter leaves them in ascending rank, so a stable LSD radix sort on the
     * depth bits alone (four byte passes, a pass skipped where all keys share the byte) gives the
     * order of (depth, rank) in a few linear passes instead of a comparison sort (short lists use
     * the comparison sort); runs of equal depth are then put in scene index order.
     */
    static void sortTile(long[] a, int from, int to, RadixScratch scratch, int[] order) {
        int n = to - from;
        if (n < 256) {
            Arrays.sort(a, from, to);
        } else {
            radix(a, from, n, scratch);
        }
        breakTies(a, from, to, order, scratch);
    }

    private static void radix(long[] a, int from, int n, RadixScratch scratch) {
        if (scratch.buffer.length < n) scratch.buffer = new long[n + n / 2];
        long[] src = a, dst = scratch.buffer;
        int srcOff = from, dstOff = 0;
        int[] counts = scratch.counts;
        for (int shift = 32; shift < 64; shift += 8) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) counts[(int) (src[srcOff + i] >>> shift) & 255]++;
            if (counts[(int) (src[srcOff] >>> shift) & 255] == n) continue;
            for (int b = 0, at = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = at;
                at += c;
            }
            for (int i = 0; i < n; i++) {
                long key = src[srcOff + i];
                dst[dstOff + counts[(int) (key >>> shift) & 255]++] = key;
            }
            long[] swap = src;
            src = dst;
            dst = swap;
            int off = srcOff;
            srcOff = dstOff;
            dstOff = off;
        }
        if (src != a) System.arraycopy(src, srcOff, a, from, n);
    }

    /**
     * Puts each run of entries of equal depth in the order of their scene indices, as the reference
     * has them: the renderer's ranks order them otherwise, and the blend's bits depend on the order
     * of equal depths.
     */
    private static void breakTies(long[] a, int from, int to, int[] order, RadixScratch scratch) {
        for (int s = from; s < to - 1; ) {
            long depth = a[s] >>> 32;
            int e = s + 1;
            while (e < to && a[e] >>> 32 == depth) e++;
            if (e - s > 1) {
                if (scratch.buffer.length < e - s) scratch.buffer = new long[2 * (e - s)];
                long[] tied = scratch.buffer;
                for (int k = s; k < e; k++) {
                    int rank = (int) a[k];
                    tied[k - s] = (long) order[rank] << 32 | rank;
                }
                Arrays.sort(tied, 0, e - s);
                for (int k = s; k < e; k++) a[k] = depth << 32 | (tied[k - s] & 0xffffffffL);
            }
            s = e;
        }
    }
}
