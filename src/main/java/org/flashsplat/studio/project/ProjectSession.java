package org.flashsplat.studio.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import org.flashsplat.project.Project;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.segments.SegmentsViewModel;

/**
 * The open {@code project.json} project behind the studio, if any: keeps it in step with the
 * studio's state (mask edits as edited-mask PNGs, gamma, tau, normalisation, object names, colours
 * and gammas, and the association table with its local-mask folder as {@code inputs.masks}: a view
 * whose mask is what the association makes of its local mask stores no PNG), autosaves through the
 * core {@link Project} and saves on request. Every disk access runs on one "project-io" thread, in
 * order; the UI thread only copies state (a mask snapshot per edited view) and posts it there.
 * Opening is in {@link ProjectOpener}, posting changes in {@link ProjectSync}, saving in {@link
 * ProjectSaving}, the contributions cache in {@link ProjectCaching}.
 */
public final class ProjectSession implements AutoCloseable {
    final StudioViewModel studio;
    final ScheduledExecutorService io =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "project-io");
                        t.setDaemon(true);
                        return t;
                    });
    final ProjectOpener opener;
    final ProjectSync sync;
    final ProjectCaching caching;
    private final ProjectSaving saving;
    private ProjectPrompts prompts = ProjectPrompts.NONE;

    // UI thread, except `project`, which the io thread reads to drop work of a closed project.
    private volatile Project project;
    StudioProject installed;
    boolean installing;

    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final BooleanProperty plainEdits = new SimpleBooleanProperty();
    private final BooleanProperty fromCache = new SimpleBooleanProperty();
    private final StringBinding title;

    public ProjectSession(StudioViewModel studio) {
        this.studio = studio;
        this.opener = new ProjectOpener(this);
        this.sync = new ProjectSync(this);
        this.caching = new ProjectCaching(this);
        this.saving = new ProjectSaving(this);
        SegmentsViewModel s = studio.segments();
        s.gammaProperty().addListener(o -> sync.changed());
        s.normalisationProperty().addListener(o -> sync.changed());
        s.tauProperty().addListener(o -> sync.changed());
        s.objects()
                .addListener(
                        (ListChangeListener<LabelEntry>)
                                c -> {
                                    while (c.next()) {
                                        for (LabelEntry e : c.getAddedSubList()) {
                                            e.nameProperty().addListener(o -> sync.changed());
                                            e.colorProperty().addListener(o -> sync.changed());
                                            e.gammaProperty().addListener(o -> sync.changed());
                                            e.cleanProperty().addListener(o -> sync.changed());
                                        }
                                    }
                                    sync.changed();
                                });
        // A 3D edit of an object (selection, cleanup), its undo or redo.
        s.edits().history().revisionProperty().addListener(o -> sync.changed());
        studio.projectProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now != installed) detach(); // a folder or the sample: no project
                            if (now != null) sync.watchViews();
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

    public void setPrompts(ProjectPrompts p) {
        prompts = p == null ? ProjectPrompts.NONE : p;
    }

    ProjectPrompts prompts() {
        return prompts;
    }

    /**
     * Opens a project folder (or its project.json) in the background, once the open project's
     * unsaved changes are dealt with ({@link #whenSettled}).
     */
    public void open(Path folderOrFile) {
        if (busy()) return;
        whenSettled(() -> opener.open(folderOrFile));
    }

    /**
     * Runs {@code next}, which shows something else or closes, once the open project's unsaved
     * changes are dealt with (UI thread). The edits still waiting for the sync delay are posted
     * first; then, while the project has unsaved changes, {@link ProjectPrompts#unsavedChanges}
     * asks: Save runs next after the save (a read-only project is saved as a new one), Discard
     * drops the changes and their autosave and runs next at once, Cancel keeps everything and never
     * runs it. Without unsaved changes next runs at once.
     */
    public void whenSettled(Runnable next) {
        saving.whenSettled(next);
    }

    /** A job is running: nothing else can be opened now (says so in the status). */
    public boolean busy() {
        if (!studio.jobs().runningProperty().get()) return false;
        studio.statusProperty().set("Busy: " + studio.jobs().titleProperty().get());
        return true;
    }

    /** The open project, null when the studio shows plain inputs. */
    public Project project() {
        return project;
    }

    /** Saves the project (a plain folder becomes one through {@link #saveAs}); then runs after. */
    public void save(Runnable after) {
        saving.save(after);
    }

    /**
     * Makes a project of the open inputs and state in {@code dir} (new project, or save as) and
     * continues in it; the inputs stay where they are. Then runs after.
     */
    public void saveAs(Path dir, Runnable after) {
        saving.saveAs(dir, after);
    }

    /** Closes the project without saving and drops its autosave (the user chose Discard). */
    public void discard() {
        saving.discard();
    }

    /** A write of the state counted {@code changes} finished: dirty is d unless it moved on. */
    void settled(Project p, long changes, boolean d) {
        if (project == p && sync.changes() == changes) dirty.set(d);
    }

    /** Installs an opened project as the session's (UI thread, from the opener). */
    void install(Project p, boolean[] edited) {
        Project old = project;
        project = p;
        sync.reset(edited);
        folder.set(p.folder());
        readOnly.set(p.isReadOnly());
        dirty.set(p.isDirty()); // a recovered autosave is unsaved work
        if (old != null && old != p) closeLater(old);
    }

    /** Continues in a project just made from the studio's state counted {@code changes}. */
    void adopt(Project np, long changes) {
        project = np;
        sync.adopt(np);
        folder.set(np.folder());
        readOnly.set(false);
        dirty.set(sync.changes() != changes);
    }

    /** The studio shows something else now: close the project, keeping pending autosaves. */
    void detach() {
        Project p = project;
        if (p == null) return;
        forget();
        closeLater(p);
    }

    void forget() {
        sync.cancel();
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
    void applyOnIo(ProjectSync.Snapshot s) throws Exception {
        try {
            io.submit(() -> s == null ? null : ProjectSync.apply(s)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    void failed(String what, Exception e) {
        studio.ui.execute(
                () -> {
                    sync.invalidate(); // write every view's state again next time
                    studio.reportError(what, e);
                });
    }

    /** Writes what is not yet posted, lets the project flush its autosave, releases the lock. */
    @Override
    public void close() {
        sync.cancel();
        Project p = project;
        if (p != null && !p.isReadOnly()) {
            ProjectSync.Snapshot s = sync.collect(p, false);
            io.execute(
                    () -> {
                        try {
                            ProjectSync.apply(s);
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
    /**
     * Changes to plain inputs (no project open) since they were shown: the question before showing
     * something else covers them too. The studio clears it when it shows new inputs.
     */
    public BooleanProperty plainEditsProperty() {
        return plainEdits;
    }

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
