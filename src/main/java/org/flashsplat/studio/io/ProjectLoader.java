package org.flashsplat.studio.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.scene.GaussianScene;

/**
 * The one place the studio reads inputs. It finds the scene, cameras, images and masks in the
 * folders the user gives and builds a {@link StudioProject}. Uses small stop-gap readers until the
 * core's PlyReader, camera readers and MaskSet are on main; swapping them in touches only this
 * file.
 */
public final class ProjectLoader {
    private static final List<String> MASK_DIRS = List.of("masks", "object_mask", "masks_gt");

    private ProjectLoader() {}

    /** The bundled sample: samples/tabletop beside the working directory, else the test copy. */
    public static Path locateSample() {
        for (String p :
                List.of(
                        "samples/tabletop",
                        "../samples/tabletop",
                        "src/test/resources/golden/tabletop")) {
            Path d = Path.of(p).toAbsolutePath().normalize();
            if (Files.isDirectory(d)) return d;
        }
        throw new InputException(
                null, "sample", "the bundled sample (samples/tabletop) is missing");
    }

    /**
     * Opens a model folder (point_cloud.ply or point_cloud/iteration_N), a COLMAP dataset or both;
     * a masks folder among {@code paths} replaces the masks found beside the scene.
     */
    public static StudioProject open(List<Path> paths) throws IOException {
        Path ply = null, cams = null, sparse = null, images = null, masks = null, root = null;
        for (Path p : paths) {
            Path d = p.toAbsolutePath().normalize();
            if (Files.isRegularFile(d) && d.toString().endsWith(".ply")) {
                ply = d;
                d = d.getParent();
            }
            if (!Files.isDirectory(d)) throw new InputException(p, "path", "not a folder");
            if (ply == null) ply = findPly(d);
            if (root == null && ply != null) root = d;
            if (cams == null && Files.isRegularFile(d.resolve("cameras.json")))
                cams = d.resolve("cameras.json");
            if (sparse == null && Files.isRegularFile(d.resolve("sparse/0/images.txt")))
                sparse = d.resolve("sparse/0");
            if (images == null && Files.isDirectory(d.resolve("images")))
                images = d.resolve("images");
            if (isMaskFolder(d)) masks = d;
            for (String m : MASK_DIRS) {
                if (masks == null && Files.isDirectory(d.resolve(m))) masks = d.resolve(m);
            }
        }
        if (ply == null) throw new InputException(paths.getFirst(), "scene", "no point_cloud.ply");
        GaussianScene scene = readScene(ply);
        List<Camera> cameras;
        if (cams != null) cameras = readCamerasJson(cams);
        else if (sparse != null) cameras = ColmapText.read(sparse);
        else throw new InputException(root, "cameras", "no cameras.json or sparse/0");
        List<Path> imageFiles = new ArrayList<>();
        for (Camera c : cameras) imageFiles.add(images == null ? null : byStem(images, c.name()));
        List<LabelMask> maskList =
                masks == null ? nulls(cameras.size()) : readMasks(masks, cameras);
        List<String> warnings = new ArrayList<>(scene.warnings());
        return new StudioProject(
                root,
                root.getFileName().toString(),
                scene,
                List.copyOf(cameras),
                java.util.Collections.unmodifiableList(imageFiles),
                java.util.Collections.unmodifiableList(maskList),
                warnings);
    }

    /** Reads a 3DGS PLY scene. */
    public static GaussianScene readScene(Path ply) throws IOException {
        return GaussianScene.of(MiniPly.read(ply), ply);
    }

    /** Masks from {@code folder} matched to {@code cameras} by file stem; null where none. */
    public static List<LabelMask> readMasks(Path folder, List<Camera> cameras) throws IOException {
        List<LabelMask> out = new ArrayList<>();
        for (Camera c : cameras) {
            Path f = byStem(folder, c.name());
            out.add(f == null ? null : MaskImages.read(f, c.width(), c.height()));
        }
        return out;
    }

    /** True for a folder holding only image files (a masks folder dropped on the window). */
    public static boolean isMaskFolder(Path d) throws IOException {
        if (findPly(d) != null) return false;
        try (Stream<Path> s = Files.list(d)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            return !files.isEmpty() && files.stream().allMatch(ProjectLoader::isImage);
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static Path findPly(Path d) throws IOException {
        if (Files.isRegularFile(d.resolve("point_cloud.ply"))) return d.resolve("point_cloud.ply");
        Path pc = d.resolve("point_cloud");
        if (!Files.isDirectory(pc)) return null;
        try (Stream<Path> s = Files.list(pc)) {
            return s.filter(p -> p.getFileName().toString().startsWith("iteration_"))
                    .filter(p -> Files.isRegularFile(p.resolve("point_cloud.ply")))
                    .max(Comparator.comparingInt(ProjectLoader::iteration))
                    .map(p -> p.resolve("point_cloud.ply"))
                    .orElse(null);
        }
    }

    private static int iteration(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString().substring("iteration_".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path byStem(Path folder, String stem) throws IOException {
        Map<String, Path> found = new HashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(ProjectLoader::isImage).forEach(p -> found.put(stemOf(p), p));
        }
        return found.get(stemOf(Path.of(stem)));
    }

    private static String stemOf(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static <T> List<T> nulls(int n) {
        List<T> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(null);
        return l;
    }

    /** 3DGS cameras.json: camera centre and camera-to-world rotation rows (DESIGN.md 2). */
    static List<Camera> readCamerasJson(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Camera> out = new ArrayList<>();
        for (JsonNode n : root) {
            double[] c2w = new double[9];
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                    c2w[r * 3 + c] = n.get("rotation").get(r).get(c).asDouble();
            double[] pos = new double[3];
            for (int k = 0; k < 3; k++) pos[k] = n.get("position").get(k).asDouble();
            double[] rwc = new double[9];
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) rwc[r * 3 + c] = c2w[c * 3 + r];
            double[] t = new double[3];
            for (int r = 0; r < 3; r++)
                t[r] = -(rwc[r * 3] * pos[0] + rwc[r * 3 + 1] * pos[1] + rwc[r * 3 + 2] * pos[2]);
            out.add(
                    Camera.centred(
                            n.get("id").asInt(),
                            n.get("img_name").asText(),
                            n.get("width").asInt(),
                            n.get("height").asInt(),
                            n.get("fx").asDouble(),
                            n.get("fy").asDouble(),
                            rwc,
                            t));
        }
        out.sort(Comparator.comparing(Camera::name));
        return out;
    }
}
