package org.flashsplat.raster.cpu;

/**
 * Blends one Gaussian into a span of one tile row: the inner loop of the forward pass. Two
 * implementations give the same bits (see {@link BlendRule}): {@link ScalarRowKernel}, and {@code
 * VectorRowKernel} with the JDK's Vector API where the {@code jdk.incubator.vector} module is
 * present. {@link RowKernels} picks one; nothing else knows which runs.
 */
interface RowKernel {
    /**
     * Blends pixels u = ra..rb (at most one tile row) of the row whose pixel u has index {@code
     * rowBase + u} in {@code s}. Pixels with {@code stoppedAt >= 0} are skipped; the others are
     * counted as evaluated and, where they blend, get their weight in {@code s.weights[u - ra]}.
     *
     * @param gx the Gaussian's centre column; dx = gx - u
     * @param dy the Gaussian's centre row minus the row
     * @param listPos position of the Gaussian in the tile's list, recorded where a pixel stops
     * @param sumFixed also leave the sum of {@code Contributions.toFixed} of the weights in {@code
     *     s.fixedSum} (for a row whose pixels share one label)
     * @return bit (u - ra) set for each pixel that blended
     */
    int row(
            TileScratch s,
            int rowBase,
            int ra,
            int rb,
            float gx,
            float dy,
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
