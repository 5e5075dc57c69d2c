package org.flashsplat.raster;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.scene.GaussianScene;

/**
 * The 3DGS forward pass (DESIGN.md section 2). Two implementations, CPU and CUDA; nothing outside
 * this package and {@link Renderers} knows which one runs. A renderer may keep per-scene state (a
 * GPU copy of the scene), so callers keep one open while they work on one scene and close it
 * afterwards.
 */
public interface Renderer extends AutoCloseable {
    /** What runs, for the user: "CPU, 2 threads" or "CUDA, NVIDIA H100 80GB HBM3". */
    String description();

    /**
     * Which backend computes: {@code "cpu"} or {@code "cuda"}. Part of the contributions cache key
     * (see {@link org.flashsplat.project.InputFingerprint}).
     */
    String kind();

    /**
     * Adds, for every view and every pixel with a label l >= 0, each blended Gaussian's weight
     * alpha*T into {@code into[l, i]}. Pixels labelled negative take part in blending but add
     * nothing, so a caller can limit the work to a region (tiles holding no label >= 0 are
     * skipped). Labels >= {@code into.labels()} are an error.
     */
    AccumulateStats accumulate(
            GaussianScene scene,
            List<Camera> cameras,
            MaskProvider masks,
            Contributions into,
            Progress progress);

    /** Renders the buffers {@code request} asks for, from one camera. */
    Frame render(GaussianScene scene, Camera camera, RenderRequest request);

    /**
     * Says the caller is done with {@code frame}, one of this renderer's: its arrays may be reused
     * for a later frame, so the caller must not read it afterwards. A frame loop (the preview)
     * hands each frame back once it has its pixels, and is spared allocating and zeroing megabytes
     * per frame. Doing nothing is correct.
     */
    default void recycle(Frame frame) {}

    /**
     * Where the last {@link #render} spent its time, phase name to milliseconds in pipeline order,
     * for benchmarks; empty where the backend does not say.
     */
    default java.util.Map<String, Double> lastRenderMillis() {
        return java.util.Map.of();
    }

    @Override
    void close();
}
