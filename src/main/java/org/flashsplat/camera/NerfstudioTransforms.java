package org.flashsplat.camera;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flashsplat.core.InputException;

/**
 * nerfstudio's {@code transforms.json}: per frame a camera-to-world matrix in OpenGL axes (x right,
 * y up, looking along -z) and intrinsics per frame or shared at the top level. Poses are given in
 * the frame that {@code applied_transform} (3x4, written by ns-process-data) moved the original
 * reconstruction into; cameras come out in the original frame and in the COLMAP convention of
 * {@link Camera}, so they line up with a 3DGS model trained on the same capture.
 */
public final class NerfstudioTransforms {
    private static final Set<String> DISTORTION = Set.of("k1", "k2", "k3", "k4", "p1", "p2");

    private NerfstudioTransforms() {}

    /** Whether a parsed JSON document is a transforms.json (an object with a "frames" list). */
    public static boolean looksLike(JsonNode root) {
        return root != null && root.isObject() && root.path("frames").isArray();
    }

    public static CameraSet read(Path file) throws IOException {
        JsonNode root = Jsons.read(file);
        if (!looksLike(root)) {
            throw new InputException(
                    file, null, "not a nerfstudio transforms.json (no \"frames\" list)");
        }
        double[] applied = appliedTransform(root, file);
        double[] undo = Rigid.inverse(applied);
        List<Camera> cameras = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean distortionWarned = false;
        JsonNode frames = root.get("frames");
        for (int i = 0; i < frames.size(); i++) {
            JsonNode f = frames.get(i);
            String place = "frame " + i;
            if (!f.isObject()) throw new InputException(file, place, "not a JSON object");
            JsonNode path = f.get("file_path");
            if (path == null || !path.isTextual())
                throw new InputException(file, place, "no \"file_path\"");
            String name = CameraSet.stem(path.asText());
            place = "frame " + i + " (" + name + ")";
            int w = (int) intrinsic(f, root, "w", file, place);
            int h = (int) intrinsic(f, root, "h", file, place);
            double fx = intrinsic(f, root, "fl_x", file, place);
            double fy = has(f, root, "fl_y") ? intrinsic(f, root, "fl_y", file, place) : fx;
            double cx = has(f, root, "cx") ? intrinsic(f, root, "cx", file, place) : w / 2.0;
            double cy = has(f, root, "cy") ? intrinsic(f, root, "cy", file, place) : h / 2.0;
            if (w <= 0 || h <= 0 || !(fx > 0) || !(fy > 0)) {
                throw new InputException(
                        file, place, "image size and focal lengths must be positive");
            }
            if (!distortionWarned && distorted(f, root)) {
                warnings.add(
                        file
                                + ": camera model "
                                + text(f, root, "camera_model", "PINHOLE")
                                + " with distortion; the distortion is ignored (pinhole projection)");
                distortionWarned = true;
            }
            double[] c2wGl = matrix(f.get("transform_matrix"), file, place);
            // OpenGL camera axes to COLMAP's (y down, looking along +z): negate columns 1 and 2.
            double[] c2w = c2wGl.clone();
            for (int r = 0; r < 3; r++) {
                c2w[r * 4 + 1] = -c2w[r * 4 + 1];
                c2w[r * 4 + 2] = -c2w[r * 4 + 2];
            }
            cameras.add(Rigid.toCamera(i, name, w, h, fx, fy, cx, cy, Rigid.compose(undo, c2w)));
        }
        return new CameraSet(file, cameras, warnings);
    }

    /** The 3x4 applied_transform of a transforms.json as a row-major 3x4, identity when absent. */
    static double[] appliedTransform(JsonNode root, Path file) {
        JsonNode a = root.get("applied_transform");
        if (a == null || a.isNull()) return Rigid.IDENTITY.clone();
        return Rigid.rows(a, 3, file, "applied_transform");
    }

    /** The applied_transform of the transforms.json at {@code file}; identity for other files. */
    public static double[] appliedTransform(Path file) throws IOException {
        JsonNode root = Jsons.read(file);
        return looksLike(root) ? appliedTransform(root, file) : Rigid.IDENTITY.clone();
    }

    private static boolean has(JsonNode f, JsonNode root, String key) {
        return f.hasNonNull(key) || root.hasNonNull(key);
    }

    private static String text(JsonNode f, JsonNode root, String key, String otherwise) {
        JsonNode v = f.hasNonNull(key) ? f.get(key) : root.get(key);
        return v == null || v.isNull() ? otherwise : v.asText();
    }

    private static double intrinsic(
            JsonNode f, JsonNode root, String key, Path file, String place) {
        JsonNode v = f.hasNonNull(key) ? f.get(key) : root.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new InputException(
                    file, place, "missing or non-numeric \"" + key + "\" (per frame or shared)");
        }
        return v.asDouble();
    }

    private static boolean distorted(JsonNode f, JsonNode root) {
        String model = text(f, root, "camera_model", "PINHOLE");
        if (!model.equals("PINHOLE") && !model.equals("OPENCV")) return true;
        for (String k : DISTORTION) {
            JsonNode v = f.hasNonNull(k) ? f.get(k) : root.get(k);
            if (v != null && v.isNumber() && v.asDouble() != 0) return true;
        }
        return false;
    }

    private static double[] matrix(JsonNode m, Path file, String place) {
        if (m == null || !m.isArray() || (m.size() != 4 && m.size() != 3)) {
            throw new InputException(
                    file, place, "\"transform_matrix\" must be 4 rows of 4 numbers");
        }
        return Rigid.rows(m, 3, file, place + " transform_matrix");
    }
}
