package org.flashsplat.raster.cuda;

import java.lang.ref.WeakReference;
import java.util.function.Consumer;
import org.flashsplat.scene.GaussianScene;

/**
 * Which scene the device holds: a scene is uploaded when a different scene object comes in, and
 * only then (scenes are immutable once loaded, so identity is their version). Weak, so a closed
 * project's scene can be collected while the backend lives on. Used on the CUDA thread only.
 */
final class SceneSlot {
    private final Consumer<GaussianScene> upload;
    private WeakReference<GaussianScene> loaded = new WeakReference<>(null);
    private int uploads;

    SceneSlot(Consumer<GaussianScene> upload) {
        this.upload = upload;
    }

    /** Makes {@code s} the scene on the device; uploads it unless it is there already. */
    void use(GaussianScene s) {
        if (loaded.get() == s) return;
        loaded = new WeakReference<>(null); // a failed upload leaves no scene claimed
        upload.accept(s);
        uploads++;
        loaded = new WeakReference<>(s);
    }

    /** How many uploads so far. */
    int uploads() {
        return uploads;
    }
}
