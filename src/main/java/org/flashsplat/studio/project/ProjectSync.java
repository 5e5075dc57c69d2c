package org.flashsplat.studio.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.flashsplat.associate.AssociationSnapshot;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.association.AssociationState;
import org.flashsplat.studio.association.AssociationViewModel;
import org.flashsplat.studio.association.LocalMasks;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.segments.SegmentsViewModel;

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
            List<ProjectData.ObjectEdit> objectEdits,
            Map<String, LabelMask> masks,
            Assoc assoc,
            long changes) {}

    /**
     * The studio's association when it has one: {@code data} (null: unchanged since the last sync)
     * to store, with {@code folder}, its local masks' folder (null: not known), and what tells a
     * view's mask that the association makes (nothing to store) from a painted one.
     */
    record Assoc(
            ProjectData.Association data,
            Path folder,
            AssociationSnapshot snapshot,
            LocalMasks locals) {}

    private final ProjectSession session;
    private final StudioViewModel studio;
    // UI thread.
    private boolean[] openedEdited = new boolean[0];
    private int[] syncedRevision = new int[0];
    private long changes;
    private ScheduledFuture<?> pending;
    private int syncedAssociation;
    private AssociationTable seenTable;

    ProjectSync(ProjectSession session) {
        this.session = session;
        this.studio = session.studio;
        AssociationViewModel a = studio.association();
        a.revisionProperty()
                .addListener(
                        o -> {
                            if (session.installing) return;
                            if (a.tableProperty().get() != seenTable) {
                                // A new association (an import): the input masks it replaces and
                                // the views it leaves alone are all to be written again.
                                seenTable = a.tableProperty().get();
                                invalidate();
                            }
                            changed(); // a fix in the association view is an edit of the project
                        });
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
        seenTable = studio.association().tableProperty().get();
        syncedAssociation = studio.association().revisionProperty().get();
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
        if (p == null) {
            // Plain inputs: nothing to write to, but opening something else asks first.
            session.plainEditsProperty().set(true);
            return;
        }
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
        Assoc assoc = association(all);
        Map<String, LabelMask> masks = new LinkedHashMap<>();
        for (ViewItem v : studio.views()) {
            int i = v.index(), rev = v.mask().revisionProperty().get();
            if (!all && i < syncedRevision.length && rev == syncedRevision[i]) continue;
            if (i < syncedRevision.length) syncedRevision[i] = rev;
            boolean edited = i < openedEdited.length && openedEdited[i];
            // With an association every view is compared with the mask it makes (io thread), as
            // fixes there are no undo steps here and edits of earlier sessions have none either.
            boolean keep =
                    v.mask().hasMask()
                            && (assoc != null || v.mask().history().undoSize() > 0 || edited);
            if (keep) masks.put(v.name(), v.mask().snapshot());
            else if (!all) masks.put(v.name(), null);
        }
        return new Snapshot(
                p,
                ProjectState.settings(s),
                ProjectState.objects(s),
                s.edits().toProject(),
                masks,
                assoc,
                changes);
    }

    /** The studio's association to post: its table when it changed since the last sync. */
    private Assoc association(boolean all) {
        AssociationViewModel a = studio.association();
        AssociationTable t = a.tableProperty().get();
        if (t == null) return null;
        int rev = a.revisionProperty().get();
        boolean post = all || rev != syncedAssociation || t != seenTable;
        syncedAssociation = rev;
        seenTable = t;
        return new Assoc(
                post ? AssociationState.of(t) : null,
                post ? a.localFolder() : null,
                t.snapshot(),
                a.localMasks());
    }

    /**
     * Whether a view's mask is exactly what the association makes of its local mask: then the
     * project stores no edited mask for it (reopening makes it again).
     */
    static boolean followsAssociation(Assoc a, String view, LabelMask mask) {
        if (a == null || a.locals() == null) return false;
        int v = a.snapshot().views().indexOf(view);
        if (v < 0) return false;
        LabelMask local = a.locals().load(v);
        if (local == null || local.width() != mask.width() || local.height() != mask.height())
            return false;
        return Arrays.equals(a.snapshot().relabel(v, local).labels(), mask.labels());
    }

    /**
     * Writes the snapshot's masks and state into its project (io thread; queued before the project
     * is closed there); returns whether the project now differs from its saved state.
     */
    static boolean apply(Snapshot s) throws IOException {
        Project p = s.project();
        if (p.isReadOnly()) return false;
        if (s.assoc() != null && s.assoc().data() != null) {
            ProjectData d = p.data().withAssociation(s.assoc().data());
            if (s.assoc().folder() != null) {
                ProjectData.Inputs in = d.inputs();
                d =
                        d.withInputs(
                                new ProjectData.Inputs(
                                        in.scene(),
                                        in.cameras(),
                                        p.store(s.assoc().folder()),
                                        in.images()));
            }
            p.update(d);
        }
        Map<String, String> edited = new TreeMap<>(p.data().editedMasks());
        for (var e : s.masks().entrySet()) {
            if (e.getValue() == null || followsAssociation(s.assoc(), e.getKey(), e.getValue())) {
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
                        .withObjectEdits(s.objectEdits())
                        .withEditedMasks(edited));
        return p.isDirty();
    }
}
