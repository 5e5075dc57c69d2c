package org.flashsplat.raster.cpu;

import org.flashsplat.raster.Contributions;

/**
 * Blends one tile front to back with the reference's per-pixel rules (DESIGN.md section 2). One
 * instance per worker thread: it holds that thread's scratch buffers.
 *
 * <p>The loop runs Gaussian by Gaussian over the tile's pixels (not pixel by pixel), so each
 * Gaussian visits only the rows of the tile inside its culling ellipse's box whose pixels still
 * blend, and its weights per label are summed locally before one atomic add per (Gaussian, label)
 * reaches the shared contributions. Pixels are independent, so the order of the pixel loop changes
 * nothing.
 */
final class TileBlender {
    private static final int PIXELS = TileScratch.PIXELS;

    private final RowKernel kernel;
    private final TileScratch scratch = new TileScratch();
    private final float[] transmittance = scratch.transmittance;
    private final int[] stoppedAt = scratch.stoppedAt;

    /**
     * Marks a pixel labelled negative in an accumulate pass: it is not blended at all. Pixels are
     * independent, so leaving one out changes no other pixel and no contribution; it only saves the
     * work where a region-limited pass (a mask edit) touches a few pixels of a tile. Such pixels
     * are not counted in the pair statistics.
     */
    private static final int UNLABELLED = Integer.MAX_VALUE;

    /**
     * A tile with at most 1/SPARSE of its pixels labelled is blended pixel list first: each
     * Gaussian visits the labelled pixels instead of its whole footprint (an edit of scattered
     * pixels touches every tile of the view, but few pixels in each).
     */
    private static final int SPARSE = 8;

    private final int[] activeList = new int[PIXELS];

    private final int[] pixelLabel = new int[PIXELS];

    private final int[] rowLabel = scratch.rowLabel;

    private static final int MIXED = TileScratch.MIXED;

    long walked, evaluated, blended;

    /**
     * Entries whose packed Gaussians are copied into {@link #gathered} at a time. The list reaches
     * Gaussians in depth order, i.e. at random in memory: copying a chunk issues all its cache
     * misses at once, where the blend loop would wait for them one by one.
     */
    private static final int CHUNK = 32;

    private final float[] gathered = new float[CHUNK * Projection.STRIDE];

    /** Read from cache lines only to load them early; kept so the reads are not dropped. */
    long touchSink;

    /**
     * Copies the packed Gaussians of entries from..(the chunk's end) and, when accumulating,
     * touches their contributions; returns that end.
     */
    private int gather(Projection p, TileBins bins, int from, int end, Contributions into) {
        int to = Math.min(end, (from & -CHUNK) + CHUNK);
        float[] pk = p.packed;
        long[] entries = bins.entries;
        long sink = 0;
        for (int e = from; e < to; e++) {
            int g = (int) entries[e];
            System.arraycopy(
                    pk,
                    g * Projection.STRIDE,
                    gathered,
                    (e & (CHUNK - 1)) * Projection.STRIDE,
                    Projection.STRIDE);
            if (into != null) sink += into.touch(g);
        }
        touchSink += sink;
        return to;
    }

    TileBlender(RowKernel kernel) {
        this.kernel = kernel;
    }

    /** Output buffers of a render; null fields are not produced. */
    static final class Outputs {
        float[] rgb, depth, alpha, objectWeight, objectDepth;
        float[] background;
        int[] objectStart, objectList;
        int objects;
    }

