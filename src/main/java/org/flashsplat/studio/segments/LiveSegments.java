package org.flashsplat.studio.segments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flashsplat.camera.Camera;
import org.flashsplat.correct.CorrectionSession;
import org.flashsplat.correct.MaskEdit;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.PixelDiff;
import org.flashsplat.studio.model.ViewItem;

/**
 * Keeps the segments in step with mask edits after accumulate: each committed edit (stroke, fill,
 * import, replace, undo, redo) becomes a {@link MaskEdit} that re-lifts exactly the pixels it
 * changed into the contributions and re-assigns. One worker thread owns the {@link
 * CorrectionSession}, its own renderer and its own copies of the masks (the studio's masks change
 * on the UI thread while a stroke is drawn); edits queue in order and a burst is applied as one
 * batch. An edit the session cannot follow (a view that had no mask at accumulate gains one) or any
 * failure marks the segments stale until accumulate runs again.
 */
public final class LiveSegments implements AutoCloseable {
    private final StudioViewModel studio;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "segments-update");
                        t.setDaemon(true);
                        return t;
                    });
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // UI thread: which session edits go to (0 = none); views that had a mask when it began.
    private int generation;
    private boolean[] tracked;
    private long edits; // every committed edit of any view, to notice edits during accumulate
    // Worker thread only.
    private CorrectionSession session;
    private int sessionGeneration;
    private Renderer renderer;
    private volatile long publishedNanos;

    private record Item(int generation, MaskEdit edit, AssignmentParams params, long nanos) {}

    private record Start(
            int generation,
            GaussianScene scene,
            List<Camera> cameras,
            List<LabelMask> masks,
            ContributionTable contributions,
            AssignmentParams params) {}

    public LiveSegments(StudioViewModel studio) {
        this.studio = studio;
    }

    /** Listens to the edits of a newly opened project's views (UI thread). */
    public void attach(List<ViewItem> views) {
        stop();
        for (ViewItem v : views) v.mask().onEdit(d -> edited(v, d));
    }

    /** How many edits were committed so far (UI thread). */
    public long edits() {
        return edits;
    }

    /**
     * Starts following edits from the contributions an accumulate just made (UI thread). {@code
     * masks} holds, per view, the copy of the mask the contributions were accumulated from (null
     * for views without a mask); the session takes them over.
     */
    public void start(
            GaussianScene scene, List<ViewItem> views, List<LabelMask> masks, ContributionTable c) {
        generation++;
        tracked = new boolean[views.size()];
        List<Camera> cams = new ArrayList<>();
        for (ViewItem v : views) {
            cams.add(v.camera());
            tracked[v.index()] = masks.get(v.index()) != null;
        }
        Start s = new Start(generation, scene, cams, masks, c, studio.segments().params());
        worker.execute(() -> open(s));
    }

    /** Stops following edits (a new project, or the segments cleared). */
    public void stop() {
        generation++;
        tracked = null;
        worker.execute(() -> session = null);
    }

    /** The segments no longer describe the masks: stop, and tell the user. */
    public void markStale(String why) {
        stop();
        studio.segments().staleProperty().set(true);
        if (why != null) studio.statusProperty().set(why);
    }

    private void edited(ViewItem v, PixelDiff d) {
        edits++;
        if (tracked == null) return;
        // A view without a mask at accumulate gains one, or undo takes a view back to no mask
        // (accumulate would then skip it): the session cannot follow either.
        if (!tracked[v.index()] || !v.mask().hasMask()) {
            markStale(null);
            return;
        }
        queue.add(
                new Item(
                        generation,
                        new MaskEdit(d.name(), v.index(), d.index(), d.before(), d.after()),
                        studio.segments().params(),
                        System.nanoTime()));
        if (scheduled.compareAndSet(false, true)) worker.execute(this::drain);
    }

    private void open(Start s) {
        try {
            if (renderer == null)
                renderer = Renderers.open(studio.backend, org.flashsplat.core.Progress.NONE);
            session =
                    CorrectionSession.of(
                            renderer,
                            s.scene,
                            s.cameras,
                            s.masks,
                            s.contributions.toContributions(s.contributions.labels()),
                            s.params);
            sessionGeneration = s.generation;
        } catch (RuntimeException | OutOfMemoryError e) {
            session = null;
            int g = s.generation;
            studio.ui.execute(
                    () -> {
                        if (g == generation) {
                            markStale(null);
                            studio.reportError("Updating the segments", e);
                        }
                    });
        }
    }

    private void drain() {
        scheduled.set(false);
        List<MaskEdit> batch = new ArrayList<>();
        Item last = null;
        for (Item it; (it = queue.poll()) != null; ) {
            if (session == null || it.generation != sessionGeneration) continue;
            batch.add(it.edit);
            last = it;
        }
        if (batch.isEmpty()) return;
        CorrectionSession s = session;
        int g = sessionGeneration;
        long since = last.nanos;
        try {
            if (!last.params.equals(s.params())) s.setParams(last.params);
            CorrectionSession.Update u = s.applyAll(batch);
            ContributionTable now = s.table();
            AssignmentParams used = s.params();
            studio.ui.execute(
                    () -> {
                        if (g != generation) return;
                        studio.segments().publish(now, u.segmentation(), used, u.assignMillis());
                        publishedNanos = System.nanoTime() - since;
                    });
        } catch (RuntimeException | OutOfMemoryError e) {
            session = null;
            studio.ui.execute(
                    () -> {
                        if (g != generation) return;
                        markStale(null);
                        studio.reportError("Updating the segments", e);
                    });
        }
    }

    /**
     * Runs {@code onUi} on the UI thread once every edit committed so far has reached the segments
     * (UI thread): the published segmentation is then the exact re-lift of the masks as they are.
     * Without a session following edits it runs as soon as the worker is free.
     */
    public void afterPendingEdits(Runnable onUi) {
        worker.execute(
                () -> {
                    drain(); // an update queued before this call publishes before onUi runs
                    studio.ui.execute(onUi);
                });
    }

    /** Nanoseconds from the newest edit of the last published update to its publication. */
    long lastLatencyNanos() {
        return publishedNanos;
    }

    @Override
    public void close() {
        worker.execute(
                () -> {
                    session = null;
                    if (renderer != null) renderer.close();
                    renderer = null;
                });
        worker.shutdown();
    }
}
