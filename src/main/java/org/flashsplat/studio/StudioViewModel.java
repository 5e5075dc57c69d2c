package org.flashsplat.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flashsplat.core.CancelledException;
import org.flashsplat.core.InputException;
import org.flashsplat.core.MemoryBudget;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.association.AssociationViewModel;
import org.flashsplat.studio.editing.EditingViewModel;
import org.flashsplat.studio.io.ProjectLoader;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.jobs.Jobs;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ObjectSelection;
import org.flashsplat.studio.model.Pictures;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.preview.PreviewRenderer;
import org.flashsplat.studio.preview.PreviewViewModel;
import org.flashsplat.studio.project.ProjectSession;
import org.flashsplat.studio.project.RecentFiles;
import org.flashsplat.studio.sam.PropagationViewModel;
import org.flashsplat.studio.sam.SamToolViewModel;
import org.flashsplat.studio.segments.LiveSegments;
import org.flashsplat.studio.segments.SegmentsViewModel;
import org.flashsplat.studio.views.NovelViews;
import org.flashsplat.studio.views.ViewRanking;

/**
 * The studio's state: the open project, its views, the drawing tool, the segmentation and the
 * preview, plus the one background job (open, accumulate, export) at a time. Work that can take
 * more than a few milliseconds runs on its own threads; results come back through {@code ui}. Mask
 * editing is in {@link EditingViewModel}, jobs in {@link Jobs}.
 */
public final class StudioViewModel implements AutoCloseable {
    public final Executor ui;
    final ExecutorService assignWorker = daemon("assign");
    final ExecutorService viewWorker = daemon("view-render");
    public final ExecutorService jobWorker = daemon("job");
    final ExecutorService thumbWorker = daemon("thumbnails");
    private Renderer thumbRenderer;
    public final Renderers.Backend backend;
    private Renderer viewRenderer;

    private final ObjectProperty<StudioProject> project = new SimpleObjectProperty<>();
    private final ObservableList<ViewItem> views = FXCollections.observableArrayList();
    private final ObjectProperty<ViewItem> current = new SimpleObjectProperty<>();
    private final DoubleProperty overlayOpacity = new SimpleDoubleProperty(0.55);
    private final BooleanProperty showNovel = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Ready");
    private final StringProperty backendText = new SimpleStringProperty("");
    private final StringProperty gpuMemory = new SimpleStringProperty("");
    // The GPU memory sample of the process's CUDA backend (null without one); tests replace it.
    java.util.function.Supplier<org.flashsplat.raster.DeviceMemory> deviceMemory =
            Renderers::deviceMemory;
    private final IntegerProperty projectRevision = new SimpleIntegerProperty();
    private final AtomicInteger novelTicket = new AtomicInteger();
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>();

    /** Something the user must not miss (an error, a finished job), shown without blocking. */
    public record Notice(boolean error, String text) {}

    private final SegmentsViewModel segments;
    private final PreviewViewModel preview;
    private final org.flashsplat.studio.preview.SelectionViewModel selection;
    private final org.flashsplat.studio.segments.CleanupViewModel cleanup;
    private final EditingViewModel editing;
    private final Jobs jobs;
    public final LiveSegments live = new LiveSegments(this);
    private final ViewRanking ranking;
    private final RecentFiles recent;
    private final ProjectSession session;
    private final AssociationViewModel association;
    private final PropagationViewModel propagation;

