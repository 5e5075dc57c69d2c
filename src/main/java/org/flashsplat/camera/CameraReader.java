package org.flashsplat.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.InputException;

/**
 * Reads cameras from whatever the user points at: a 3DGS {@code cameras.json}, a nerfstudio {@code
 * transforms.json}, a COLMAP sparse model folder (text or binary), or a dataset folder holding
 * {@code sparse/0}.
 */
public final class CameraReader {
    private CameraReader() {}

    public static CameraSet read(Path path) throws IOException {
        Path found = locate(path);
        if (Files.isDirectory(found)) return ColmapReader.read(found);
        return isNerfstudio(found) ? NerfstudioTransforms.read(found) : CamerasJson.read(found);
    }

    /** Whether a JSON cameras file is a nerfstudio transforms.json (an object with "frames"). */
    public static boolean isNerfstudio(Path json) throws IOException {
        return Files.isRegularFile(json) && NerfstudioTransforms.looksLike(Jsons.read(json));
    }

    /**
     * The cameras.json file or COLMAP folder that {@link #read} would use for {@code path}, or an
     * {@link InputException} saying what was looked for.
     */
    public static Path locate(Path path) {
        if (!Files.exists(path)) throw new InputException(path, null, "no such file or folder");
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) return path;
            if (name.matches("(cameras|images)\\.(txt|bin)")) {
                Path dir = path.toAbsolutePath().getParent();
                if (ColmapReader.isSparseDir(dir)) return dir;
                throw new InputException(
                        dir, null, "incomplete COLMAP model: needs both cameras and images files");
            }
            throw new InputException(
                    path,
                    null,
                    "not a cameras file: expected a 3DGS cameras.json or a COLMAP sparse folder");
        }
        for (Path candidate :
                new Path[] {path, path.resolve("sparse").resolve("0"), path.resolve("sparse")}) {
            if (ColmapReader.isSparseDir(candidate)) return candidate;
        }
        if (Files.isRegularFile(path.resolve("cameras.json"))) return path.resolve("cameras.json");
        if (Files.isRegularFile(path.resolve("transforms.json"))) {
            return path.resolve("transforms.json");
        }
        throw new InputException(
                path,
                null,
                "no cameras found: looked for cameras.json, transforms.json, sparse/0/, sparse/ and this folder"
                        + " itself as a COLMAP model ({cameras,images}.{txt,bin})");
    }
}
