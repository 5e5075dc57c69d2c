package org.flashsplat.studio.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectLock;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.association.AssociationImport;
import org.flashsplat.studio.association.AssociationState;
import org.flashsplat.studio.association.LocalMasks;
import org.flashsplat.studio.io.ProjectInputs;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.ViewItem;

/**
 * Opening a project: take its lock (or, when another studio holds it, ask whether to open it
 * read-only), offer an autosave newer than the project back, load the inputs as a job, and show the
 * segments at once from the cached contributions, or accumulate when the cache is stale.
 */
final class ProjectOpener {
    private final ProjectSession session;
    private final StudioViewModel studio;

    /** The first step's result: an open project, or the lock that kept it from opening. */
    private record Attempt(
            Project project,
            Optional<Project.Recovery> recovery,
            ProjectLock.LockedException locked) {}

    /** A loaded project, with its association when it stores one (else null table). */
    private record Loaded(
            ProjectInputs.Opened opened, AssociationTable table, LocalMasks locals, Path folder) {}

    ProjectOpener(ProjectSession session) {
        this.session = session;
        this.studio = session.studio;
    }

    void open(Path folderOrFile) {
        Path p = folderOrFile.toAbsolutePath().normalize();
        Path dir = Files.isRegularFile(p) && p.getParent() != null ? p.getParent() : p;
        if (studio.jobs().runningProperty().get()) {
            studio.statusProperty().set("Busy: " + studio.jobs().titleProperty().get());
            return;
        }
        // Reopening the project that is open here: release our own lock first (queued on the io
        // thread behind its pending writes, which the job waits for, as for one just discarded).
        Project current = session.project();
        if (current != null && current.folder().equals(dir)) session.detach();
        studio.jobs()
                .run(
                        "Opening project " + dir.getFileName(),
                        progress -> {
                            session.drainIo();
                            try {
                                Project pr = Project.open(dir, Project.Mode.READ_WRITE);
                                return new Attempt(pr, pr.recovery(), null);
                            } catch (ProjectLock.LockedException e) {
                                return new Attempt(null, Optional.empty(), e);
                            }
                        },
                        a -> opened(dir, a));
    }

    private void opened(Path dir, Attempt a) {
        if (a.locked() != null) {
            String who = ProjectPrompts.lockedMessage(a.locked());
            // The job is over but the opening is not: no "Opening project …: done" behind the
            // question.
            studio.statusProperty().set("Opening project " + dir.getFileName() + ": in use");
            if (!session.prompts().openReadOnly(dir, who)) {
                studio.statusProperty().set("Not opened: " + who);
                return;
            }
            studio.jobs()
                    .run(
                            "Opening project " + dir.getFileName() + " read-only",
                            progress ->
                                    new Attempt(
                                            Project.open(dir, Project.Mode.READ_ONLY),
                                            Optional.empty(),
                                            null),
                            r -> load(r.project()));
            return;
        }
        Project p = a.project();
        if (a.recovery().isPresent()) {
            Project.Recovery r = a.recovery().get();
            studio.statusProperty()
                    .set("Opening project " + dir.getFileName() + ": autosaved work found");
            if (session.prompts().recover(dir, r.savedAt())) {
                p.recover(r);
            } else {
                session.io.execute(
                        () -> {
                            try {
                                p.discardAutosave();
                            } catch (java.io.IOException e) {
                                studio.ui.execute(() -> studio.reportError("Discard autosave", e));
                            }
                        });
            }
        }
        load(p);
    }

    private void load(Project p) {
        boolean started =
                studio.jobs()
                        .run(
                                "Loading project " + p.folder().getFileName(),
                                progress -> {
                                    try {
                                        return withAssociation(
                                                p,
                                                ProjectInputs.load(
                                                        p, studio.backendKind(), progress));
                                    } catch (Exception | Error e) {
                                        p.close(); // nothing shows it: release the lock
                                        throw e;
                                    }
                                },
                                o -> install(p, o));
        if (!started) session.closeLater(p);
    }

    /**
     * The association the project stores, over its local masks (read on demand, as after an
     * import), so the association view shows it again (worker thread).
     */
    private static Loaded withAssociation(Project p, ProjectInputs.Opened o) {
        StudioProject sp = o.studio();
        Path folder = sp.sources() == null ? null : sp.sources().masks();
        if (folder == null || p.data().association().entries().isEmpty())
            return new Loaded(o, null, null, null);
        List<Camera> cams = sp.cameras();
        AssociationTable t =
                AssociationState.table(p.data(), cams.stream().map(Camera::name).toList());
        MaskSet set = MaskSet.open(folder, cams);
        LocalMasks locals =
                new LocalMasks(v -> set.load(cams.get(v)), AssociationImport.CACHE_PIXELS);
        return new Loaded(o, t, locals, folder);
    }

    private void install(Project p, Loaded l) {
        ProjectInputs.Opened o = l.opened();
        StudioProject sp = o.studio();
        session.installing = true;
        try {
            session.installed = sp;
            studio.setProject(sp);
            // The association first: the project's object names and colours then win in the
            // segments (they may have been renamed there, not in the association view).
            if (l.table() != null)
                studio.association().install(l.table(), l.locals(), l.folder(), false);
            ProjectState.apply(studio.segments(), p.data(), sp.scene().count());
            session.install(p, o.edited());
        } finally {
            session.installing = false;
        }
        if (studio.recent() != null) studio.recent().add(List.of(p.folder()));
        List<String> notes = new ArrayList<>(p.warnings());
        notes.addAll(sp.warnings());
        if (o.cached() != null) {
            var e = o.cached();
            ContributionTable c = e.table();
            session.setFromCache(true);
            studio.segments().setContributions(c);
            // Edits from here on update these segments live, as after an accumulate.
            List<LabelMask> used = new ArrayList<>();
            for (ViewItem v : studio.views())
                used.add(
                        v.mask().hasMask()
                                ? new LabelMask(
                                        v.mask().width(),
                                        v.mask().height(),
                                        v.mask().labels().clone())
                                : null);
            studio.live.start(sp.scene(), List.copyOf(studio.views()), used, c);
            notes.addFirst("segments from the cached contributions");
        } else {
            session.setFromCache(false);
            if (!studio.viewsWithMasks().isEmpty()) {
                studio.jobs().accumulate(); // the cache is missing or stale
                if (!p.isReadOnly()) session.caching.whenAccumulated(p);
                notes.addFirst("contributions not cached for these inputs: accumulating");
            }
        }
        String head =
                "Project "
                        + p.folder().getFileName()
                        + (p.isReadOnly() ? " (read-only)" : "")
                        + ": "
                        + sp.scene().count()
                        + " Gaussians, "
                        + sp.views()
                        + " views";
        if (!studio.jobs().runningProperty().get())
            studio.statusProperty().set(head + "; " + String.join("; ", notes));
    }
}