    public StudioViewModel(Executor ui, Renderers.Backend backend, RecentFiles recent) {
        this.ui = ui;
        this.backend = backend;
        this.recent = recent;
        this.segments = new SegmentsViewModel(ui, assignWorker);
        segments.onError(this::reportError);
        this.preview =
                new PreviewViewModel(
                        ui,
                        segments,
                        () -> Renderers.open(backend, org.flashsplat.core.Progress.NONE));
        this.selection =
                new org.flashsplat.studio.preview.SelectionViewModel(ui, preview, segments);
        this.cleanup = new org.flashsplat.studio.segments.CleanupViewModel(ui, segments);
        preview.floaterMarksProperty().bind(cleanup.floatersProperty()); // tried, not applied
        this.editing = new EditingViewModel(this);
        this.jobs = new Jobs(this);
        this.ranking = new ViewRanking(this);
        this.association = new AssociationViewModel(this); // before the session, which follows it
        this.session = new ProjectSession(this);
        this.propagation = new PropagationViewModel(this, SamToolViewModel.cacheFolder());
        jobs.runningProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now) return;
                            refreshGpuMemory();
                            // After the job's own last step (its result shown, or its error).
                            Notice before = notice.get();
                            ui.execute(
                                    () -> {
                                        if (notice.get() == before
                                                && !status.get().endsWith("cancelled"))
                                            notice.set(new Notice(false, status.get()));
                                    });
                        });
        segments.segmentationProperty().addListener(o -> refreshNovel());
        segments.tauProperty().addListener(o -> refreshNovel());
        current.addListener(o -> refreshNovel());
        current.addListener(
                (o, was, now) -> {
                    if (was != null) was.pictureProperty().set(null); // only one full picture
                    if (now != null) {
                        StudioProject p = project.get();
                        viewWorker.execute(() -> loadPicture(p, now));
                    }
                });
    }

    /**
     * One worker thread. Work that arrives after {@link #close} (a late result from the segments, a
     * view picked while the window goes) is dropped, not an error: the studio is gone.
     */
    private static ExecutorService daemon(String name) {
        return new java.util.concurrent.ThreadPoolExecutor(
                1,
                1,
                0,
                java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                },
                new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
    }

    /**
     * Opens inputs in the background; the current project stays until the new one is read, and one
     * with unsaved changes asks first. A masks folder alone, with a scene open, imports its masks
     * into every view instead.
     */
    public void open(List<Path> paths) {
        if (paths.size() == 1 && ProjectSession.isProject(paths.getFirst())) {
            session.open(paths.getFirst());
            return;
        }
        try {
            if (project.get() != null
                    && paths.size() == 1
                    && ProjectLoader.isMaskFolder(paths.getFirst())) {
                jobs.importMasks(paths.getFirst(), true);
                return;
            }
        } catch (java.io.IOException e) {
            // not a readable folder: opening it reports the problem
        }
        if (session.busy()) return;
        session.whenSettled( // Save / Discard / Cancel when the project has unsaved changes
                () ->
                        jobs.run(
                                "Opening " + paths.getFirst().getFileName(),
                                p -> ProjectLoader.open(paths, p),
                                proj -> {
                                    setProject(proj);
                                    if (recent != null) recent.add(paths);
                                }));
    }

    public void openSample() {
        open(List.of(ProjectLoader.locateSample()));
    }

    /** Installs a loaded project (UI thread). */
    public void setProject(StudioProject p) {
        association.clear();
        views.clear();
        for (int i = 0; i < p.views(); i++)
            views.add(new ViewItem(i, p.cameras().get(i), p.images().get(i), p.masks().get(i)));
        segments.setContributions(null);
        segments.setScene(p.scene()); // and no 3D edits of the last scene's objects
        live.attach(views);
        segments.objects().clear();
        segments.ensureObjects(p.labelCount() - 1);
        int[] colours = p.labelColours();
        for (LabelEntry e : segments.objects()) {
            // Keep the colours the user's RGB or palette masks already use for their objects.
            if (colours != null && e.id() < colours.length && colours[e.id()] != 0) {
                int c = colours[e.id()];
                e.colorProperty()
                        .set(
                                javafx.scene.paint.Color.rgb(
                                        (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff));
            }
        }
        // A new scene starts from the defaults: what was shown or selected in the last one (a
        // gamma, "selected objects only", an overlap highlight) would show it wrongly or black.
        segments.gammaProperty().set(0);
        preview.resetStyle();
        preview.setScene(p.scene(), p.cameras());
        editing.drawLabelProperty().set(1);
        project.set(p); // listeners see the views, objects and preview of this project
        current.set(views.isEmpty() ? null : views.getFirst());
        projectRevision.set(projectRevision.get() + 1);
        status.set(
                p.title()
                        + ": "
                        + p.scene().count()
                        + " Gaussians, "
                        + p.views()
                        + " views"
                        + (p.warnings().isEmpty()
                                ? ""
                                : " (" + String.join("; ", p.warnings()) + ")"));
        for (ViewItem v : views) thumbWorker.execute(() -> loadThumbnail(p, v));
        session.plainEditsProperty().set(false); // shown just now: nothing of it is unsaved
    }

    /** Runs on the thumbnail worker: the image or the scene render, at thumbnail size. */
    private void loadThumbnail(StudioProject p, ViewItem v) {
        try {
            int[] size = v.thumbnailSize(ViewItem.THUMB_W, ViewItem.THUMB_H);
            int[] argb;
            if (v.image() != null) argb = Pictures.load(v.image(), size[0], size[1]);
            else {
                if (thumbRenderer == null)
                    thumbRenderer = Renderers.open(backend, org.flashsplat.core.Progress.NONE);
                var req =
                        new PreviewRenderer.Request(
                                p.scene(),
                                v.camera().resized(size[0], size[1]),
                                null,
                                false,
                                new float[] {0.08f, 0.08f, 0.09f});
                argb = PreviewRenderer.renderOnce(thumbRenderer, req).argb();
            }
            ui.execute(() -> v.thumbnailProperty().set(argb));
        } catch (Exception e) {
            ui.execute(() -> status.set("Could not load " + v.name() + ": " + e.getMessage()));
        }
    }

    /** Runs on the view worker: the image scaled to the camera, or the scene rendered from it. */
    private void loadPicture(StudioProject p, ViewItem v) {
        if (p == null || v.pictureProperty().get() != null) return;
        try {
            int[] argb = picture(p, v, v.image() != null ? null : viewRenderer());
            ui.execute(
                    () -> {
                        if (current.get() == v) v.pictureProperty().set(argb);
                        refreshGpuMemory();
                    });
        } catch (Exception e) {
            ui.execute(() -> status.set("Could not load " + v.name() + ": " + e.getMessage()));
        }
    }

    /**
     * A view's picture at its camera's resolution: its image, or the scene rendered from it with
     * {@code r} (any thread). The SAM tool and propagation embed the same pixels, so they share
     * cached embeddings.
     */
    public static int[] picture(StudioProject p, ViewItem v, Renderer r)
            throws java.io.IOException {
        if (v.image() != null)
            return Pictures.load(v.image(), v.camera().width(), v.camera().height());
        return PreviewRenderer.renderOnce(
                        r,
                        new PreviewRenderer.Request(
                                p.scene(),
                                v.camera(),
                                null,
                                false,
                                new float[] {0.08f, 0.08f, 0.09f}))
                .argb();
    }

    private volatile String backendKind;

    /**
     * The kind of renderer this studio's work runs on ("cpu" or "cuda"), part of the contributions
     * cache key; probed once (any thread but the UI's: the first call may load the driver).
     */
    public String backendKind() {
        String k = backendKind;
        if (k == null) backendKind = k = Renderers.kind(backend);
        return k;
    }

    Renderer viewRenderer() {
        if (viewRenderer == null) {
            viewRenderer = Renderers.open(backend, org.flashsplat.core.Progress.NONE);
            String d = viewRenderer.description();
            ui.execute(
                    () -> {
                        if (backendText.get().isEmpty()) backendText.set(d);
                    });
        }
        return viewRenderer;
    }

    /** Re-renders the selected view's mask from the 3D result (coalesced on the view worker). */
    void refreshNovel() {
        ViewItem v = current.get();
        var seg = segments.segmentationProperty().get();
        StudioProject p = project.get();
        if (v == null || seg == null || p == null) return;
        int ticket = novelTicket.incrementAndGet();
        double tau = segments.tauProperty().get();
        viewWorker.execute(
                () -> {
                    if (ticket != novelTicket.get()) return; // a newer request supersedes this one
                    org.flashsplat.mask.LabelMask m;
                    try {
                        m =
                                NovelViews.render(
                                        viewRenderer(),
                                        p.scene(),
                                        v.camera(),
                                        seg.memberships(),
                                        tau);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        ui.execute(() -> reportError("3D mask of " + v.name(), e));
                        return;
                    }
                    ui.execute(
                            () -> {
                                v.novelProperty().set(m);
                                updateIoU(v);
                            });
                });
    }

    /** Agreement of the view's (possibly just edited) input mask with its rendered mask. */
    public void updateIoU(ViewItem v) {
        if (v == null) return;
        var m = v.novelProperty().get();
        if (m == null || !v.mask().hasMask()) {
            v.iouProperty().set(Double.NaN);
            if (!v.mask().hasMask()) v.disagreementProperty().set(null);
            return;
        }
        v.iouProperty().set(NovelViews.meanIoU(v.mask().labels(), m.labels()));
        // Keeps the view's score current while it is edited (the strip keeps its order).
        var live = new org.flashsplat.mask.LabelMask(m.width(), m.height(), v.mask().labels());
        int objects = segments.objects().size();
        v.disagreementProperty()
                .set(
                        org.flashsplat.correct.Disagreement.compare(
                                v.index(), v.name(), live, m, objects, false));
    }

    public void select(int index) {
        if (index >= 0 && index < views.size()) current.set(views.get(index));
    }

    /** The next view in the strip's order (file order or worst first). */
    public void selectNext(int delta) {
        ViewItem v = current.get();
        List<ViewItem> order = ranking.ordered();
        int at = v == null ? -1 : order.indexOf(v);
        if (at >= 0) current.set(order.get(Math.floorMod(at + delta, order.size())));
    }

    public void reportError(String what, Throwable e) {
        String msg =
                e instanceof InputException ie
                        ? ie.userMessage()
                        : e instanceof CancelledException
                                ? "cancelled"
                                : e instanceof OutOfMemoryError
                                        ? MemoryBudget.outOfMemory()
                                        : String.valueOf(e.getMessage());
        status.set(what + ": " + msg);
        if (!(e instanceof CancelledException)) notice.set(new Notice(true, what + ": " + msg));
        var log = System.getLogger("org.flashsplat.studio");
        // Running out of memory is the scene's size, not a bug: one line, no stack trace.
        if (e instanceof OutOfMemoryError) log.log(System.Logger.Level.WARNING, what + ": " + msg);
        else if (!(e instanceof InputException) && !(e instanceof CancelledException))
            log.log(System.Logger.Level.WARNING, what, e);
    }

    /** Views whose mask edits are not saved yet (the window asks before closing). */
    public long unsavedViews() {
        return views.stream().filter(v -> v.mask().isDirty()).count();
    }

    public List<ViewItem> viewsWithMasks() {
        List<ViewItem> out = new ArrayList<>();
        for (ViewItem v : views) if (v.mask().hasMask()) out.add(v);
        return out;
    }

    /** The backend the user asked for (AUTO, CPU, CUDA). */
    public String backendChoice() {
        return backend.name();
    }

    public ObjectProperty<StudioProject> projectProperty() {
        return project;
    }

    public ObservableList<ViewItem> views() {
        return views;
    }

    public ObjectProperty<ViewItem> currentProperty() {
        return current;
    }

    public DoubleProperty overlayOpacityProperty() {
        return overlayOpacity;
    }

    public BooleanProperty showNovelProperty() {
        return showNovel;
    }

    /** The latest notice; the window shows each new one as a notification. */
    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }

    /**
     * Where an export of the selected objects goes by default: beside the scene, named after the
     * objects ("blue_egg.ply", "scene_without_blue_egg.ply").
     */
    public Path exportSuggestion(boolean without) {
        List<String> names = new ArrayList<>();
        for (LabelEntry e : segments.objects())
            if (preview.selected().contains(e.id())) names.add(fileName(e.nameProperty().get()));
        String joined = names.isEmpty() ? "selected" : String.join("_", names);
        String file = (without ? "scene_without_" + joined : joined) + ".ply";
        Path folder = dialogFolder();
        return folder == null ? Path.of(file) : folder.resolve(file);
    }

    /** The folder file dialogs start in: the open project's, else the scene's, else none. */
    public Path dialogFolder() {
        if (session.folderProperty().get() != null) return session.folderProperty().get();
        StudioProject p = project.get();
        if (p == null) return null;
        if (p.root() != null) return p.root();
        Path src = p.scene().source();
        return src == null ? null : src.toAbsolutePath().getParent();
    }

    private static String fileName(String name) {
        String s = name == null ? "" : name.trim().replaceAll("[^\\p{L}\\p{N}._-]+", "_");
        return s.isEmpty() ? "object" : s;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /**
     * The GPU's memory in use and in total ("GPU 1.4 / 80.0 GiB"), empty without a CUDA backend;
     * refreshed after each job and each picture of the current view (UI thread, never waits: it
     * reads the backend's last sample).
     */
    public StringProperty gpuMemoryProperty() {
        return gpuMemory;
    }

    /** Re-reads the GPU memory sample (UI thread). */
    public void refreshGpuMemory() {
        org.flashsplat.raster.DeviceMemory m = deviceMemory.get();
        gpuMemory.set(m == null ? "" : m.text());
    }

    public StringProperty backendTextProperty() {
        return backendText;
    }

    public IntegerProperty projectRevisionProperty() {
        return projectRevision;
    }

    public SegmentsViewModel segments() {
        return segments;
    }

    public PreviewViewModel preview() {
        return preview;
    }

    /** The objects selection and highlight, for the features that change them. */
    public ObjectSelection objectSelection() {
        return preview;
    }

    /** 3D selection of Gaussians in the preview. */
    public org.flashsplat.studio.preview.SelectionViewModel selection() {
        return selection;
    }

    /** Floater cleanup of the object picked in the segments list, tried before it applies. */
    public org.flashsplat.studio.segments.CleanupViewModel cleanup() {
        return cleanup;
    }

    public EditingViewModel editing() {
        return editing;
    }

    public Jobs jobs() {
        return jobs;
    }

    public ViewRanking ranking() {
        return ranking;
    }

    public RecentFiles recent() {
        return recent;
    }

    /** The project.json project behind the studio, if one is open. */
    public ProjectSession session() {
        return session;
    }

    /** The association of imported per-view (SAM) masks, and its fixes. */
    public AssociationViewModel association() {
        return association;
    }

    /** "Propagate this object": its proposals for the other views, and their acceptance. */
    public PropagationViewModel propagation() {
        return propagation;
    }

    @Override
    public void close() {
        session.close(); // first: writes pending edits and releases the lock
        preview.close();
        selection.close();
        cleanup.close();
        ranking.close();
        association.close();
        live.close();
        viewWorker.execute(
                () -> {
                    if (viewRenderer != null) viewRenderer.close();
                });
        viewWorker.shutdown();
        assignWorker.shutdownNow();
        jobWorker.shutdownNow();
        thumbWorker.execute(
                () -> {
                    if (thumbRenderer != null) thumbRenderer.close();
                });
        thumbWorker.shutdown();
    }
}
