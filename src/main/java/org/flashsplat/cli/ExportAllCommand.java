package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flashsplat.export.ExportAll;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectLock;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.scene.SceneFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Every export of a project at once: the batch step of labelling many scenes. */
@Command(
        name = "export-all",
        description =
                "Export a project: object PLYs, scene without objects, labelled PLY + labels.json,"
                        + " instance-ID PNGs, COCO JSON, .npy arrays.")
public final class ExportAllCommand implements Callable<Integer> {
    @Mixin RunOptions options;

    @Option(
            names = "--project",
            required = true,
            paramLabel = "DIR",
            description = "Project folder.")
    Path project;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(
            names = "--remove",
            split = ",",
            paramLabel = "K",
            description = "Objects left out of scene_without_objects.ply (default: all).")
    List<Integer> remove;

    @Option(
            names = "--camera-path",
            paramLabel = "JSON",
            description = "cameras.json of novel cameras to render masks for.")
    Path cameraPath;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads (default: all).")
    int threads;

    @Option(
            names = "--format",
            paramLabel = "FORM",
            converter = SceneFormatConverter.class,
            description = SceneFormatConverter.DESCRIPTION)
    SceneFormat format;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = options.progress();
        Project p;
        try {
            p = Project.open(project, Project.Mode.READ_WRITE);
        } catch (ProjectLock.LockedException e) {
            // Exporting only reads the project; without the lock the cache is just not stored.
            progress.message("note: " + e.getMessage() + "; exporting read-only");
            p = Project.open(project, Project.Mode.READ_ONLY);
        }
        try (Project open = p;
                Renderer r = Renderers.open(options.backend(), threads, progress)) {
            for (String w : open.warnings()) progress.message("warning: " + w);
            if (open.recovery().isPresent()) {
                progress.message(
                        "note: the project has unsaved (autosaved) edits; exporting the saved state");
            }
            ExportAll.Options o =
                    new ExportAll.Options(remove, cameraPath, !open.isReadOnly(), format);
            Map<String, Object> s = ExportAll.run(open.folder(), open.data(), out, o, r, progress);
            if (!options.quiet) {
                System.out.printf(
                        Locale.ROOT,
                        "exported %s objects, %s masks, %s COCO annotations to %s in %.2f s"
                                + " (contributions %s)%n",
                        s.get("objects"),
                        s.get("training_masks"),
                        s.get("coco_annotations"),
                        out,
                        (Double) s.get("seconds"),
                        Boolean.TRUE.equals(s.get("contributions_from_cache"))
                                ? "from the project cache"
                                : "computed");
            }
        }
        return 0;
    }
}
