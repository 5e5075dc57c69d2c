package org.flashsplat.studio.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.project.ContributionsCache;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.SafePaths;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.StudioProject;

/**
 * Save, save as (and new project), discard, and the question before the studio shows something else
 * while the project has unsaved changes. Part of {@link ProjectSession}.
 */
final class ProjectSaving {
    private final ProjectSession session;
    private final StudioViewModel studio;

    ProjectSaving(ProjectSession session) {
        this.session = session;
        this.studio = session.studio;
    }

    /** See {@link ProjectSession#whenSettled}. */
    void whenSettled(Runnable next) {
        session.sync.flush(); // the last edits reach the project (and its autosave) first
        Project p = session.project();
        if (p == null) {
            whenPlainSettled(next);
            return;
        }
        if (!session.dirtyProperty().get()) {
            next.run();
            return;
        }
        ProjectPrompts prompts = session.prompts();
        switch (prompts.unsavedChanges(p.folder(), p.isReadOnly())) {
            case DISCARD -> {
                discard();
                next.run();
            }
            case SAVE -> {
                if (!p.isReadOnly()) save(next);
                else {
                    Path d = prompts.saveAsFolder();
                    if (d != null) saveAs(d, next);
                    else kept(p);
                }
            }
            case CANCEL -> kept(p);
        }
    }

    /**
     * Plain inputs (no project): mask edits, an association with its fixes, renames and settings
     * are in no file yet, so they get the same question; Save makes a project of them.
     */
    private void whenPlainSettled(Runnable next) {
        if (!session.plainEditsProperty().get() && studio.unsavedViews() == 0) {
            next.run();
            return;
        }
        ProjectPrompts prompts = session.prompts();
        switch (prompts.unsavedChanges(null, false)) {
            case DISCARD -> {
                session.plainEditsProperty().set(false);
                next.run();
            }
            case SAVE -> {
                Path d = prompts.saveAsFolder();
                if (d != null) saveAs(d, next);
                else keptPlain();
            }
            case CANCEL -> keptPlain();
        }
    }

    private void keptPlain() {
        studio.statusProperty()
                .set("Kept the scene open: unsaved changes (File > Save project as…)");
    }

    private void kept(Project p) {
        studio.statusProperty().set("Kept " + p.folder().getFileName() + " open: unsaved changes");
    }

    /**
     * Runs {@code save} once the association view's last fixes are in the studio's masks (their
     * pixels are found on a worker): a save in between would store a mask the table has left.
     */
    private boolean afterAssociationWrites(Runnable save) {
        var pending = studio.association().pendingProperty();
        if (pending.get() == 0) return false;
        javafx.beans.InvalidationListener[] once = new javafx.beans.InvalidationListener[1];
        once[0] =
                o -> {
                    if (pending.get() != 0) return;
                    pending.removeListener(once[0]);
                    save.run();
                };
        pending.addListener(once[0]);
        return true;
    }

    /** Saves the project; then runs after (UI thread). */
    void save(Runnable after) {
        if (afterAssociationWrites(() -> save(after))) return;
        Project p = session.project();
        if (p == null) {
            studio.statusProperty().set("No project open: use File > New project…");
            return;
        }
        if (p.isReadOnly()) {
            studio.statusProperty()
                    .set("The project is open read-only: use File > Save project as…");
            return;
        }
        session.sync.cancel();
        ProjectSync.Snapshot s = session.sync.collect(p, false);
        ContributionsCache.Entry cache = session.caching.snapshot();
        session.io.execute(
                () -> {
                    try {
                        ProjectSync.apply(s);
                        p.save();
                        session.caching.store(p, cache);
                        studio.ui.execute(
                                () -> {
                                    session.settled(p, s.changes(), false);
                                    studio.statusProperty().set("Saved project " + p.folder());
                                    if (after != null) after.run();
                                });
                    } catch (IOException | RuntimeException e) {
                        session.failed("Save project", e);
                    }
                });
    }

    /** Makes a project of the open inputs and state in {@code dir}; then runs after. */
    void saveAs(Path dir, Runnable after) {
        if (afterAssociationWrites(() -> saveAs(dir, after))) return;
        StudioProject sp = studio.projectProperty().get();
        if (sp == null || sp.sources() == null || sp.cameras().isEmpty()) {
            studio.statusProperty()
                    .set("A project needs a scene with cameras: open a model or dataset first");
            return;
        }
        Project old = session.project();
        Path target = dir.toAbsolutePath().normalize();
        ProjectSync.Snapshot s = session.sync.collect(null, true);
        ContributionsCache.Entry cache = session.caching.snapshot();
        // The studio's association (also after Discard, when no project is open any more), else
        // the one of the project open here, which the studio could not show.
        ProjectData.Association association =
                s.assoc() != null
                        ? s.assoc().data()
                        : old == null ? null : old.data().association();
        Path masks =
                s.assoc() != null && s.assoc().folder() != null
                        ? s.assoc().folder()
                        : sp.sources().masks();
        StudioProject.Sources src = sp.sources();
        session.io.execute(
                () -> {
                    try {
                        ProjectData.Inputs in =
                                new ProjectData.Inputs(
                                        SafePaths.store(target, src.ply()),
                                        SafePaths.store(target, src.cameras()),
                                        SafePaths.store(target, masks),
                                        SafePaths.store(target, src.images()));
                        ProjectData data =
                                ProjectData.of(in)
                                        .withSettings(s.settings())
                                        .withObjects(s.objects())
                                        .withObjectEdits(s.objectEdits())
                                        .withAssociation(association);
                        Project np = Project.create(target, data);
                        for (var e : s.masks().entrySet()) {
                            if (!ProjectSync.followsAssociation(
                                    s.assoc(), e.getKey(), e.getValue()))
                                np.putEditedMask(e.getKey(), e.getValue());
                        }
                        np.save();
                        session.caching.store(np, cache);
                        studio.ui.execute(() -> adopt(np, old, s, after));
                    } catch (IOException | RuntimeException e) {
                        session.failed("Save project as " + target, e);
                    }
                });
    }

    /** Continues in a project just made from the studio's state (UI thread). */
    private void adopt(Project np, Project old, ProjectSync.Snapshot s, Runnable after) {
        session.adopt(np, s.changes());
        if (old != null) closeDiscarding(old); // its unsaved edits now live in the new project
        if (studio.recent() != null) studio.recent().add(List.of(np.folder()));
        studio.statusProperty().set("Saved project " + np.folder());
        if (session.dirtyProperty().get()) session.sync.changed();
        if (after != null) after.run();
    }

    /** Closes the project without saving and drops its autosave (the user chose Discard). */
    void discard() {
        Project p = session.project();
        if (p == null) return;
        session.forget();
        closeDiscarding(p);
    }

    private void closeDiscarding(Project p) {
        session.io.execute(
                () -> {
                    try {
                        if (!p.isReadOnly()) {
                            p.autosaver().cancel();
                            p.discardAutosave();
                        }
                        p.close();
                    } catch (IOException e) {
                        session.failed("Closing " + p.folder(), e);
                    }
                });
    }
}
