package org.flashsplat.raster.cpu;

import java.util.stream.IntStream;
import org.flashsplat.scene.GaussianScene;

/**
 * What the projection needs of a scene that no camera changes, computed once per scene and kept by
 * the renderer, in the renderer's own order of the Gaussians: {@link SpatialOrder}'s, where
 * Gaussians near each other in space are near each other in memory. The blend reads each tile's
 * Gaussians front to back; in the file's order they lie anywhere in memory, and their records cost
 * a cache (and TLB) miss each. Every array here and in {@link Projection} is indexed by rank in
 * that order; {@link #order} maps a rank back to the scene's index, which is what leaves the
 * renderer (contributions, colours, objects). Ties in depth are still broken by the scene's index
 * (see {@link TileBins}), so the order changes no bit of any result.
 *
 * @param order the scene's index of each rank
 * @param rankOf the rank of each scene index (the inverse of {@code order})
 * @param x position x per rank, likewise {@code y}, {@code z} and {@code opacity}
 * @param cov3d per rank the upper triangle of Sigma, as six planes (see {@link
 *     Projection#covariances})
 * @param cullingTau per rank ln(255 o) + slack (see {@link Projection#cullingTau})
 */
record SceneConstants(
        int[] order,
        int[] rankOf,
        float[] x,
        float[] y,
        float[] z,
        float[] opacity,
        float[] cov3d,
        double[] cullingTau) {

    int count() {
        return order.length;
    }

    /** The constants of a scene in {@link SpatialOrder}. */
    static SceneConstants of(GaussianScene scene) {
        return of(scene, SpatialOrder.of(scene.x, scene.y, scene.z));
    }

    /** The constants of a scene in a given order (tests compare orders; none changes a bit). */
    static SceneConstants of(GaussianScene scene, int[] order) {
        int n = scene.count();
        if (order.length != n) throw new IllegalArgumentException("order of " + order.length);
        int[] rankOf = new int[n];
        for (int r = 0; r < n; r++) rankOf[order[r]] = r;
        float[] x = new float[n], y = new float[n], z = new float[n], opacity = new float[n];
        // in the scene's order, written to each rank: reads in sequence, writes scattered (they do
        // not wait for memory the way scattered reads do)
        IntStream.range(0, (n + 8191) / 8192)
                .parallel()
                .forEach(
                        c -> {
                            for (int i = c * 8192; i < Math.min(n, c * 8192 + 8192); i++) {
                                int r = rankOf[i];
                                x[r] = scene.x[i];
                                y[r] = scene.y[i];
                                z[r] = scene.z[i];
                                opacity[r] = scene.opacity[i];
                            }
                        });
        return new SceneConstants(
                order,
                rankOf,
                x,
                y,
                z,
                opacity,
                Projection.covariances(scene, rankOf),
                Projection.cullingTau(opacity));
    }

    /** The identity order 0..n-1. */
    static int[] identity(int n) {
        return IntStream.range(0, n).toArray();
    }
}
