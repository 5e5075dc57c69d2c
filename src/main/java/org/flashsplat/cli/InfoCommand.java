package org.flashsplat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.camera.ColmapReader;
import org.flashsplat.core.InputException;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.SceneFiles;
import org.flashsplat.scene.SceneFormat;
import org.flashsplat.scene.SceneInputs;
import org.flashsplat.scene.VertexTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Describes a scene, model folder, cameras or dataset without changing anything. */
@Command(
        name = "info",
        description =
                "Describe a scene (PLY, compressed PLY, .spz, .sog, .splat), a 3DGS model folder,"
                        + " cameras (cameras.json, transforms.json or COLMAP sparse folder) or a"
                        + " dataset folder.")
public final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "PLY, model folder, cameras or dataset.")
    Path path;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        // Names and comments come from the files: escaped, so they cannot drive the terminal.
        PrintWriter out = org.flashsplat.core.Printable.writer(spec.commandLine().getOut());
        if (!Files.exists(path)) throw new InputException(path, null, "no such file or folder");
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (isPly(path)) {
                describeScene(out, path);
            } else if (!name.endsWith(".json") && !name.matches("(cameras|images)\\.(txt|bin)")) {
                throw new InputException(
                        path,
                        null,
                        "cannot describe this file: expected a .ply scene, a cameras.json or a"
                                + " COLMAP cameras/images file");
            } else {
                describeCameras(out, CameraReader.read(path));
            }
            out.flush();
            return 0;
        }
        boolean any = false;
        if (Files.isRegularFile(path.resolve("meta.json"))) {
            describeScene(out, path); // an unbundled SOG
            any = true;
        } else if (Files.isDirectory(path.resolve("point_cloud"))
                || Files.isRegularFile(path.resolve("point_cloud.ply"))) {
            describeScene(out, SceneInputs.findPly(path));
            any = true;
        }
        Path cams = locateCameras(path);
        if (cams != null) {
            if (any) out.println();
            describeCameras(out, CameraReader.read(cams));
            any = true;
        }
        List<org.flashsplat.camera.Camera> known =
                cams == null ? List.of() : CameraReader.read(cams).cameras();
        for (Path masks : maskFolders(path, any)) {
            if (any) out.println();
            describeMasks(out, masks, known);
            any = true;
        }
        if (!any) {
            throw new InputException(
                    path,
                    null,
                    "nothing to describe: no scene (point_cloud/), cameras (cameras.json,"
                            + " sparse/) or masks here");
        }
        out.flush();
        return 0;
    }

    private static boolean isNerfstudio(Path cameras) {
        try {
            return CameraReader.isNerfstudio(cameras);
        } catch (IOException | InputException e) {
            return false;
        }
    }

    private static long sizeOf(Path path) throws IOException {
        if (!Files.isDirectory(path)) return Files.size(path);
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
            for (Path p : ds) if (Files.isRegularFile(p)) total += Files.size(p);
        }
        return total;
    }

    private static boolean isPly(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ply")) return true;
        if (SceneFormat.isOtherForm(file)) return true;
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return Arrays.equals(head, new byte[] {'p', 'l', 'y'});
        }
    }

    private static Path locateCameras(Path dir) {
        try {
            return CameraReader.locate(dir);
        } catch (InputException e) {
            return null; // a folder without cameras is fine here; other parts may describe it
        }
    }

    static void describeScene(PrintWriter out, Path ply) throws IOException {
        SceneFiles.Decoded r = SceneFiles.decode(ply);
        GaussianScene s = GaussianScene.of(r.table(), ply, r.warnings());
        out.println("scene    " + ply);
        out.printf(
                Locale.ROOT,
                "  %s Gaussians, SH degree %d%n",
                String.format(Locale.US, "%,d", s.count()),
                s.shDegree());
        out.printf(
                Locale.ROOT,
                "  format   %s, %d properties per Gaussian, %s%n",
                r.form(),
                r.table().columns().size(),
                bytes(sizeOf(ply)));
        for (String q : r.quantised()) out.println("  quantised " + q);
        if (s.count() > 0) {
            double[] b = s.bounds();
            out.printf(
                    Locale.ROOT,
                    "  bounds   x [%.4g, %.4g]  y [%.4g, %.4g]  z [%.4g, %.4g]%n",
                    b[0],
                    b[3],
                    b[1],
                    b[4],
                    b[2],
                    b[5]);
            out.println("  opacity  " + range(s.opacity) + "  (after sigmoid)");
            float[] scales = new float[s.count() * 3];
            System.arraycopy(s.sx, 0, scales, 0, s.count());
            System.arraycopy(s.sy, 0, scales, s.count(), s.count());
            System.arraycopy(s.sz, 0, scales, 2 * s.count(), s.count());
            out.println("  scale    " + range(scales) + "  (after exp, all axes)");
        }
        List<String> extra =
                r.table().names().stream()
                        .filter(
                                n ->
                                        !GaussianScene.REQUIRED.contains(n)
                                                && !n.startsWith("f_rest_"))
                        .toList();
        out.println("  extra    " + (extra.isEmpty() ? "none" : String.join(" ", extra)));
        for (VertexTable.Column c : r.table().columns()) {
            if (!c.type().isFloating() || c.type() != r.table().columns().get(0).type()) {
                out.println("  type     " + c.name() + " is " + c.type().headerName + " (kept)");
            }
        }
        for (String w : s.warnings()) out.println("  warning: " + w);
    }

    static void describeCameras(PrintWriter out, CameraSet set) {
        String kind =
                isNerfstudio(set.source())
                        ? "nerfstudio transforms.json"
                        : set.source().getFileName().toString().endsWith(".json")
                                ? "3DGS cameras.json"
                                : Files.isRegularFile(set.source().resolve("cameras.txt"))
                                        ? "COLMAP text"
                                        : "COLMAP binary";
        out.println("cameras  " + set.source() + " (" + kind + ")");
        out.println("  " + String.format(Locale.US, "%,d", set.size()) + " cameras");
        if (set.size() > 0) {
            Map<String, Integer> sizes = new TreeMap<>();
            double[] fx = new double[set.size()], fy = new double[set.size()];
            int i = 0;
            for (Camera c : set.cameras()) {
                sizes.merge(c.width() + "x" + c.height(), 1, Integer::sum);
                fx[i] = c.fx();
                fy[i++] = c.fy();
            }
            StringBuilder sb = new StringBuilder();
            sizes.forEach(
                    (k, v) ->
                            sb.append(sb.isEmpty() ? "" : ", ")
                                    .append(k)
                                    .append(" (")
                                    .append(v)
                                    .append(')'));
            out.println("  sizes    " + sb);
            out.println("  fx       " + range(fx));
            out.println("  fy       " + range(fy));
            out.println(
                    "  names    "
                            + set.cameras().getFirst().name()
                            + " .. "
                            + set.cameras().getLast().name());
        }
        for (String w : set.warnings()) out.println("  warning: " + w);
    }

    /**
     * Mask folders: {@code dir} itself when it holds images or JSON and nothing else was found in
     * it, else its subfolders that do (a dataset's object_mask/, masks/, ...), except images/.
     */
    private static List<Path> maskFolders(Path dir, boolean foundOther) throws IOException {
        if (ColmapReader.isSparseDir(dir)) return List.of();
        if (!foundOther) return imageCount(dir) > 0 ? List.of(dir) : List.of();
        List<Path> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path sub : ds) {
                String n = sub.getFileName().toString();
                if (!NOT_MASKS.contains(n) && imageCount(sub) > 0) out.add(sub);
            }
        }
        out.sort(null);
        return out;
    }

    /** Folders of a model or dataset that hold images or data, never masks. */
    private static final List<String> NOT_MASKS =
            List.of("images", "input", "sparse", "point_cloud", "distorted", "stereo");

    private static int imageCount(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p)
                        && name.matches(".*\\.(png|jpe?g|json|npy)")
                        && !name.equals("cameras.json")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Mask folders are matched against the cameras found beside them, if any. */
    private static void describeMasks(
            PrintWriter out, Path dir, List<org.flashsplat.camera.Camera> cameras) {
        out.println("masks    " + dir);
        for (String line : MaskSet.open(dir, cameras).summary().lines()) out.println("  " + line);
    }

    private static String range(float[] v) {
        float[] s = v.clone();
        Arrays.sort(s);
        return String.format(
                Locale.ROOT,
                "min %.4g  median %.4g  max %.4g",
                s[0],
                s[s.length / 2],
                s[s.length - 1]);
    }

    private static String range(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(
                Locale.ROOT,
                "min %.6g  median %.6g  max %.6g",
                s[0],
                s[s.length / 2],
                s[s.length - 1]);
    }

    private static String bytes(long n) {
        if (n < 1024 * 1024) return String.format(Locale.US, "%,d bytes", n);
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
    }
}
