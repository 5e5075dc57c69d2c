package org.flashsplat.raster.cpu;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The Gaussians of each 16x16 tile: a counting sort by tile, each tile's entries in ascending
 * index. The blend reads them front to back, sorted by (depth, index) as far as it reads (see
 * {@link TileOrder}): the order the reference's stable radix sort over (tile, depth) keys produces.
 */
final class TileBins {
    /** Start of tile t's list in {@link #entries}; tile t holds [start[t], start[t + 1]). */
    int[] start = new int[1];

    /**
     * Per entry: depth bits in the high word (positive floats order like their bits), Gaussian
     * index low.
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
        // Each tile's list is put in depth order by its blender (TileOrder), only as far as read.
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
}
