package org.flashsplat.studio.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flashsplat.export.ExportAll;
import org.flashsplat.project.Project;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.StudioViewModel;

/**
 * Export > Export all…: the core {@link ExportAll} over the open project (and an optional camera
 * path), as a cancellable job. The studio's unsaved state is posted to the project first (not
 * saved), so the export shows what the user sees; a read-only project exports its saved state.
 */
public final class ProjectExport {
    private ProjectExport() {}

    /** Starts the export into {@code out}; false when there is no project or a job is running. */
    public static boolean exportAll(StudioViewModel studio, Path out) {
        return exportAll(studio, out, null);
    }

    /**
     * As {@link #exportAll(StudioViewModel, Path)}, also rendering instance-ID masks into {@code
     * camera_path/} for every camera of {@code cameraPath} (a cameras.json), when not null.
     */
    public static boolean exportAll(StudioViewModel studio, Path out, Path cameraPath) {
        ProjectSession session = studio.session();
        Project p = session.project();
        if (p == null) {
            studio.statusProperty()
                    .set("Export all works on a project: use File > New project… first");
            return false;
        }
        ProjectSync.Snapshot s = p.isReadOnly() ? null : session.sync.collect(p, false);
        // Objects chosen in the preview are the ones left out of the scene; none chosen: all.
        List<Integer> remove = List.copyOf(studio.preview().selected());
        return studio.jobs()
                .run(
                        "Export all",
                        progress -> {
                            if (s != null) session.applyOnIo(s);
                            try (Renderer r = Renderers.open(studio.backend, progress)) {
                                return ExportAll.run(
                                        p.folder(),
                                        p.data(),
                                        out,
                                        new ExportAll.Options(remove, cameraPath, !p.isReadOnly()),
                                        r,
                                        progress);
                            }
                        },
                        summary -> studio.statusProperty().set(describe(summary, out)));
    }

    private static String describe(Map<String, Object> summary, Path out) {
        return "Exported "
                + summary.get("objects")
                + " objects, "
                + summary.get("training_masks")
                + " masks, "
                + (summary.containsKey("camera_path_masks")
                        ? summary.get("camera_path_masks") + " camera path masks, "
                        : "")
                + "COCO and arrays to "
                + out
                + (Boolean.TRUE.equals(summary.get("contributions_from_cache"))
                        ? " (contributions from the cache)"
                        : "");
    }
}
