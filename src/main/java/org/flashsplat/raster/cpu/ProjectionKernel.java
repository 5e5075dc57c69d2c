package org.flashsplat.raster.cpu;

import org.flashsplat.camera.Camera;

/**
 * Projects the Gaussians of ranks from..to-1 (see {@link SceneConstants}) into a {@link
 * Projection}'s arrays for one camera. Two implementations store the same bits: {@link
 * ScalarProjection}, the reference, and {@code VectorProjection} with the JDK's Vector API where
 * the {@code jdk.incubator.vector} module is present. {@link ProjectionKernels} picks one; nothing
 * else knows which runs.
 */
interface ProjectionKernel {
    /**
     * For each rank i in from..to-1 ({@code hidden} is by rank, or null): {@code rectX0[i] =
     * rectX1[i] = 0}, and where it survives the reference's tests its packed record and tile
     * rectangle (see {@link Projection#keep}). Records and rows of the others are left as they
     * were. Concurrent calls on disjoint ranges are safe.
     */
    void project(Projection p, SceneConstants k, Camera cam, boolean[] hidden, int from, int to);

    /** For logs, e.g. "8-lane vectors" or "scalar". */
    String description();
}
