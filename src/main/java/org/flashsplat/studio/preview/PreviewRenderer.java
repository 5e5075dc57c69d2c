package org.flashsplat.studio.preview;

import java.util.function.Supplier;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.GaussianBudget;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * The preview's render thread. Requests replace each other (latest wins), so a burst of mouse
 * events costs one render, never one per event. While the user moves the camera it renders at
 * reduced resolution; once no new request has come for {@link #SETTLE_MILLIS} it renders the same
 * view again at full resolution. It owns its renderer: the CPU renderer is not safe for concurrent
 * calls, so accumulate and view renders use other instances.
 */
public final class PreviewRenderer implements AutoCloseable {
    static final long SETTLE_MILLIS = 150;
    private static final System.Logger LOG = System.getLogger("org.flashsplat.studio.preview");

    /** One thing to draw. {@code interactive}: the camera is moving, favour speed. */
    public record Request(
            GaussianScene scene,
            Camera camera,
            PreviewStyle style,
            boolean interactive,
            float[] background) {}

    /** A finished frame, ARGB pixels. */
    public record Image(
            int width,
            int height,
            int[] argb,
            double millis,
            boolean interactive,
            Request request) {}

    private final Supplier<Renderer> factory;
    private final java.util.function.Consumer<Image> sink;
    private final Object lock = new Object();
    private final Thread thread;
    private Request latest;
    private volatile boolean closed;
    private volatile double lowScale = 0.5;

    /**
     * While the camera moves, large scenes are drawn with their most important Gaussians only (the
     * per-Gaussian work, projection and colour, scales with the count); at rest, all of them.
     */
    private final GaussianBudget moving = new GaussianBudget(MOVING_GAUSSIANS);

    static final int MOVING_GAUSSIANS = 250_000;

    private PreviewStyle builtFor;
    private PreviewStyle.Arrays built;

    public PreviewRenderer(Supplier<Renderer> factory, java.util.function.Consumer<Image> sink) {
        this.factory = factory;
        this.sink = sink;
        this.thread = new Thread(this::loop, "preview-render");
        thread.setDaemon(true);
        thread.start();
    }

    public void submit(Request r) {
        synchronized (lock) {
            latest = r;
            lock.notifyAll();
        }
    }

    private Request take(long waitMillis) throws InterruptedException {
        synchronized (lock) {
            long until = System.currentTimeMillis() + waitMillis;
            while (latest == null && !closed) {
                long left = waitMillis <= 0 ? 0 : until - System.currentTimeMillis();
                if (waitMillis > 0 && left <= 0) return null;
                lock.wait(Math.max(0, left));
            }
            Request r = latest;
            latest = null;
            return r;
        }
    }

    private void loop() {
        try (Renderer renderer = factory.get()) {
            while (!closed) {
                Request r = take(0);
                if (r == null) continue;
                if (!renderSafely(renderer, r)) continue;
                if (r.interactive()) {
                    Request next = take(SETTLE_MILLIS);
                    if (next != null) submit(next);
                    else renderSafely(renderer, withFull(r));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "preview renderer could not start", e);
        }
    }

    /** One bad frame (e.g. a scene being replaced) must not end the preview. */
    private boolean renderSafely(Renderer renderer, Request r) {
        try {
            sink.accept(render(renderer, r));
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "preview frame failed", e);
            return false;
        }
    }

    /** Renders one request on the caller's thread (benchmarks, thumbnails, view pictures). */
    public static Image renderOnce(Renderer renderer, Request r) {
        return new PreviewRenderer(renderer).render(renderer, r);
    }

    /** A renderer-less instance for {@link #renderOnce}: no thread, no sink. */
    private PreviewRenderer(Renderer unused) {
        this.factory = null;
        this.sink = null;
        this.thread = null;
    }

    private static Request withFull(Request r) {
        return new Request(r.scene(), r.camera(), r.style(), false, r.background());
    }

    Image render(Renderer renderer, Request r) {
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
        return new Image(f.width(), f.height(), argb, ms, r.interactive(), r);
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

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
