package org.flashsplat.raster.cpu;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The Gaussians of each 16x16 tile, front to back: a counting sort by tile, then each tile's list
 * sorted by (depth, index), the order the reference's stable radix sort over (tile, depth) keys
 * produces.
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

    void build(Projection p) {
        tiles = p.gridX * p.gridY;
        if (start.length < tiles + 1) start = new int[tiles + 1];
        Arrays.fill(start, 0, tiles + 1, 0);
        int n = p.count;
        long total = 0;
        for (int i = 0; i < n; i++) {
            int x0 = p.rectX0[i], x1 = p.rectX1[i];
            if (x0 == x1) continue;
            for (int ty = p.rectY0[i]; ty < p.rectY1[i]; ty++) {
                int row = ty * p.gridX;
                for (int tx = x0; tx < x1; tx++) start[row + tx + 1]++;
            }
            total += (long) (x1 - x0) * (p.rectY1[i] - p.rectY0[i]);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(
                    "view needs " + total + " tile entries; render it at a lower resolution");
        }
        for (int t = 0; t < tiles; t++) start[t + 1] += start[t];
        if (entries.length < total)
            entries = new long[(int) Math.min(Integer.MAX_VALUE - 8, total + total / 4)];
        int[] cursor = Arrays.copyOf(start, tiles);
        for (int i = 0; i < n; i++) {
            int x0 = p.rectX0[i], x1 = p.rectX1[i];
            if (x0 == x1) continue;
            long key =
                    ((long)
                                            Float.floatToRawIntBits(
                                                    p.packed[
                                                            i * Projection.STRIDE
                                                                    + Projection.DEPTH])
                                    << 32)
                            | i;
            for (int ty = p.rectY0[i]; ty < p.rectY1[i]; ty++) {
                int row = ty * p.gridX;
                for (int tx = x0; tx < x1; tx++) entries[cursor[row + tx]++] = key;
            }
        }
        IntStream.range(0, tiles)
                .parallel()
                .forEach(t -> Arrays.sort(entries, start[t], start[t + 1]));
    }
}
