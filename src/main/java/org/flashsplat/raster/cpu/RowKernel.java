package org.flashsplat.raster.cpu;

/**
 * Blends one Gaussian into the rows of one tile it covers: the inner loop of the forward pass. Two
 * implementations give the same weights and transmittance bits (see {@link BlendRule}): {@link
 * ScalarRowKernel}, and {@code VectorRowKernel} with the JDK's Vector API where the {@code
 * jdk.incubator.vector} module is present. {@link RowKernels} picks one; nothing else knows which
 * runs.
 */
interface RowKernel {
    /**
     * Blends the Gaussian into tile rows r0..r1, columns c0..c1 (its bounding box in the tile),
     * only at pixels whose bit is set in {@code s.openBits}. With {@code sumFixed}, for rows of one
     * label ({@code s.rowLabel}) it adds the sum of the blended pixels' {@code
     * Contributions.toFixed} to {@code s.labelSum} ({@link TileScratch#addFixed}); every other row
     * where it blended gets its bit in {@code s.pixelRows}, the columns it blended in {@code
     * s.rowBlended[r]} and their weights in {@code s.weights[r * TILE + c]}. With {@code s.colour}
     * set it also adds weight times the Gaussian's colour to the tile's colour planes ({@code
     * s.red} ..). A pixel that stops gets {@code listPos} in {@code s.stoppedAt} and leaves the
     * open bits. Pixel (r, c) has index {@code r * tw + c} in the tile's arrays and image
     * coordinates (u0 + c, v0 + r).
     *
     * <p>Which pixels a kernel evaluates (and counts in {@code s.evaluated}) is its own choice: the
     * scalar kernel first narrows each row to the span of the culling ellipse, the vector kernel
     * evaluates the whole box row at once. The tests of {@link BlendRule} decide which pixels
     * blend, so the weights are the same bits either way.
     *
     * @return the number of pixels that stopped
     */
    int blendRows(
            TileScratch s,
            int tw,
            int u0,
            int v0,
            int r0,
            int r1,
            int c0,
            int c1,
            float gx,
            float gy,
            float ca,
            float cb,
            float cc,
            float opacity,
            float powerMin,
            int listPos,
            boolean sumFixed);

    /** Says which kernel it is, for descriptions and benchmarks. */
    String description();
}
