package org.flashsplat.scene;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.core.InputException;

/**
 * What {@code --scene} and {@code --cameras} point at, resolved to files. A 3DGS model folder gives
 * both: the PLY of its last iteration and its cameras.json, used unless cameras are named.
 *
 * @param ply the scene file (PLY, compressed PLY, .spz, .sog, .splat) or unbundled SOG folder
 * @param cameras a cameras.json or COLMAP folder (see {@link CameraReader#locate}), or null
 */
public record SceneInputs(Path ply, Path cameras) {
    private static final Pattern ITERATION = Pattern.compile("iteration_(\\d+)");

    /**
     * Resolves a scene (PLY file or model folder) and optional cameras (cameras.json, COLMAP sparse
     * folder or dataset folder); without cameras the model's cameras.json is used if present.
     */
    public static SceneInputs resolve(Path scene, Path cameras) throws IOException {
        Path ply = findPly(scene);
        Path cams = cameras != null ? CameraReader.locate(cameras) : defaultCameras(scene);
        return new SceneInputs(ply, cams);
    }

    public GaussianScene loadScene() throws IOException {
        return SceneFiles.readScene(ply);
    }

    /** Reads the cameras; fails with a message naming the option if there are none. */
    public CameraSet loadCameras() throws IOException {
        if (cameras == null) {
            throw new InputException(
                    ply,
                    null,
                    "no cameras: the scene has no cameras.json beside it; name them with --cameras"
                            + " (a cameras.json, a COLMAP sparse folder or a dataset folder)");
        }
        return CameraReader.read(cameras);
    }

    /**
     * The scene PLY for a file or a 3DGS model folder ({@code point_cloud/iteration_<n>/}, the
     * largest n that has a point_cloud.ply).
     */
    public static Path findPly(Path scene) throws IOException {
        if (!Files.exists(scene)) throw new InputException(scene, null, "no such file or folder");
        if (Files.isRegularFile(scene)) return scene;
        if (Files.isRegularFile(scene.resolve("meta.json"))) return scene; // an unbundled SOG
        Path pc = scene.resolve("point_cloud");
        if (Files.isDirectory(pc)) {
            Path best = null;
            long bestIteration = -1;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(pc)) {
                for (Path d : ds) {
                    Matcher m = ITERATION.matcher(d.getFileName().toString());
                    if (!m.matches() || !Files.isRegularFile(d.resolve("point_cloud.ply"))) {
                        continue;
                    }
                    long it = parseIteration(m.group(1));
                    if (it > bestIteration) {
                        bestIteration = it;
                        best = d.resolve("point_cloud.ply");
                    }
                }
            }
            if (best != null) return best;
            throw new InputException(
                    pc, null, "no iteration_<n>/point_cloud.ply in this 3DGS model folder");
        }
        if (Files.isRegularFile(scene.resolve("point_cloud.ply"))) {
            return scene.resolve("point_cloud.ply");
        }
        throw new InputException(
                scene,
                null,
                "no scene found: expected a .ply file, or a 3DGS model folder with"
                        + " point_cloud/iteration_<n>/point_cloud.ply");
    }

    private static long parseIteration(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // absurdly many digits: still "largest"
        }
    }

    /** The model folder's cameras.json for a scene path, or null if there is none. */
    public static Path defaultCameras(Path scene) {
        Path model = scene;
        if (Files.isRegularFile(scene)) {
            Path dir = scene.toAbsolutePath().getParent();
            Path up = dir == null ? null : dir.getParent();
            boolean inIteration =
                    dir != null
                            && ITERATION.matcher(dir.getFileName().toString()).matches()
                            && up != null
                            && up.getFileName() != null
                            && up.getFileName().toString().equals("point_cloud");
            model = inIteration ? up.getParent() : dir;
        }
        if (model == null) return null;
        Path json = model.resolve("cameras.json");
        return Files.isRegularFile(json) ? json : null;
    }
}
