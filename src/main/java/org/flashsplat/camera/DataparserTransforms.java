package org.flashsplat.camera;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.InputException;

/**
 * nerfstudio's {@code dataparser_transforms.json}: the 3x4 transform and the scale its dataparser
 * applied to the poses of transforms.json before training ({@code pose' = transform x pose}, then
 * the translation times scale). A splatfacto PLY lives in that frame; moving the cameras there
 * lines them up with it.
 *
 * @param transform row-major 3x4
 */
public record DataparserTransforms(Path source, double[] transform, double scale) {
    public static final String FILE_NAME = "dataparser_transforms.json";

    public static DataparserTransforms read(Path file) throws IOException {
        JsonNode root = Jsons.read(file);
        if (root == null || !root.isObject() || !root.has("transform")) {
            throw new InputException(
                    file, null, "not a dataparser_transforms.json (no \"transform\")");
        }
        double[] t = Rigid.rows(root.get("transform"), 3, file, "transform");
        JsonNode s = root.get("scale");
        double scale = s == null ? 1 : s.asDouble(Double.NaN);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new InputException(file, "scale", "must be a positive number, got " + s);
        }
        return new DataparserTransforms(file, t, scale);
    }

    /**
     * The dataparser_transforms.json beside a scene (in its folder, or in the folder itself when
     * the scene is a folder, e.g. a nerfstudio run folder) or one folder up, or null.
     */
    public static Path locate(Path scene) {
        Path dir = Files.isDirectory(scene) ? scene : scene.toAbsolutePath().getParent();
        for (int up = 0; up < 2 && dir != null; up++, dir = dir.getParent()) {
            Path f = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }

    /**
     * The cameras moved into the dataparser's frame. Cameras from a transforms.json are first put
     * back in its applied_transform frame, the one the dataparser transform was computed in.
     */
    public CameraSet apply(CameraSet set) throws IOException {
        Path src = set.source();
        double[] applied =
                Files.isRegularFile(src) && src.toString().endsWith(".json")
                        ? NerfstudioTransforms.appliedTransform(src)
                        : Rigid.IDENTITY;
        double[] move = Rigid.compose(transform, applied);
        List<Camera> out = new ArrayList<>();
        for (Camera c : set.cameras()) {
            double[] pose = Rigid.compose(move, Rigid.cameraToWorld(c));
            for (int r = 0; r < 3; r++) pose[r * 4 + 3] *= scale;
            out.add(
                    Rigid.toCamera(
                            c.id(),
                            c.name(),
                            c.width(),
                            c.height(),
                            c.fx(),
                            c.fy(),
                            c.cx(),
                            c.cy(),
                            pose));
        }
        return new CameraSet(set.source(), out, set.warnings());
    }
}