    /**
     * Blends tile {@code tile}. With {@code into} set it adds weights per pixel label ({@code
     * labels} of the view, negative = add nothing) to {@code into} by rank (see {@link
     * SceneConstants}), otherwise it writes {@code out}.
     */
    void blend(
            Projection p,
            TileBins bins,
            int tile,
            int width,
            int height,
            int[] labels,
            Contributions into,
            Outputs out) {
        int tx = tile % p.gridX, ty = tile / p.gridX;
        int u0 = tx * Projection.TILE, v0 = ty * Projection.TILE;
        int u1 = Math.min(width, u0 + Projection.TILE), v1 = Math.min(height, v0 + Projection.TILE);
        int tw = u1 - u0;
        int pixels = tw * (v1 - v0);
        int begin = bins.start[tile], end = bins.start[tile + 1];
        boolean accumulate = into != null;
        if (accumulate) {
            boolean any = false;
            for (int v = v0; v < v1; v++) {
                for (int u = u0; u < u1; u++) {
                    int l = labels[v * width + u];
                    pixelLabel[(v - v0) * tw + (u - u0)] = l;
                    if (l >= into.labels())
                        throw new IllegalArgumentException(
                                "label " + l + " at pixel " + u + "," + v);
                    any |= l >= 0;
                }
            }
            if (!any) return;
            for (int r = 0; r < v1 - v0; r++) {
                int one = MIXED;
                for (int k = r * tw; k < (r + 1) * tw; k++) {
                    int l = pixelLabel[k];
                    if (l < 0 || l == one) continue;
                    one = one == MIXED ? l : Integer.MIN_VALUE;
                }
                rowLabel[r] = one == Integer.MIN_VALUE ? MIXED : one;
            }
            scratch.startLabels(into.labels());
        }
        java.util.Arrays.fill(transmittance, 0, pixels, 1f);
        java.util.Arrays.fill(stoppedAt, 0, pixels, -1);
        int active = pixels;
        if (accumulate) {
            for (int q = 0; q < pixels; q++) {
                if (pixelLabel[q] < 0) {
                    stoppedAt[q] = UNLABELLED;
                    active--;
                }
            }
        }
        if (accumulate && active * SPARSE <= pixels) {
            blendSparse(p, bins, begin, end, u0, v0, u1, v1, tw, pixels, active, into);
            return;
        }
        scratch.evaluated = scratch.blended = 0;
        int[] openBits = scratch.openBits;
        int rows = v1 - v0;
        scratch.rowsOpen = 0;
        for (int r = 0; r < rows; r++) {
            int bits = 0;
            for (int c = 0; c < tw; c++) if (stoppedAt[r * tw + c] < 0) bits |= 1 << c;
            openBits[r] = bits;
            if (bits != 0) scratch.rowsOpen |= 1 << r;
        }
        blendEntries(p, bins, begin, end, u0, v0, tw, width, height, active, into, out);
        long listLength = end - begin, walkedHere = 0;
        for (int q = 0; q < pixels; q++) {
            if (stoppedAt[q] != UNLABELLED)
                walkedHere += stoppedAt[q] >= 0 ? stoppedAt[q] + 1 : listLength;
        }
        walked += walkedHere;
        evaluated += scratch.evaluated;
        blended += scratch.blended;
        if (!accumulate) finish(out, u0, v0, u1, v1, tw, width);
    }

