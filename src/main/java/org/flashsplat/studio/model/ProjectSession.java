package org.flashsplat.studio.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.project.ContributionsCache;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.raster.Contributions;
import org.flashsplat.studio.io.ProjectInputs;
import org.flashsplat.studio.io.StudioProject;

/**
 * The open {@code project.json} project behind the studio, if any: keeps it in step with the
 * studio's state (mask edits as edited-mask PNGs, gamma, tau, normalisation, object names, colours
 * and gammas), autosaves through the core {@link Project} and saves on request. Every disk access
 * runs on one "project-io" thread, in order; the UI thread only copies state (a mask snapshot per
 * edited view) and posts it there. Opening is in {@link ProjectOpener}.
 */
public final class ProjectSession implements AutoCloseable {
    /** Questions asked while opening, answered on the UI thread (dialogs in the window). */
    public interface Prompts {
        /** The project is open for writing elsewhere: true opens it read-only, false cancels. */
        boolean openReadOnly(Path folder, String message);

        /**
         * Work autosaved at {@code savedAt} was never saved: true recovers it, false discards it.
         */
        boolean recover(Path folder, FileTime savedAt);
    }

    /** Without a window: never open read-only, always keep autosaved work. */
    static final Prompts NO_PROMPTS =
            new Prompts() {
                @Override
                public boolean openReadOnly(Path folder, String message) {
                    return false;
                }

                @Override
                public boolean recover(Path folder, FileTime savedAt) {
                    return true;
                }
            };

    /** Edits are posted to the project this long after they pause (the autosave then follows). */
    static final long SYNC_DELAY_MS = 400;

    /**
     * What the UI thread copied for the io thread; {@code masks} maps a view to null to drop it.
     */
    record Snapshot(
            Project project,
            ProjectData.Settings settings,
            List<ProjectData.ObjectInfo> objects,
            Map<String, LabelMask> masks,
            long changes) {}

