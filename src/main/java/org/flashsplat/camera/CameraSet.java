package org.flashsplat.camera;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flashsplat.core.InputException;

/**
 * The training cameras of a scene, sorted by name so every run sees them in the same order, with
 * the warnings raised while reading them (ignored distortion, off-centre principal point).
 *
 * @param source the file or folder they were read from
 */
public record CameraSet(Path source, List<Camera> cameras, List<String> warnings) {
    public CameraSet {
        List<Camera> sorted = new ArrayList<>(cameras);
        sorted.sort(Comparator.comparing(Camera::name));
        Map<String, Camera> seen = new HashMap<>();
        for (Camera c : sorted) {
            Camera before = seen.put(c.name(), c);
            if (before != null) {
                throw new InputException(
                        source,
                        "image " + c.name(),
                        "duplicate image name \""
                                + c.name()
                                + "\" (ids "
                                + before.id()
                                + " and "
                                + c.id()
                                + "); masks are matched by name, so names must be unique");
            }
        }
        cameras = List.copyOf(sorted);
        warnings = List.copyOf(warnings);
    }

    public int size() {
        return cameras.size();
    }

    /** The camera whose image stem is {@code name}, or null. */
    public Camera byName(String name) {
        for (Camera c : cameras) if (c.name().equals(name)) return c;
        return null;
    }

    /**
     * The image stem cameras and masks are matched by: the file name without folders and without an
     * image extension (other dots are kept, "frame.0001.jpg" is "frame.0001").
     */
    public static String stem(String imageName) {
        String n = imageName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        if (dot > 0) {
            String ext = n.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (IMAGE_EXTENSIONS.contains(ext)) n = n.substring(0, dot);
        }
        return n;
    }

    private static final List<String> IMAGE_EXTENSIONS =
            List.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp", "exr", "heic", "gif");
}
