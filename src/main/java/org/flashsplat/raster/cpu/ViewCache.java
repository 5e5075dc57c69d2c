package org.flashsplat.raster.cpu;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import org.flashsplat.camera.Camera;
import org.flashsplat.scene.GaussianScene;

/**
 * Remembers which (scene, camera) the renderer's projection and tile bins were last built for, so
 * that consecutive passes over one view skip the per-view preprocess (projection and binning of
 * every Gaussian). That is the common case of the correction loop: a brush stroke re-accumulates a
 * few tiles of the view on screen, then the view's mask is rendered again, then the next stroke
 * comes, all from the same camera.
 *
 * <p>Scenes are compared by identity, as the covariance cache already does (scenes are not changed
 * in place). Cameras are compared by value against a private copy, because {@link Camera} exposes
 * its arrays and record equality would only compare them by identity. Renders that hide Gaussians
 * are never cached: the hidden array is the caller's and may change between calls.
 */
final class ViewCache {
    private WeakReference<GaussianScene> scene = new WeakReference<>(null);
    private Camera camera;
    private double[] rotation, translation;

    /** Preprocesses actually run; tests read it to see that the cache is used. */
    long misses;

    boolean holds(GaussianScene s, Camera c) {
        if (camera == null || scene.get() != s) return false;
        return c.width() == camera.width()
                && c.height() == camera.height()
                && c.fx() == camera.fx()
                && c.fy() == camera.fy()
                && Arrays.equals(c.rotation(), rotation)
                && Arrays.equals(c.translation(), translation);
    }

    void remember(GaussianScene s, Camera c) {
        scene = new WeakReference<>(s);
        camera = c;
        rotation = c.rotation().clone();
        translation = c.translation().clone();
    }

    /** Called before the buffers are overwritten, so a failed preprocess never looks cached. */
    void clear() {
        camera = null;
        rotation = translation = null;
        scene = new WeakReference<>(null);
        misses++;
    }
}
