package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.flashsplat.cleanup.CleanedObjects;
import org.flashsplat.cleanup.FloaterFilter;
import org.flashsplat.core.InputException;
import org.flashsplat.core.OutputFolder;
import org.flashsplat.raster.Memberships;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.SceneFormat;
import org.flashsplat.scene.SceneInputs;
import org.flashsplat.scene.SceneWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Objects as PLY files, or the scene without them; every property of the input is kept. */
@Command(
        name = "export",
        description =
                "Write chosen objects as scene files (PLY, or the input's .spz or compressed PLY;"
                        + " --format to choose), or the scene without them (--remove).")
public final class ExportCommand implements Callable<Integer> {
    @Option(
            names = "--scene",
            required = true,
            paramLabel = "PLY|MODEL_DIR",
            description = "The scene.")
    Path scene;

    @Option(
            names = "--segments",
            required = true,
            paramLabel = "FILE.npy",
            description = "segments.npy of segment.")
    Path segments;

    @Option(
            names = "--objects",
            required = true,
            split = ",",
            paramLabel = "K",
            description = "Objects, e.g. 1,3.")
    List<Integer> objects;

    @Option(names = "--remove", description = "Write the scene without these objects instead.")
    boolean remove;

    @Option(
            names = "--clean",
            arity = "0..1",
            fallbackValue = "" + FloaterFilter.DEFAULT_STRENGTH,
            paramLabel = "STRENGTH",
            description =
                    "Remove each object's floaters first; strength in (0, 1], "
                            + "default when given without a value: ${FALLBACK-VALUE}.")
    Double clean;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "FORM",
            converter = SceneFormatConverter.class,
            description = SceneFormatConverter.DESCRIPTION)
    SceneFormat format;

    @Override
    public Integer call() throws Exception {
        try (OutputFolder folder = OutputFolder.open(out)) {
            int status = run(folder.staging());
            folder.commit();
            return status;
        }
    }

    /**
     * The run itself, writing into {@code out}: the staging folder, moved into place by {@link
     * OutputFolder#commit} (the parameter shadows the option on purpose).
     */
    private int run(Path out) throws Exception {
        GaussianScene s = SceneInputs.resolve(scene, null).loadScene();
        SceneFormat form = format != null ? format : SceneWriter.exportFormat(s.source());
        for (String w : s.warnings()) System.out.println("warning: " + w);
        Memberships read = SegmentsFile.read(segments, s.count());
        CleanedObjects m = CleanedObjects.clean(s, read, clean == null ? 0 : clean);
        if (clean != null)
            for (int k : objects)
                if (k >= 1 && k <= m.objects())
                    System.out.printf(
                            "object %d: cleanup removed %,d floaters%n", k, m.removedCount(k - 1));
        for (int k : objects) {
            if (k < 1 || k > m.objects()) {
                throw new InputException(
                        null,
                        "--objects",
                        "object " + k + " does not exist (1.." + m.objects() + ")");
            }
        }
        if (remove) {
            boolean[] keep = new boolean[s.count()];
            int kept = 0;
            for (int i = 0; i < keep.length; i++) {
                boolean in = false;
                for (int k : objects) in |= m.contains(k - 1, i);
                keep[i] = !in;
                if (keep[i]) kept++;
            }
            String name =
                    "scene_without_"
                            + objects.stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining("_"));
            Path file = out.resolve(name + form.extension);
            SceneWriter.write(file, s.table().select(keep), form);
            System.out.printf(
                    "%s: %,d of %,d Gaussians%n",
                    this.out.resolve(file.getFileName()), kept, s.count());
        } else {
            for (int k : objects) {
                boolean[] keep = new boolean[s.count()];
                int kept = 0;
                for (int i = 0; i < keep.length; i++) {
                    keep[i] = m.contains(k - 1, i);
                    if (keep[i]) kept++;
                }
                Path file = out.resolve("object_" + k + form.extension);
                SceneWriter.write(file, s.table().select(keep), form);
                System.out.printf(
                        "%s: %,d Gaussians%n", this.out.resolve(file.getFileName()), kept);
            }
        }
        return 0;
    }
}