    final StudioViewModel studio;
    final ScheduledExecutorService io =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "project-io");
                        t.setDaemon(true);
                        return t;
                    });
    final ProjectOpener opener;
    private Prompts prompts = NO_PROMPTS;

    // UI thread, except `project`, which the io thread reads to drop work of a closed project.
    private volatile Project project;
    StudioProject installed;
    boolean installing;
    private boolean[] openedEdited = new boolean[0];
    private int[] syncedRevision = new int[0];
    private long changes;
    private ScheduledFuture<?> pendingSync;
    // io thread: the contributions last written to the cache, and under which fingerprint.
    private float[] cachedValues;
    private String cachedFingerprint;

    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final BooleanProperty fromCache = new SimpleBooleanProperty();
    private final StringBinding title;

    ProjectSession(StudioViewModel studio) {
        this.studio = studio;
        this.opener = new ProjectOpener(this);
        SegmentsViewModel s = studio.segments();
        s.gammaProperty().addListener(o -> changed());
        s.normalisationProperty().addListener(o -> changed());
        s.tauProperty().addListener(o -> changed());
        s.objects()
                .addListener(
                        (ListChangeListener<LabelEntry>)
                                c -> {
                                    while (c.next()) {
                                        for (LabelEntry e : c.getAddedSubList()) {
                                            e.nameProperty().addListener(o -> changed());
                                            e.colorProperty().addListener(o -> changed());
                                            e.gammaProperty().addListener(o -> changed());
                                        }
                                    }
                                    changed();
                                });
        studio.projectProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now != installed) detach(); // a folder or the sample: no project
                            if (now != null) watchViews();
                        });
        title =
                Bindings.createStringBinding(
                        () -> {
                            StudioProject p = studio.projectProperty().get();
                            if (p == null) return "FlashSplat Studio";
                            String name =
                                    folder.get() != null
                                            ? folder.get().getFileName().toString()
                                            : p.title();
                            return name
                                    + (dirty.get() ? "*" : "")
                                    + (readOnly.get() ? " (read-only)" : "")
                                    + " — FlashSplat Studio";
                        },
                        studio.projectProperty(),
                        folder,
                        dirty,
                        readOnly);
    }

    /** True for a folder holding {@code project.json}, or that file itself. */
    public static boolean isProject(Path p) {
        return Files.isRegularFile(p.resolve(Project.FILE))
                || (p.getFileName() != null
                        && p.getFileName().toString().equals(Project.FILE)
                        && Files.isRegularFile(p));
    }

    public void setPrompts(Prompts p) {
        prompts = p == null ? NO_PROMPTS : p;
    }

    Prompts prompts() {
        return prompts;
    }

    /** Opens a project folder (or its project.json) in the background. */
    public void open(Path folderOrFile) {
        opener.open(folderOrFile);
    }

    /** The open project, null when the studio shows plain inputs. */
    public Project project() {
        return project;
    }

    private void watchViews() {
        int[] revisions = new int[studio.views().size()];
        for (ViewItem v : studio.views()) {
            revisions[v.index()] = v.mask().revisionProperty().get();
            StudioProject owner = studio.projectProperty().get();
            v.mask()
                    .revisionProperty()
                    .addListener(
                            o -> {
                                if (studio.projectProperty().get() == owner) changed();
                            });
        }
        syncedRevision = revisions;
        if (openedEdited.length != revisions.length) openedEdited = new boolean[revisions.length];
    }

    /** Any change to what a project stores (UI thread). */
    private void changed() {
        if (installing) return;
        Project p = project;
        if (p == null) return; // plain inputs: "Save masks…" and the close question cover them
        changes++;
        dirty.set(true);
        if (p.isReadOnly()) return;
        if (pendingSync != null) pendingSync.cancel(false);
        pendingSync =
                io.schedule(
                        () -> studio.ui.execute(this::sync), SYNC_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /** Posts the state changed since the last sync to the project (UI thread). */
    void sync() {
        pendingSync = null;
        Project p = project;
        if (p == null || p.isReadOnly()) return;
        Snapshot s = collect(p, false);
        io.execute(
                () -> {
                    if (project != p) return; // closed meanwhile: the lock may be another's now
                    try {
                        boolean d = apply(s);
                        var err = p.autosaver().lastError();
                        studio.ui.execute(
                                () -> {
                                    if (project == p && changes == s.changes()) dirty.set(d);
                                    err.ifPresent(
                                            e -> studio.reportError("Autosave of the project", e));
                                });
                    } catch (IOException | RuntimeException e) {
                        failed("Autosave of the project", e);
                    }
                });
    }

    /**
     * The state to store; masks of views edited since the last sync ({@code all}: of every view). A
     * view keeps an edited mask while it has edits to undo or opened with one.
     */
    Snapshot collect(Project p, boolean all) {
        SegmentsViewModel s = studio.segments();
        Map<String, LabelMask> masks = new LinkedHashMap<>();
        for (ViewItem v : studio.views()) {
            int i = v.index(), rev = v.mask().revisionProperty().get();
            if (!all && i < syncedRevision.length && rev == syncedRevision[i]) continue;
            if (i < syncedRevision.length) syncedRevision[i] = rev;
            boolean edited = i < openedEdited.length && openedEdited[i];
            boolean keep = v.mask().hasMask() && (v.mask().history().undoSize() > 0 || edited);
            if (keep) masks.put(v.name(), v.mask().snapshot());
            else if (!all) masks.put(v.name(), null);
        }
        return new Snapshot(p, ProjectState.settings(s), ProjectState.objects(s), masks, changes);
    }

    /**
     * Writes the snapshot's masks and state into its project (io thread; queued before the project
     * is closed there); returns whether the project now differs from its saved state.
     */
    boolean apply(Snapshot s) throws IOException {
        Project p = s.project();
        if (p.isReadOnly()) return false;
        Map<String, String> edited = new TreeMap<>(p.data().editedMasks());
        for (var e : s.masks().entrySet()) {
            if (e.getValue() == null) {
                edited.remove(e.getKey());
            } else {
                p.putEditedMask(e.getKey(), e.getValue());
                edited.put(e.getKey(), p.data().editedMasks().get(e.getKey()));
            }
        }
        p.update(
                p.data()
                        .withSettings(s.settings())
                        .withObjects(s.objects())
                        .withEditedMasks(edited));
        return p.isDirty();
    }

    /** Saves the project (a plain folder becomes one through {@link #saveAs}); then runs after. */
    public void save(Runnable after) {
        Project p = project;
        if (p == null) {
            studio.statusProperty().set("No project open: use File > New project…");
            return;
        }
        if (p.isReadOnly()) {
            studio.statusProperty()
                    .set("The project is open read-only: use File > Save project as…");
            return;
        }
        if (pendingSync != null) pendingSync.cancel(false);
        Snapshot s = collect(p, false);
        ContributionsCache.Entry cache = cacheSnapshot();
        io.execute(
                () -> {
                    try {
                        apply(s);
                        p.save();
                        storeCache(p, cache);
                        studio.ui.execute(
                                () -> {
                                    if (project == p && changes == s.changes()) dirty.set(false);
                                    studio.statusProperty().set("Saved project " + p.folder());
                                    if (after != null) after.run();
                                });
                    } catch (IOException | RuntimeException e) {
                        failed("Save project", e);
                    }
                });
    }

    /**
     * Makes a project of the open inputs and state in {@code dir} (new project, or save as) and
     * continues in it; the inputs stay where they are. Then runs after.
     */
    public void saveAs(Path dir, Runnable after) {
        StudioProject sp = studio.projectProperty().get();
        if (sp == null || sp.sources() == null || sp.cameras().isEmpty()) {
            studio.statusProperty()
                    .set("A project needs a scene with cameras: open a model or dataset first");
            return;
        }
        Project old = project;
        Path target = dir.toAbsolutePath().normalize();
        Snapshot s = collect(null, true);
        ContributionsCache.Entry cache = cacheSnapshot();
        ProjectData.Association association = old == null ? null : old.data().association();
        StudioProject.Sources src = sp.sources();
        io.execute(
                () -> {
                    try {
                        ProjectData.Inputs in =
                                new ProjectData.Inputs(
                                        org.flashsplat.project.SafePaths.store(target, src.ply()),
                                        org.flashsplat.project.SafePaths.store(
                                                target, src.cameras()),
                                        org.flashsplat.project.SafePaths.store(target, src.masks()),
                                        org.flashsplat.project.SafePaths.store(
                                                target, src.images()));
                        ProjectData data =
                                ProjectData.of(in)
                                        .withSettings(s.settings())
                                        .withObjects(s.objects())
                                        .withAssociation(association);
                        Project np = Project.create(target, data);
                        for (var e : s.masks().entrySet())
                            np.putEditedMask(e.getKey(), e.getValue());
                        np.save();
                        storeCache(np, cache);
                        studio.ui.execute(() -> adopt(np, old, s, after));
                    } catch (IOException | RuntimeException e) {
                        failed("Save project as " + target, e);
                    }
                });
    }

    /** Continues in a project just made from the studio's state (UI thread). */
    private void adopt(Project np, Project old, Snapshot s, Runnable after) {
        project = np;
        openedEdited = new boolean[studio.views().size()];
        for (ViewItem v : studio.views())
            openedEdited[v.index()] = np.data().editedMasks().containsKey(v.name());
        folder.set(np.folder());
        readOnly.set(false);
        dirty.set(changes != s.changes());
        if (old != null)
            io.execute(
                    () -> {
                        // Its unsaved edits now live in the new project: no recovery offer later.
                        try {
                            if (!old.isReadOnly()) {
                                old.autosaver().cancel();
                                old.discardAutosave();
                            }
                            old.close();
                        } catch (IOException e) {
                            failed("Closing " + old.folder(), e);
                        }
                    });
        if (studio.recent() != null) studio.recent().add(List.of(np.folder()));
        studio.statusProperty().set("Saved project " + np.folder());
        if (dirty.get()) changed();
        if (after != null) after.run();
    }

    /** Contributions worth caching: present and describing the current masks. */
    ContributionsCache.Entry cacheSnapshot() {
        Contributions c = studio.segments().contributionsProperty().get();
        float[] a = studio.segments().values();
        if (c == null || a == null || studio.segments().staleProperty().get()) return null;
        return new ContributionsCache.Entry(a, c.labels(), c.count());
    }

    /**
     * Caches the contributions of the accumulate that an open started, once it is done, unless the
     * masks changed meanwhile: the next open is then instant even without a save.
     */
    void cacheWhenAccumulated(Project p) {
        long edits = studio.live.edits();
        var contributions = studio.segments().contributionsProperty();
        javafx.beans.InvalidationListener[] once = new javafx.beans.InvalidationListener[1];
        once[0] =
                o -> {
                    contributions.removeListener(once[0]);
                    // setContributions sets the floats right after the property: read them then.
                    studio.ui.execute(
                            () -> {
                                if (project != p || studio.live.edits() != edits) return;
                                ContributionsCache.Entry e = cacheSnapshot();
                                // The fingerprint covers the object ids: post the studio's first.
                                Snapshot s = collect(p, false);
                                io.execute(
                                        () -> {
                                            if (project != p) return;
                                            try {
                                                boolean d = apply(s);
                                                storeCache(p, e);
                                                studio.ui.execute(
                                                        () -> {
                                                            if (project == p
                                                                    && changes == s.changes())
                                                                dirty.set(d);
                                                        });
                                            } catch (IOException | RuntimeException x) {
                                                failed("Caching the contributions", x);
                                            }
                                        });
                            });
                };
        contributions.addListener(once[0]);
    }

    /** Caches contributions under the project's current fingerprint (io thread). */
    void storeCache(Project p, ContributionsCache.Entry e) throws IOException {
        if (e == null || p.isReadOnly()) return;
        String fp = ProjectInputs.fingerprint(p, p.data());
        if (e.values() == cachedValues && fp.equals(cachedFingerprint)) return;
        ContributionsCache.store(p.folder(), fp, e);
        cachedValues = e.values();
        cachedFingerprint = fp;
    }

    /** Closes the project without saving and drops its autosave (the user chose Discard). */
    public void discard() {
        Project p = project;
        if (p == null) return;
        forget();
        io.execute(
                () -> {
                    try {
                        if (!p.isReadOnly()) {
                            p.autosaver().cancel();
                            p.discardAutosave();
                        }
                        p.close();
                    } catch (IOException e) {
                        failed("Closing " + p.folder(), e);
                    }
                });
    }

    /** Installs an opened project as the session's (UI thread, from the opener). */
    void install(Project p, boolean[] edited) {
        Project old = project;
        project = p;
        openedEdited = edited.clone();
        syncedRevision = new int[studio.views().size()];
        for (ViewItem v : studio.views())
            syncedRevision[v.index()] = v.mask().revisionProperty().get();
        changes = 0;
        folder.set(p.folder());
        readOnly.set(p.isReadOnly());
        dirty.set(p.isDirty()); // a recovered autosave is unsaved work
        if (old != null && old != p) closeLater(old);
    }

    /** The studio shows something else now: close the project, keeping pending autosaves. */
    void detach() {
        Project p = project;
        if (p == null) return;
        forget();
        closeLater(p);
    }

    private void forget() {
        if (pendingSync != null) pendingSync.cancel(false);
        pendingSync = null;
        project = null;
        folder.set(null);
        readOnly.set(false);
        dirty.set(false);
        fromCache.set(false);
    }

    void closeLater(Project p) {
        io.execute(
                () -> {
                    try {
                        p.close();
                    } catch (IOException e) {
                        failed("Closing " + p.folder(), e);
                    }
                });
    }

    /** Waits for the io thread's queue (worker threads only, never the UI thread). */
    void drainIo() throws Exception {
        applyOnIo(null);
    }

    /** Applies a snapshot on the io thread and waits for it (worker threads only). */
    void applyOnIo(Snapshot s) throws Exception {
        try {
            io.submit(() -> s == null ? null : apply(s)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private void failed(String what, Exception e) {
        studio.ui.execute(
                () -> {
                    Arrays.fill(syncedRevision, -1); // write every view's state again next time
                    studio.reportError(what, e);
                });
    }

    /** Writes what is not yet posted, lets the project flush its autosave, releases the lock. */
    @Override
    public void close() {
        if (pendingSync != null) pendingSync.cancel(false);
        Project p = project;
        if (p != null && !p.isReadOnly()) {
            Snapshot s = collect(p, false);
            io.execute(
                    () -> {
                        try {
                            apply(s);
                        } catch (IOException | RuntimeException e) {
                            // the project keeps its last autosave; nobody is left to tell
                        }
                    });
        }
        if (p != null) {
            project = null;
            closeLater(p);
        }
        io.shutdown();
        try {
            io.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void setFromCache(boolean b) {
        fromCache.set(b);
    }

    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** Unsaved changes to the open project. */
    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    /** Whether the last opened project's contributions came from its cache. */
    public BooleanProperty fromCacheProperty() {
        return fromCache;
    }

    /** "name* (read-only) — FlashSplat Studio". */
    public StringBinding titleBinding() {
        return title;
    }
}
