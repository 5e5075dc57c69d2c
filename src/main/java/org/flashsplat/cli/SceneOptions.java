package org.flashsplat.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.camera.DataparserTransforms;
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
            paramLabel = "SCENE",
            description =
                    "Scene file (.ply, .compressed.ply, .spz, .sog, .splat), SOG folder or 3DGS"
                            + " model folder (default: the bundled sample).")
    Path scene;

    @Option(
            names = "--cameras",
            paramLabel = "JSON|SPARSE_DIR",
            description =
                    "cameras.json, nerfstudio transforms.json, COLMAP sparse folder or dataset"
                            + " folder (default: the model's cameras.json).")
    Path cameras;

    @Option(
            names = "--dataparser-transforms",
            paramLabel = "JSON",
            description =
                    "nerfstudio dataparser_transforms.json: move the cameras into the frame of a"
                            + " splatfacto scene (found by itself beside the scene, or in the run"
                            + " folder, when the cameras are a transforms.json).")
    Path dataparser;

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
        Path dp = dataparser;
        if (dp == null && in.cameras() != null && CameraReader.isNerfstudio(in.cameras())) {
            dp = DataparserTransforms.locate(in.ply());
            if (dp != null) progress.message("cameras moved into the dataparser frame of " + dp);
        }
        if (dp != null) cams = DataparserTransforms.read(dp).apply(cams);
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
