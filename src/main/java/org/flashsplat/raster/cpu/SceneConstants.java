package org.flashsplat.raster.cpu;

import org.flashsplat.scene.GaussianScene;

/**
 * What the projection needs of a scene that no camera changes: the 3D covariances and the culling
 * tau of each Gaussian. Computed once per scene and kept by the renderer.
 *
 * @param cov3d per Gaussian the upper triangle of Sigma, as six planes (see {@link
 *     Projection#covariances})
 * @param cullingTau per Gaussian ln(255 o) + slack (see {@link Projection#cullingTau})
 */
record SceneConstants(float[] cov3d, double[] cullingTau) {
    static SceneConstants of(GaussianScene scene) {
        return new SceneConstants(
                Projection.covariances(scene), Projection.cullingTau(scene.opacity));
    }
}
