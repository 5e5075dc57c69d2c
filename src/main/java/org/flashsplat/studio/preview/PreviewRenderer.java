package org.flashsplat.studio.preview;

import java.util.function.Supplier;
import org.flashsplat.camera.Camera;
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
    private final PreviewFrames frames = new PreviewFrames();

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
                } else if (!pending()) {
                    prepareSafely(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "preview renderer could not start", e);
        }
    }

    private boolean pending() {
        synchronized (lock) {
            return latest != null;
        }
    }

    /** Idle after a full frame: get the next drag's subset ready (see PreviewFrames). */
    private void prepareSafely(Request r) {
        try {
            frames.prepareMoving(r);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "preview could not prepare moving frames", e);
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

    /**
     * Renders one request on the caller's thread (thumbnails, view pictures): a fresh pipeline, so
     * nothing is kept from call to call. Callers that render many frames keep a {@link
     * PreviewFrames}.
     */
    public static Image renderOnce(Renderer renderer, Request r) {
        return new PreviewFrames().render(renderer, r);
    }

    private static Request withFull(Request r) {
        return new Request(r.scene(), r.camera(), r.style(), false, r.background());
    }

    Image render(Renderer renderer, Request r) {
        return frames.render(renderer, r);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
