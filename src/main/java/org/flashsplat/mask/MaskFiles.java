package org.flashsplat.mask;

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
import org.flashsplat.core.InputException;

/**
 * Lists a mask folder and matches its files to cameras by file stem.
 *
 * <p>Matching rule: a mask's key is its file name without the mask extension (.png, .jpg, .jpeg,
 * .json, any case). It matches the camera whose name equals the key; failing that, the key or the
 * camera name with one trailing image extension removed (so {@code IMG_1.JPG.png} matches camera
 * {@code IMG_1}, and {@code IMG_1.png} matches a camera named {@code IMG_1.JPG}). Names are
 * compared case-sensitively, as on the file systems datasets are made on. Two files matching one
 * camera at the same level are an error; an exact match wins over a tolerant one. Hidden files and
 * other extensions are ignored (and counted in the summary).
 */
final class MaskFiles {
    private MaskFiles() {}

    private static final List<String> MASK_EXTENSIONS = List.of("png", "jpg", "jpeg", "json");
    private static final List<String> IMAGE_EXTENSIONS =
            List.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp", "exr");

    /** A mask file, the camera it belongs to (or null) and its header or the problem reading it. */
    record Entry(
            Path path,
            String key,
            Camera camera,
            MaskImages.Header header,
            List<SamJson.Entry> sam,
            InputException problem) {
        String name() {
            return path.getFileName().toString();
        }

        Entry withProblem(InputException p) {
            return new Entry(path, key, camera, header, sam, p);
        }
    }

    record Listing(List<Path> masks, int ignored) {}

    static Listing list(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InputException(folder, null, "mask folder does not exist");
        }
        List<Path> masks = new ArrayList<>();
        int ignored = 0;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(p)) continue;
                if (MASK_EXTENSIONS.contains(extension(name))) masks.add(p);
                else ignored++;
            }
        } catch (IOException e) {
            throw new InputException(folder, null, "cannot list: " + e.getMessage(), e);
        }
        if (masks.isEmpty()) {
            throw new InputException(folder, null, "no mask files (.png, .jpg, .jpeg or .json)");
        }
        return new Listing(masks, ignored);
    }

    /** Camera for each mask path (null when none matches), in the order of {@code masks}. */
    static Camera[] match(Path folder, List<Path> masks, List<Camera> cameras) {
        Map<String, Camera> exact = new HashMap<>(), loose = new HashMap<>();
        for (Camera c : cameras) {
            exact.putIfAbsent(c.name(), c);
            loose.putIfAbsent(stripImageExtension(c.name()), c);
        }
        Camera[] out = new Camera[masks.size()];
        int[] level = new int[masks.size()];
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < masks.size(); i++) {
            String key = key(masks.get(i));
            Camera c = exact.get(key);
            level[i] = 0;
            if (c == null) {
                level[i] = 1;
                c = exact.get(stripImageExtension(key));
                if (c == null) c = loose.get(key);
                if (c == null) c = loose.get(stripImageExtension(key));
            }
            if (c == null) continue;
            Integer prev = owner.get(c.name());
            if (prev == null || level[i] < level[prev]) {
                if (prev != null) out[prev] = null;
                owner.put(c.name(), i);
                out[i] = c;
            } else if (level[i] == level[prev]) {
                throw new InputException(
                        folder,
                        null,
                        "two masks for camera "
                                + c.name()
                                + ": "
                                + masks.get(prev).getFileName()
                                + " and "
                                + masks.get(i).getFileName());
            }
        }
        return out;
    }

    static String key(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static String stripImageExtension(String s) {
        String ext = extension(s);
        return IMAGE_EXTENSIONS.contains(ext) ? s.substring(0, s.length() - ext.length() - 1) : s;
    }

    /** Reads a file's header (PNG IHDR, JPEG header, or the whole SAM JSON). */
    static Entry probe(Path path, Camera camera) {
        String ext = extension(path.getFileName().toString());
        try {
            MaskImages.Header h;
            List<SamJson.Entry> sam = null;
            switch (ext) {
                case "png" -> h = MaskImages.pngHeader(path);
                case "json" -> {
                    sam = SamJson.read(path);
                    // An empty list (nothing found) has no size: it becomes an empty mask.
                    h =
                            sam.isEmpty()
                                    ? new MaskImages.Header(MaskImages.Kind.SAM, 0, 0, 32)
                                    : new MaskImages.Header(
                                            MaskImages.Kind.SAM,
                                            sam.get(0).width(),
                                            sam.get(0).height(),
                                            32);
                }
                default -> h = MaskImages.jpegHeader(path);
            }
            Entry e = new Entry(path, key(path), camera, h, sam, null);
            return camera == null ? e : e.withProblem(sizeProblem(path, h, camera));
        } catch (InputException e) {
            return new Entry(path, key(path), camera, null, null, e);
        }
    }

    /** The problem with resampling a mask of this header to the camera, or null when it fits. */
    static InputException sizeProblem(Path path, MaskImages.Header h, Camera c) {
        if (h.width() == 0
                || MaskResampler.sameAspect(h.width(), h.height(), c.width(), c.height())) {
            return null;
        }
        return new InputException(
                path,
                "size",
                String.format(
                        Locale.ROOT,
                        "mask is %dx%d but camera %s is %dx%d: aspect ratios %.4f and %.4f differ"
                                + " by more than 1%%",
                        h.width(),
                        h.height(),
                        c.name(),
                        c.width(),
                        c.height(),
                        (double) h.width() / h.height(),
                        (double) c.width() / c.height()));
    }
}
