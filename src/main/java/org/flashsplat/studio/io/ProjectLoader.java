package org.flashsplat.studio.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.project.Samples;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.SceneFiles;
import org.flashsplat.scene.SceneFormat;
import org.flashsplat.scene.SceneInputs;

/**
 * The one place the studio reads inputs: finds the scene, cameras, images and masks in the folders
 * the user gives (in any order: model folder, dataset folder, masks folder) with the core readers,
 * and builds a {@link StudioProject}.
 */
public final class ProjectLoader {
    private static final List<String> MASK_DIRS = List.of("masks", "object_mask", "masks_gt");

    private ProjectLoader() {}

    /** The bundled sample (samples/tabletop), or a clear error saying where it was looked for. */
    public static Path locateSample() {
        return Samples.locate();
    }

    /**
     * Opens a model folder (point_cloud.ply or point_cloud/iteration_N), a COLMAP dataset or both;
     * a masks folder among {@code paths} replaces the masks found beside the scene.
     */
    public static StudioProject open(List<Path> paths, Progress progress) throws IOException {
        Path ply = null, cams = null, images = null, masks = null, root = null;
        boolean plyGiven = false;
        for (Path p : paths) {
            Path d = p.toAbsolutePath().normalize();
            if (Files.isRegularFile(d) && isSceneFile(d)) {
                ply = d;
                plyGiven = true;
                d = d.getParent();
            }
            if (!Files.isDirectory(d)) throw new InputException(p, null, "not a folder");
            if (isMaskFolder(d)) {
                masks = d;
                continue;
            }
            if (ply == null && hasScene(d)) ply = SceneInputs.findPly(d);
            if (root == null && ply != null) root = d;
            if (cams == null) cams = findCameras(d);
            if (images == null && Files.isDirectory(d.resolve("images")))
                images = d.resolve("images");
            for (String m : MASK_DIRS) {
                if (masks == null && Files.isDirectory(d.resolve(m))) masks = d.resolve(m);
            }
        }
        if (ply == null) {
            throw new InputException(
                    paths.getFirst(),
                    null,
                    "no scene: expected a 3DGS model folder (point_cloud/iteration_<n>/) or a"
                            + " point_cloud.ply");
        }
        // A PLY file on its own (an exported object, say) opens as a scene to look at; a folder
        // without cameras is more likely a mistake, so it stays an error.
        if (cams == null && !plyGiven) {
            throw new InputException(
                    root, null, "no cameras: add the dataset folder (sparse/0) or cameras.json");
        }
        progress.begin("Reading scene", 0);
        GaussianScene scene = SceneFiles.readScene(ply);
        CameraSet set = cams == null ? null : CameraReader.read(cams);
        List<Camera> cameras = set == null ? List.of() : set.cameras();
        List<Path> imageFiles = new ArrayList<>();
        Map<String, Path> byStem = images == null ? Map.of() : byStem(images);
        for (Camera c : cameras) imageFiles.add(byStem.get(c.name()));
        List<LabelMask> maskList = nulls(cameras.size());
        int[] colours = null;
        if (masks != null && !cameras.isEmpty()) {
            MaskSet maskSet = MaskSet.open(masks, cameras);
            maskList = maskSet.loadAll(cameras, progress);
            colours = maskSet.labelColours();
        }
        List<String> warnings = new ArrayList<>(scene.warnings());
        String maskChoice = maskChoice(masks, cameras.isEmpty());
        if (maskChoice != null) warnings.add(maskChoice);
        if (set != null) warnings.addAll(set.warnings());
        else warnings.add("no cameras beside " + ply.getFileName() + ": scene only, no views");
        return new StudioProject(
                root,
                // A PLY opened on its own (an exported object) is named by its file, not its
                // folder.
                plyGiven && !ply.getFileName().toString().equals("point_cloud.ply")
                        ? ply.getFileName().toString()
                        : root.getFileName().toString(),
                scene,
                List.copyOf(cameras),
                java.util.Collections.unmodifiableList(imageFiles),
                java.util.Collections.unmodifiableList(new ArrayList<>(maskList)),
                colours,
                warnings,
                new StudioProject.Sources(ply, cams, masks, images));
    }

    /**
     * Says which masks folder was taken when it had siblings that hold masks too (a dataset with
     * masks, masks_2x, masks_binary...), and how to take another; null when there was no choice.
     */
    static String maskChoice(Path masks, boolean noCameras) throws IOException {
        if (masks == null || noCameras || masks.getParent() == null) return null;
        List<String> others = new ArrayList<>();
        try (var s = Files.list(masks.getParent())) {
            for (Path d : s.sorted().toList()) {
                String n = d.getFileName().toString();
                if (!d.equals(masks)
                        && n.toLowerCase(Locale.ROOT).contains("mask")
                        && Files.isDirectory(d)
                        && isMaskFolder(d)) others.add(n);
            }
        }
        if (others.isEmpty()) return null;
        return "masks from "
                + masks.getFileName()
                + "/; also there: "
                + String.join(", ", others)
                + " (File > Import masks for all views… takes another)";
    }

    public static StudioProject open(List<Path> paths) throws IOException {
        return open(paths, Progress.NONE);
    }

    /** Reads a 3DGS PLY scene. */
    public static GaussianScene readScene(Path ply) throws IOException {
        return SceneFiles.readScene(ply);
    }

    /**
     * Masks from {@code folder} (any form the core reads: instance IDs, binary, palette, RGB, SAM
     * JSON) for {@code cameras}; null where a camera has none.
     */
    public static List<LabelMask> readMasks(Path folder, List<Camera> cameras, Progress progress) {
        return MaskSet.open(folder, cameras).loadAll(cameras, progress);
    }

    /** True for a folder holding only mask-like files (a masks folder dropped on the window). */
    public static boolean isMaskFolder(Path d) throws IOException {
        if (hasScene(d)) return false;
        try (Stream<Path> s = Files.list(d)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            return !files.isEmpty() && files.stream().allMatch(ProjectLoader::isMaskFile);
        }
    }

    /** A scene file in any form the readers know (PLY, compressed PLY, .spz, .sog, .splat). */
    private static boolean isSceneFile(Path f) throws IOException {
        String n = f.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".ply")
                || n.endsWith(".spz")
                || n.endsWith(".sog")
                || n.endsWith(".splat")
                || SceneFormat.isOtherForm(f);
    }

    private static boolean hasScene(Path d) {
        return Files.isRegularFile(d.resolve("point_cloud.ply"))
                || Files.isDirectory(d.resolve("point_cloud"));
    }

    private static Path findCameras(Path d) {
        // Prefer the model's cameras.json: it is at the resolution 3DGS trained at.
        if (Files.isRegularFile(d.resolve("cameras.json"))) return d.resolve("cameras.json");
        try {
            return CameraReader.locate(d);
        } catch (InputException e) {
            return null;
        }
    }

    private static boolean isMaskFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png")
                || n.endsWith(".jpg")
                || n.endsWith(".jpeg")
                || n.endsWith(".json");
    }

    private static Map<String, Path> byStem(Path folder) throws IOException {
        Map<String, Path> found = new HashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(ProjectLoader::isMaskFile).forEach(p -> found.put(stemOf(p), p));
        }
        return found;
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
}
