package org.flashsplat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.flashsplat.core.InputException;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.Samples;
import org.flashsplat.scene.SceneInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Project folders: {@code flashsplat project init} makes one from inputs. */
@Command(
        name = "project",
        description = "Create FlashSplat projects.",
        subcommands = {ProjectCommand.Init.class})
public final class ProjectCommand implements Runnable {
    @Override
    public void run() {
        throw new InputException(null, "project", "name a subcommand: init");
    }

    /** Creates a project over a scene, its cameras and a mask folder. */
    @Command(
            name = "init",
            description =
                    "Create a project folder over a scene, cameras and masks (default: the bundled"
                            + " sample), with one object per mask label.")
    static final class Init implements Callable<Integer> {
        @Mixin SceneOptions scene;

        @Option(names = "--masks", paramLabel = "DIR", description = "Folder of masks.")
        Path masks;

        @Option(
                names = "--images",
                paramLabel = "DIR",
                description = "Training images (names the COCO images; default: images/ beside).")
        Path images;

        @Option(names = "--gamma", defaultValue = "0", description = "Background bias.")
        double gamma;

        @Option(names = "--norm", defaultValue = "l1", description = "l1 or l2.")
        String norm;

        @Option(names = "--tau", defaultValue = "0.5", description = "Novel-view threshold.")
        double tau;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description = "Project folder.")
        Path out;

        @Override
        public Integer call() throws Exception {
            ConsoleProgress progress = new ConsoleProgress(System.out, false);
            SceneOptions.Loaded loaded = scene.load(progress);
            MaskSet set = SceneOptions.masks(masks, loaded);
            Path sceneArg = loaded.sample() ? Samples.locate() : scene.scene;
            Path imgs = images != null ? images : guessImages(loaded.inputs());
            ProjectData.Settings settings;
            try {
                settings =
                        new ProjectData.Settings(
                                gamma, Normalisation.valueOf(norm.toUpperCase(Locale.ROOT)), tau);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, "--gamma/--norm/--tau", e.getMessage());
            }
            if (!set.problems().isEmpty()) {
                // A project must not start from a mask folder it cannot fully read.
                InputException first = set.problems().get(0);
                int more = set.problems().size() - 1;
                throw new InputException(
                        first.file(),
                        first.place(),
                        first.getMessage()
                                + (more > 0 ? " (and " + more + " more mask files)" : ""));
            }
            int[] colours = set.labelColours();
            List<ProjectData.ObjectInfo> objects = new ArrayList<>();
            for (int id = 1; id < set.labelCount() && id <= ProjectData.MAX_OBJECT_ID; id++) {
                String c =
                        colours != null && id < colours.length
                                ? ProjectData.ObjectInfo.hex(colours[id])
                                : null;
                objects.add(new ProjectData.ObjectInfo(id, "object_" + id, c, null));
            }
            Path dir = out.toAbsolutePath().normalize();
            ProjectData.Inputs inputs =
                    new ProjectData.Inputs(
                            org.flashsplat.project.SafePaths.store(dir, sceneArg),
                            org.flashsplat.project.SafePaths.store(dir, loaded.inputs().cameras()),
                            org.flashsplat.project.SafePaths.store(dir, set.folder()),
                            org.flashsplat.project.SafePaths.store(dir, imgs));
            ProjectData data = ProjectData.of(inputs).withSettings(settings).withObjects(objects);
            try (Project p = Project.create(dir, data)) {
                System.out.printf(
                        "created %s: %d objects, masks %s%n",
                        p.folder().resolve(Project.FILE), objects.size(), set.folder());
            }
            return 0;
        }

        private static Path guessImages(SceneInputs in) {
            for (Path base : new Path[] {in.ply(), in.cameras()}) {
                if (base == null) continue;
                Path dir = base.toAbsolutePath().getParent();
                if (dir != null && Files.isDirectory(dir.resolve("images")))
                    return dir.resolve("images");
            }
            return null;
        }
    }
}
