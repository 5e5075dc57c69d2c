package org.flashsplat.camera;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.flashsplat.core.InputException;

/**
 * COLMAP's sparse model ({@code sparse/0}): {@code cameras} (intrinsics) and {@code images}
 * (world-to-camera pose per image), as text or binary. {@code points3D} is not needed.
 */
public final class ColmapReader {
    /** One entry of cameras.txt/.bin; {@code place} locates it for messages. */
    record Intrinsics(
            int id, ColmapModel model, long width, long height, double[] params, String place) {}

    /** One entry of images.txt/.bin: quaternion (w, x, y, z) and translation, world to camera. */
    record Image(int id, double[] q, double[] t, int cameraId, String name, String place) {}

    private ColmapReader() {}

    /** True if {@code dir} holds a text or binary COLMAP model. */
    public static boolean isSparseDir(Path dir) {
        return (Files.isRegularFile(dir.resolve("cameras.txt"))
                        && Files.isRegularFile(dir.resolve("images.txt")))
                || (Files.isRegularFile(dir.resolve("cameras.bin"))
                        && Files.isRegularFile(dir.resolve("images.bin")));
    }

    /** Reads the text model if there is one, else the binary one. */
    public static CameraSet read(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("cameras.txt"))
                && Files.isRegularFile(dir.resolve("images.txt"))) {
            return readText(dir);
        }
        if (Files.isRegularFile(dir.resolve("cameras.bin"))
                && Files.isRegularFile(dir.resolve("images.bin"))) {
            return readBinary(dir);
        }
        throw new InputException(
                dir,
                null,
                "no COLMAP model here: expected cameras.txt and images.txt, or cameras.bin and"
                        + " images.bin");
    }

    public static CameraSet readText(Path dir) throws IOException {
        Path camFile = dir.resolve("cameras.txt"), imgFile = dir.resolve("images.txt");
        Map<Integer, Intrinsics> cams = new LinkedHashMap<>();
        List<String> lines = lines(camFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String place = "line " + (i + 1);
            String[] w = line.split("\\s+");
            if (w.length < 4)
                throw malformed(camFile, place, line, "CAMERA_ID MODEL WIDTH HEIGHT PARAMS...");
            ColmapModel model = ColmapModel.byName(w[1]);
            if (model == null) {
                throw new InputException(camFile, place, "unknown camera model \"" + w[1] + "\"");
            }
            if (w.length != 4 + model.params) {
                throw new InputException(
                        camFile,
                        place,
                        String.format(
                                Locale.ROOT,
                                "%s needs %d parameters, the line has %d",
                                model,
                                model.params,
                                w.length - 4));
            }
            double[] params = new double[model.params];
            try {
                int id = Integer.parseInt(w[0]);
                long width = Long.parseLong(w[2]), height = Long.parseLong(w[3]);
                for (int k = 0; k < params.length; k++) params[k] = Double.parseDouble(w[4 + k]);
                add(cams, new Intrinsics(id, model, width, height, params, place), camFile);
            } catch (NumberFormatException e) {
                throw malformed(camFile, place, line, "CAMERA_ID MODEL WIDTH HEIGHT PARAMS...");
            }
        }
        List<Image> images = new ArrayList<>();
        lines = lines(imgFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String place = "line " + (i + 1);
            String[] w = line.split("\\s+", 10);
            String expected = "IMAGE_ID QW QX QY QZ TX TY TZ CAMERA_ID NAME";
            if (w.length < 10) throw malformed(imgFile, place, line, expected);
            try {
                int id = Integer.parseInt(w[0]);
                double[] q = new double[4], t = new double[3];
                for (int k = 0; k < 4; k++) q[k] = Double.parseDouble(w[1 + k]);
                for (int k = 0; k < 3; k++) t[k] = Double.parseDouble(w[5 + k]);
                int cameraId = Integer.parseInt(w[8]);
                images.add(new Image(id, q, t, cameraId, w[9].strip(), place));
            } catch (NumberFormatException e) {
                throw malformed(imgFile, place, line, expected);
            }
            // Each image line is followed by its 2D points line, which may be empty: skip it as
            // COLMAP does, whatever it holds.
            i++;
        }
        return assemble(dir, imgFile, cams, images);
    }

    public static CameraSet readBinary(Path dir) throws IOException {
        Path camFile = dir.resolve("cameras.bin"), imgFile = dir.resolve("images.bin");
        Map<Integer, Intrinsics> cams = new LinkedHashMap<>();
        try (LittleEndianInput in = new LittleEndianInput(camFile)) {
            long n = in.count("cameras", 24);
            for (long k = 0; k < n; k++) {
                String place = "byte " + in.offset() + " (camera " + k + ")";
                int id = in.int32();
                int modelId = in.int32();
                ColmapModel model = ColmapModel.byId(modelId);
                if (model == null) {
                    throw new InputException(camFile, place, "unknown camera model id " + modelId);
                }
                long width = in.uint64(), height = in.uint64();
                double[] params = new double[model.params];
                for (int p = 0; p < params.length; p++) params[p] = in.float64();
                add(cams, new Intrinsics(id, model, width, height, params, place), camFile);
            }
        }
        List<Image> images = new ArrayList<>();
        try (LittleEndianInput in = new LittleEndianInput(imgFile)) {
            long n = in.count("images", 64);
            for (long k = 0; k < n; k++) {
                String place = "byte " + in.offset() + " (image " + k + ")";
                int id = in.int32();
                double[] q = new double[4], t = new double[3];
                for (int c = 0; c < 4; c++) q[c] = in.float64();
                for (int c = 0; c < 3; c++) t[c] = in.float64();
                int cameraId = in.int32();
                String name = in.cString();
                long points = in.uint64();
                in.skip(points, 24, "2D points of image " + name);
                images.add(new Image(id, q, t, cameraId, name, place));
            }
        }
        return assemble(dir, imgFile, cams, images);
    }

    private static void add(Map<Integer, Intrinsics> cams, Intrinsics c, Path file) {
        CameraChecks.finite(file, c.place(), "camera " + c.id() + " parameters", c.params());
        double[] f = c.model().pinhole(c.params());
        CameraChecks.intrinsics(
                file, c.place(), "camera " + c.id() + ": ", c.width(), c.height(), f[0], f[1]);
        if (cams.put(c.id(), c) != null) {
            throw new InputException(file, c.place(), "camera id " + c.id() + " is defined twice");
        }
    }

    private static CameraSet assemble(
            Path dir, Path imgFile, Map<Integer, Intrinsics> cams, List<Image> images) {
        List<Camera> out = new ArrayList<>();
        TreeSet<Integer> distorted = new TreeSet<>(), offCentre = new TreeSet<>();
        TreeSet<String> distortedModels = new TreeSet<>();
        double worstOffset = 0;
        for (Image im : images) {
            Intrinsics c = cams.get(im.cameraId());
            if (c == null) {
                throw new InputException(
                        imgFile,
                        im.place(),
                        "image "
                                + im.name()
                                + " refers to camera id "
                                + im.cameraId()
                                + ", which cameras."
                                + extension(imgFile)
                                + " does not define");
            }
            double qn =
                    Math.sqrt(
                            im.q()[0] * im.q()[0]
                                    + im.q()[1] * im.q()[1]
                                    + im.q()[2] * im.q()[2]
                                    + im.q()[3] * im.q()[3]);
            CameraChecks.finite(imgFile, im.place(), "translation of image " + im.name(), im.t());
            if (!(qn > 0) || !Double.isFinite(qn)) {
                throw new InputException(
                        imgFile,
                        im.place(),
                        "image " + im.name() + " has a zero or non-finite rotation quaternion");
            }
            double[] f = c.model().pinhole(c.params());
            int w = (int) c.width(), h = (int) c.height();
            if (c.model().hasDistortion() && distorted.add(c.id())) {
                distortedModels.add(c.model().name());
            }
            double off = Math.max(Math.abs(f[2] - w / 2.0), Math.abs(f[3] - h / 2.0));
            if (off > 1 && offCentre.add(c.id())) worstOffset = Math.max(worstOffset, off);
            out.add(
                    new Camera(
                            im.id(),
                            CameraSet.stem(im.name()),
                            w,
                            h,
                            f[0],
                            f[1],
                            f[2],
                            f[3],
                            rotation(im.q()),
                            im.t()));
        }
        if (out.isEmpty()) throw new InputException(imgFile, null, "the model has no images");
        List<String> warnings = new ArrayList<>();
        if (!distorted.isEmpty()) {
            warnings.add(
                    String.format(
                            Locale.ROOT,
                            "lens distortion ignored for %d COLMAP camera(s) (%s): the forward pass is a"
                                    + " pinhole; undistort the images for exact results",
                            distorted.size(),
                            String.join(", ", distortedModels)));
        }
        if (!offCentre.isEmpty()) {
            warnings.add(
                    String.format(
                            Locale.ROOT,
                            "principal point more than 1 px from the image centre for %d COLMAP camera(s)"
                                    + " (up to %.1f px, camera id %d): the forward pass assumes the centre",
                            offCentre.size(),
                            worstOffset,
                            offCentre.first()));
        }
        return new CameraSet(dir, out, warnings);
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString();
        return n.substring(n.lastIndexOf('.') + 1);
    }

    /** COLMAP's qvec2rotmat, on the normalised quaternion (w, x, y, z). */
    static double[] rotation(double[] q) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        double w = q[0] / n, x = q[1] / n, y = q[2] / n, z = q[3] / n;
        return new double[] {
            1 - 2 * y * y - 2 * z * z,
            2 * x * y - 2 * w * z,
            2 * z * x + 2 * w * y,
            2 * x * y + 2 * w * z,
            1 - 2 * x * x - 2 * z * z,
            2 * y * z - 2 * w * x,
            2 * z * x - 2 * w * y,
            2 * y * z + 2 * w * x,
            1 - 2 * x * x - 2 * y * y
        };
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new InputException(file, null, "no such file");
        } catch (java.io.UncheckedIOException e) {
            throw new InputException(file, null, "not a text file: " + e.getCause().getMessage());
        }
    }

    private static InputException malformed(Path file, String place, String line, String expected) {
        String shown = line.length() > 80 ? line.substring(0, 77) + "..." : line;
        return new InputException(
                file, place, "malformed line \"" + shown + "\", expected " + expected);
    }
}