    /**
     * The hot loop of {@link #blend}: the tile's entries front to back until every pixel has
     * stopped. A method of its own so the JIT compiles it apart from the tile's setup, whose rarely
     * taken branches would otherwise send the whole loop back to the interpreter.
     */
    private void blendEntries(
            Projection p,
            TileBins bins,
            int begin,
            int end,
            int u0,
            int v0,
            int tw,
            int width,
            int height,
            int active,
            Contributions into,
            Outputs out) {
        boolean accumulate = into != null;
        int[] rowBlended = scratch.rowBlended;
        float[] depthOut = accumulate ? null : out.depth;
        int u1 = u0 + tw - 1, v1 = Math.min(height, v0 + Projection.TILE) - 1;
        scratch.colour = !accumulate && out.rgb != null;
        if (scratch.colour) {
            int pixels = tw * (v1 - v0 + 1);
            java.util.Arrays.fill(scratch.red, 0, pixels, 0f);
            java.util.Arrays.fill(scratch.green, 0, pixels, 0f);
            java.util.Arrays.fill(scratch.blue, 0, pixels, 0f);
        }
        // Depth and object planes are summed pixel by pixel here; colour is the kernel's.
        boolean perPixel = accumulate || out.depth != null || out.objectStart != null;
        float[] pk = gathered;
        int[] order = p.order;
        int chunkEnd = begin;
        for (int e = begin; e < end && active > 0; e++) {
            if (e == chunkEnd) chunkEnd = gather(p, bins, e, end, into);
            int g = (int) bins.entries[e];
            int base = (e & (CHUNK - 1)) * Projection.STRIDE;
            float gx = pk[base + Projection.X], gy = pk[base + Projection.Y];
            float ex = pk[base + Projection.EXTENT_X], ey = pk[base + Projection.EXTENT_Y];
            int a0 = Math.max(u0, (int) Math.ceil(gx - ex)),
                    a1 = Math.min(u1, (int) Math.floor(gx + ex));
            int b0 = Math.max(v0, (int) Math.ceil(gy - ey)),
                    b1 = Math.min(v1, (int) Math.floor(gy + ey));
            if (a0 > a1 || b0 > b1) continue;
            int r0 = b0 - v0, r1 = b1 - v0;
            if ((scratch.rowsOpen & ((2 << r1) - (1 << r0))) == 0) continue;
            if (scratch.colour) {
                scratch.gaussianRed = pk[base + Projection.RED];
                scratch.gaussianGreen = pk[base + Projection.GREEN];
                scratch.gaussianBlue = pk[base + Projection.BLUE];
            }
            active -=
                    kernel.blendRows(
                            scratch,
                            tw,
                            u0,
                            v0,
                            r0,
                            r1,
                            a0 - u0,
                            a1 - u0,
                            gx,
                            gy,
                            pk[base + Projection.CONIC_A],
                            pk[base + Projection.CONIC_B],
                            pk[base + Projection.CONIC_C],
                            pk[base + Projection.OPACITY],
                            pk[base + Projection.POWER_MIN],
                            e - begin,
                            accumulate);
            if (!perPixel) continue;
            for (int rows = scratch.pixelRows; rows != 0; rows &= rows - 1) {
                int r = Integer.numberOfTrailingZeros(rows);
                for (int bits = rowBlended[r]; bits != 0; bits &= bits - 1) {
                    int c = Integer.numberOfTrailingZeros(bits);
                    float w = scratch.weights[r * Projection.TILE + c];
                    if (accumulate) {
                        scratch.addFixed(pixelLabel[r * tw + c], Contributions.toFixed(w));
                    } else {
                        shade(
                                out,
                                order[g],
                                w,
                                pk[base + Projection.DEPTH],
                                (v0 + r) * width + u0 + c,
                                width * height,
                                depthOut);
                    }
                }
            }
            addTouched(into, g);
        }
    }

    /** Adds the current Gaussian's sums per label to the contributions and clears them. */
    private void addTouched(Contributions into, int g) {
        long[] labelSum = scratch.labelSum;
        int[] touched = scratch.touched;
        for (int k = 0; k < scratch.touchedCount; k++) {
            int l = touched[k];
            into.addAtomic(l, g, labelSum[l]);
            labelSum[l] = 0;
        }
        scratch.touchedCount = 0;
    }

