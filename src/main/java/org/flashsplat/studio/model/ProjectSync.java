package org.flashsplat.studio.model;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.studio.io.StudioProject;

/**
 * Keeps the open project in step with the studio: counts changes, posts them to the project {@link
 * #SYNC_DELAY_MS} after they pause (the project's autosaver then writes them), and copies the state
 * to post (UI thread) for the io thread to apply. Part of {@link ProjectSession}.
 */
final class ProjectSync {
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

    private final ProjectSession session;
    private final StudioViewModel studio;
    // UI thread.
    private boolean[] openedEdited = new boolean[0];
    private int[] syncedRevision = new int[0];
    private long changes;
    private ScheduledFuture<?> pending;

    ProjectSync(ProjectSession session) {
        this.session = session;
        this.studio = session.studio;
    }

    /** Changes counted so far; a result is current when the count has not moved since. */
    long changes() {
        return changes;
    }

    /** Follows the mask edits of the views of a newly shown project. */
    void watchViews() {
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

    /** A project was installed: its views are in sync, {@code edited} opened with edited masks. */
    void reset(boolean[] edited) {
        openedEdited = edited.clone();
        syncedRevision = new int[studio.views().size()];
        for (ViewItem v : studio.views())
            syncedRevision[v.index()] = v.mask().revisionProperty().get();
        changes = 0;
    }

    /** The studio continues in {@code p}, made from its state: its edited masks stay edited. */
    void adopt(Project p) {
        openedEdited = new boolean[studio.views().size()];
        for (ViewItem v : studio.views())
            openedEdited[v.index()] = p.data().editedMasks().containsKey(v.name());
    }

    /** Writes every view's state again next time (after a failed write). */
    void invalidate() {
        Arrays.fill(syncedRevision, -1);
    }

    /** Any change to what a project stores (UI thread). */
    void changed() {
        if (session.installing) return;
        Project p = session.project();
        if (p == null) return; // plain inputs: "Save masks…" and the close question cover them
        changes++;
        session.dirtyProperty().set(true);
        if (p.isReadOnly()) return;
        cancel();
        pending =
                session.io.schedule(
                        () -> studio.ui.execute(this::sync), SYNC_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /** Drops the scheduled post (a save or close posts the state itself). */
    void cancel() {
        if (pending != null) pending.cancel(false);
        pending = null;
    }

    /** Posts at once what waits for the sync delay, so switching away loses none of it. */
    void flush() {
        if (pending != null) sync();
    }

    /** Posts the state changed since the last sync to the project (UI thread). */
    void sync() {
        pending = null;
        Project p = session.project();
        if (p == null || p.isReadOnly()) return;
        Snapshot s = collect(p, false);
        session.io.execute(
                () -> {
                    if (session.project() != p) return; // closed: the lock may be another's now
                    try {
                        boolean d = apply(s);
                        var err = p.autosaver().lastError();
                        studio.ui.execute(
                                () -> {
                                    session.settled(p, s.changes(), d);
                                    err.ifPresent(
                                            e -> studio.reportError("Autosave of the project", e));
                                });
                    } catch (IOException | RuntimeException e) {
                        session.failed("Autosave of the project", e);
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
    static boolean apply(Snapshot s) throws IOException {
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
}
