package org.flashsplat.studio.preview;

import java.util.function.LongSupplier;
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
    /**
     * Gaussians drawn while the camera moves. At preview sizes the moving frame's cost is mostly
     * per Gaussian (projection, binning, walking the tile lists), so this, more than the
     * resolution, sets the frame rate.
     */
    public static final int MOVING_GAUSSIANS = 150_000;

    /** The moving frame time the resolution adapts towards: 20 fps, leaving room for 15. */
    static final double TARGET_MILLIS = 50;

    /** Resolution factors while moving: the first frame's, and the range it adapts within. */
    static final double START_SCALE = 0.5, MIN_SCALE = 0.3, MAX_SCALE = 1;

    /** Largest change of the resolution factor from one frame to the next. */
    static final double MAX_STEP = 1.25;

    private final GaussianBudget moving;
    private final LongSupplier nanos;
    private double lowScale = START_SCALE;

    /** The scene the last moving frame drew; a new one means per-scene work in that frame. */
    private GaussianScene lastMoving;

    private PreviewStyle builtFor;
    private PreviewStyle.Arrays built;
    private PreviewStyle.Arrays remappedFrom;
    private GaussianScene remappedFor;
    private PreviewStyle.Arrays remapped;

    public PreviewFrames() {
        this(MOVING_GAUSSIANS);
    }

    /** A pipeline that draws {@code movingBudget} Gaussians while moving (benchmarks compare). */
    public PreviewFrames(int movingBudget) {
        this(movingBudget, System::nanoTime);
    }

    /** {@code nanos}: the clock frame times are read from (tests give their own). */
    PreviewFrames(int movingBudget, LongSupplier nanos) {
        this.moving = new GaussianBudget(movingBudget);
        this.nanos = nanos;
    }

    /** The resolution factor the next moving frame uses. */
    public double lowScale() {
        return lowScale;
    }

    public PreviewRenderer.Image render(Renderer renderer, PreviewRenderer.Request r) {
        long t0 = nanos.getAsLong();
        Camera full = r.camera();
        Camera cam = full;
        if (r.interactive()) {
            int w = Math.max(16, (int) (full.width() * lowScale));
            int h = Math.max(16, (int) (full.height() * lowScale));
            cam = full.resized(w, h);
        }
        PreviewStyle.Arrays a = arrays(r.style());
        GaussianScene scene = r.scene();
        boolean perScene = false;
        if (r.interactive()) {
            scene = moving.scene(r.scene());
            a = remapped(r.scene(), scene, a);
            perScene = scene != lastMoving;
            lastMoving = scene;
        }
        RenderRequest req =
                new RenderRequest(true, false, null, a.tint(), 0.55f, a.hidden(), r.background());
        Frame f = renderer.render(scene, cam, req);
        int[] argb = toArgb(f);
        renderer.recycle(f);
        double ms = (nanos.getAsLong() - t0) / 1e6;
        // A frame that built the scene's subset (and the renderer's per-scene caches) says
        // nothing about the next ones: adapting to it would drop the resolution for a whole drag.
        if (r.interactive() && !perScene) adapt(ms);
        return new PreviewRenderer.Image(f.width(), f.height(), argb, ms, r.interactive(), r);
    }

    /**
     * Builds what the first moving frame of {@code r}'s scene needs: its subset (a sort of the
     * whole scene) and the style's arrays for it. The preview thread calls it while idle after a
     * full frame, so that the first drag on a large scene does not wait for it. Nothing to do when
     * it is built already.
     */
    public void prepareMoving(PreviewRenderer.Request r) {
        GaussianScene sub = moving.scene(r.scene());
        remapped(r.scene(), sub, arrays(r.style()));
        // What is left for the first moving frame (the subset's covariances) is small: its time
        // may set the resolution.
        lastMoving = sub;
    }

    /**
     * Moves the resolution factor towards {@link #TARGET_MILLIS}; frame time grows about with the
     * pixel count, i.e. the square of the factor. Steps are bounded so that one slow frame (a
     * collection, another program) does not swing the picture.
     */
    private void adapt(double millis) {
        double step = Math.sqrt(TARGET_MILLIS / Math.max(1e-3, millis));
        step = Math.max(1 / MAX_STEP, Math.min(MAX_STEP, step));
        lowScale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, lowScale * step));
    }

    private PreviewStyle.Arrays arrays(PreviewStyle s) {
        if (s == null) return new PreviewStyle.Arrays(null, null);
        if (s != builtFor) {
            built = s.build();
            builtFor = s;
        }
        return built;
    }

    /**
     * The style's arrays for the moving subset, remapped once per (style, subset), not per frame.
     */
    private PreviewStyle.Arrays remapped(
            GaussianScene full, GaussianScene sub, PreviewStyle.Arrays a) {
        if (sub == full || (a.tint() == null && a.hidden() == null)) return a;
        if (a != remappedFrom || sub != remappedFor) {
            remapped =
                    new PreviewStyle.Arrays(
                            moving.remap(full, a.tint(), 3), moving.remap(full, a.hidden()));
            remappedFrom = a;
            remappedFor = sub;
        }
        return remapped;
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