    /**
     * The accumulate loop of {@link #blend} over a list of the labelled pixels. Each pixel passes
     * the same tests with the same arithmetic as in the footprint loop (bounding box, the row's
     * span of the culling ellipse, then the blend), so the sums are identical; only the order in
     * which a Gaussian visits pixels differs, and pixels are independent.
     */
    private void blendSparse(
            Projection p,
            TileBins bins,
            int begin,
            int end,
            int u0,
            int v0,
            int u1,
            int v1,
            int tw,
            int pixels,
            int active,
            Contributions into) {
        int m = 0;
        for (int q = 0; q < pixels; q++) if (stoppedAt[q] < 0) activeList[m++] = q;
        scratch.evaluated = scratch.blended = 0;
        for (int e = begin; e < end && active > 0; e++) {
            int rank = (int) bins.entries[e];
            float[] pk = p.packed;
            int base = rank * Projection.STRIDE;
            float gx = pk[base + Projection.X], gy = pk[base + Projection.Y];
            float ex = pk[base + Projection.EXTENT_X], ey = pk[base + Projection.EXTENT_Y];
            int a0 = Math.max(u0, (int) Math.ceil(gx - ex)),
                    a1 = Math.min(u1 - 1, (int) Math.floor(gx + ex));
            int b0 = Math.max(v0, (int) Math.ceil(gy - ey)),
                    b1 = Math.min(v1 - 1, (int) Math.floor(gy + ey));
            if (a0 > a1 || b0 > b1) continue;
            float ca = pk[base + Projection.CONIC_A], cb = pk[base + Projection.CONIC_B];
            float cc = pk[base + Projection.CONIC_C], o = pk[base + Projection.OPACITY];
            float pmin = pk[base + Projection.POWER_MIN];
            double twoTau = -2.0 * pmin, det = (double) ca * cc - (double) cb * cb;
            boolean spans = det > 0 && ca > 0;
            for (int j = 0; j < m; j++) {
                int q = activeList[j];
                if (stoppedAt[q] >= 0) continue;
                int u = u0 + q % tw, v = v0 + q / tw;
                if (u < a0 || u > a1 || v < b0 || v > b1) continue;
                float dy = gy - v;
                if (spans) {
                    long span = ScalarRowKernel.span(gx, dy, ca, cb, twoTau, det);
                    if (u < ScalarRowKernel.first(span) || u > ScalarRowKernel.last(span)) continue;
                }
                scratch.evaluated++;
                float power = BlendRule.power(ca, cb, cc, gx - u, dy);
                float w = scratch.blend(q, BlendRule.alpha(o, power, pmin), e - begin);
                active -= scratch.takeStopped();
                if (w == 0f) continue;
                scratch.addFixed(pixelLabel[q], Contributions.toFixed(w));
            }
            addTouched(into, rank);
        }
        long listLength = end - begin, walkedHere = 0;
        for (int j = 0; j < m; j++) {
            int q = activeList[j];
            walkedHere += stoppedAt[q] >= 0 ? stoppedAt[q] + 1 : listLength;
        }
        walked += walkedHere;
        evaluated += scratch.evaluated;
        blended += scratch.blended;
    }

    private static void shade(
            Outputs out, int g, float w, float z, int pixel, int plane, float[] depthOut) {
        if (depthOut != null) depthOut[pixel] += z * w;
        if (out.objectStart != null) {
            for (int k = out.objectStart[g]; k < out.objectStart[g + 1]; k++) {
                int at = out.objectList[k] * plane + pixel;
                out.objectWeight[at] += w;
                out.objectDepth[at] += z * w;
            }
        }
    }

    private void finish(Outputs out, int u0, int v0, int u1, int v1, int tw, int width) {
        for (int v = v0; v < v1; v++) {
            for (int u = u0; u < u1; u++) {
                float t = transmittance[(v - v0) * tw + (u - u0)];
                int pixel = v * width + u;
                out.alpha[pixel] = 1f - t;
                if (out.rgb != null) {
                    int q = (v - v0) * tw + (u - u0);
                    out.rgb[3 * pixel] = scratch.red[q] + t * out.background[0];
                    out.rgb[3 * pixel + 1] = scratch.green[q] + t * out.background[1];
                    out.rgb[3 * pixel + 2] = scratch.blue[q] + t * out.background[2];
                }
                if (out.depth != null && t < 1f) out.depth[pixel] /= (1f - t);
            }
        }
    }
}
