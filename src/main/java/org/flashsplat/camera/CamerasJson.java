package org.flashsplat.camera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.InputException;

/**
 * The {@code cameras.json} a 3DGS training run writes beside its model. It stores the camera centre
 * ("position") and the camera-to-world rotation ("rotation", rows), so the world-to-camera form is
 * {@code R = rotation^T}, {@code t = -R * position}. It has no principal point: the image centre.
 */
public final class CamerasJson {
    private CamerasJson() {}

    public static CameraSet read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String place =
                    loc == null
                            ? null
                            : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InputException(
                    file, place, "not valid JSON: " + org.flashsplat.core.Json.problem(e));
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new InputException(file, null, "no such file");
        }
        if (root == null || !root.isArray()) {
            throw new InputException(
                    file, null, "expected a JSON list of cameras (the 3DGS cameras.json form)");
        }
        if (root.isEmpty()) throw new InputException(file, null, "the camera list is empty");
        List<Camera> cameras = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) cameras.add(camera(root.get(i), i, file, warnings));
        if (warnings.size() > 3) {
            int more = warnings.size() - 3;
            warnings = new ArrayList<>(warnings.subList(0, 3));
            warnings.add("... and " + more + " more cameras with not quite orthonormal rotations");
        }
        return new CameraSet(file, cameras, warnings);
    }

    private static Camera camera(JsonNode n, int index, Path file, List<String> warnings) {
        String place = "camera " + index;
        if (n == null || !n.isObject()) throw new InputException(file, place, "not a JSON object");
        JsonNode nameNode = n.get("img_name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new InputException(file, place, "missing or non-text \"img_name\"");
        }
        String name = CameraSet.stem(nameNode.asText());
        place = "camera " + index + " (" + name + ")";
        int id = n.has("id") ? integer(n, "id", file, place) : index;
        int width = integer(n, "width", file, place);
        int height = integer(n, "height", file, place);
        double fx = number(n.get("fx"), "fx", file, place);
        double fy = number(n.get("fy"), "fy", file, place);
        CameraChecks.intrinsics(file, place, "", width, height, fx, fy);
        double[] c = vector(n.get("position"), 3, "position", file, place);
        JsonNode rot = n.get("rotation");
        if (rot == null || !rot.isArray() || rot.size() != 3) {
            throw new InputException(file, place, "\"rotation\" must be 3 rows of 3 numbers");
        }
        double[] camToWorld = new double[9];
        for (int r = 0; r < 3; r++) {
            double[] row = vector(rot.get(r), 3, "rotation row " + r, file, place);
            System.arraycopy(row, 0, camToWorld, r * 3, 3);
        }
        String mild = CameraChecks.rotation(file, place, camToWorld);
        if (mild != null) warnings.add(mild);
        double[] rwc = new double[9];
        for (int r = 0; r < 3; r++)
            for (int k = 0; k < 3; k++) rwc[r * 3 + k] = camToWorld[k * 3 + r];
        double[] t = new double[3];
        for (int r = 0; r < 3; r++) {
            t[r] = -(rwc[r * 3] * c[0] + rwc[r * 3 + 1] * c[1] + rwc[r * 3 + 2] * c[2]);
        }
        return Camera.centred(id, name, width, height, fx, fy, rwc, t);
    }

    private static int integer(JsonNode n, String field, Path file, String place) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InputException(file, place, "missing or non-integer \"" + field + "\"");
        }
        return v.asInt();
    }

    private static double number(JsonNode v, String field, Path file, String place) {
        if (v == null || !v.isNumber()) {
            throw new InputException(file, place, "missing or non-numeric \"" + field + "\"");
        }
        return v.asDouble();
    }

    private static double[] vector(JsonNode v, int size, String field, Path file, String place) {
        if (v == null || !v.isArray() || v.size() != size) {
            throw new InputException(file, place, "\"" + field + "\" must be " + size + " numbers");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = number(v.get(i), field, file, place);
            if (!Double.isFinite(out[i])) {
                throw new InputException(file, place, "\"" + field + "\" is not finite");
            }
        }
        return out;
    }
}
