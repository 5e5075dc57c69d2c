package org.flashsplat.studio.preview;

import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.GaussianBudget;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * Turns one preview request into pixels: the pipeline the preview thread runs, kept apart from the
 * thread so that benchmarks and tests run exactly what the studio runs. A moving request is drawn
 * at reduced resolution with the scene's most important Gaussians; a request at rest is the full
 * scene at full resolution. Keeps per-scene state (the budget subset, the style's arrays), so one
 * instance serves one render thread; not safe for concurrent calls.
 */
public final class PreviewFrames {
    static final int MOVING_GAUSSIANS = 250_000;

    /**
     * While the camera moves, large scenes are drawn with their most important Gaussians only (the
     * per-Gaussian work, projection and colour, scales with the count); at rest, all of them.
     */
    private final GaussianBudget moving = new GaussianBudget(MOVING_GAUSSIANS);

    private double lowScale = 0.5;
    private PreviewStyle builtFor;
    private PreviewStyle.Arrays built;

    /** The resolution factor the next moving frame uses. */
    public double lowScale() {
        return lowScale;
    }

    public PreviewRenderer.Image render(Renderer renderer, PreviewRenderer.Request r) {
        long t0 = System.nanoTime();
        Camera full = r.camera();
        Camera cam = full;
        if (r.interactive()) {
            int w = Math.max(16, (int) (full.width() * lowScale));
            int h = Math.max(16, (int) (full.height() * lowScale));
            cam = full.resized(w, h);
        }
        PreviewStyle.Arrays a = arrays(r.style());
        GaussianScene scene = r.scene();
        float[] tint = a.tint();
        boolean[] hidden = a.hidden();
        if (r.interactive()) {
            scene = moving.scene(r.scene());
            tint = moving.remap(r.scene(), tint, 3);
            hidden = moving.remap(r.scene(), hidden);
        }
        RenderRequest req =
                new RenderRequest(true, false, null, tint, 0.55f, hidden, r.background());
        Frame f = renderer.render(scene, cam, req);
        int[] argb = toArgb(f);
        double ms = (System.nanoTime() - t0) / 1e6;
        // Keep moving frames near 10 per second whatever the scene size.
        if (r.interactive()) lowScale = Math.max(0.2, Math.min(1, lowScale * Math.sqrt(90 / ms)));
        return new PreviewRenderer.Image(f.width(), f.height(), argb, ms, r.interactive(), r);
    }

    private PreviewStyle.Arrays arrays(PreviewStyle s) {
        if (s == null) return new PreviewStyle.Arrays(null, null);
        if (s != builtFor) {
            built = s.build();
            builtFor = s;
        }
        return built;
    }

    static int[] toArgb(Frame f) {
        int n = f.width() * f.height();
        int[] out = new int[n];
        float[] rgb = f.rgb();
        for (int p = 0; p < n; p++) {
            int r = clamp(rgb[3 * p]), g = clamp(rgb[3 * p + 1]), b = clamp(rgb[3 * p + 2]);
            out[p] = 0xff000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    private static int clamp(float v) {
        return v <= 0 ? 0 : v >= 1 ? 255 : (int) (v * 255 + 0.5f);
    }
}
