package org.flashsplat.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.Samples;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.SceneInputs;
import picocli.CommandLine.Option;

/** The inputs most commands share; without --scene they default to the bundled sample. */
public final class SceneOptions {
    @Option(
            names = "--scene",
            paramLabel = "PLY|MODEL_DIR",
            description = "Scene PLY or 3DGS model folder " + "(default: the bundled sample).")
    Path scene;

    @Option(
            names = "--cameras",
            paramLabel = "JSON|SPARSE_DIR",
            description =
                    "cameras.json, COLMAP sparse folder "
                            + "or dataset folder (default: the model's cameras.json).")
    Path cameras;

    /** The scene and cameras, loaded. */
    public record Loaded(
            SceneInputs inputs, GaussianScene scene, CameraSet cameras, boolean sample) {}

    public boolean usesSample() {
        return scene == null;
    }

    public Loaded load(Progress progress) throws IOException {
        boolean sample = scene == null;
        Path s = sample ? Samples.locate() : scene;
        if (sample && cameras == null) progress.message("using the bundled sample: " + s);
        SceneInputs in = SceneInputs.resolve(s, cameras);
        GaussianScene g = in.loadScene();
        for (String w : g.warnings()) progress.message("warning: " + in.ply() + ": " + w);
        CameraSet cams = in.loadCameras();
        for (String w : cams.warnings()) progress.message("warning: " + w);
        return new Loaded(in, g, cams, sample);
    }

    /** The masks folder given, or the sample's {@code masks/} when running on the sample. */
    public static MaskSet masks(Path masks, Loaded loaded) {
        Path folder = masks;
        if (folder == null) {
            if (!loaded.sample())
                throw new InputException(null, "--masks", "name the folder of masks to lift");
            folder = Samples.locate().resolve("masks");
        }
        return MaskSet.open(folder, loaded.cameras().cameras());
    }
}
