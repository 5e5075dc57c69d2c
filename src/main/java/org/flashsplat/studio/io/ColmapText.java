package org.flashsplat.studio.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;

/** Stop-gap COLMAP text reader (cameras.txt, images.txt) until the core camera readers land. */
final class ColmapText {
    private ColmapText() {}

    static List<Camera> read(Path sparse) throws IOException {
        Map<Integer, double[]> intrinsics = new HashMap<>();
        for (String line : Files.readAllLines(sparse.resolve("cameras.txt"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] t = line.trim().split("\\s+");
            double w = Double.parseDouble(t[2]), h = Double.parseDouble(t[3]);
            double f = Double.parseDouble(t[4]);
            boolean simple = t[1].startsWith("SIMPLE") || t[1].equals("SIMPLE_RADIAL");
            double fy = simple ? f : Double.parseDouble(t[5]);
            intrinsics.put(Integer.parseInt(t[0]), new double[] {w, h, f, fy});
        }
        List<Camera> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(sparse.resolve("images.txt"));
        boolean pointsLine = false;
        for (String line : lines) {
            if (line.startsWith("#")) continue;
            if (pointsLine) {
                pointsLine = false;
                continue;
            }
            if (line.isBlank()) continue;
            String[] t = line.trim().split("\\s+");
            double qw = Double.parseDouble(t[1]), qx = Double.parseDouble(t[2]);
            double qy = Double.parseDouble(t[3]), qz = Double.parseDouble(t[4]);
            double[] tr = {
                Double.parseDouble(t[5]), Double.parseDouble(t[6]), Double.parseDouble(t[7])
            };
            double[] k = intrinsics.get(Integer.parseInt(t[8]));
            if (k == null) throw new InputException(sparse, "images.txt", "unknown camera " + t[8]);
            String name = t[9];
            int dot = name.lastIndexOf('.');
            if (dot > 0) name = name.substring(0, dot);
            out.add(
                    Camera.centred(
                            Integer.parseInt(t[0]),
                            name,
                            (int) k[0],
                            (int) k[1],
                            k[2],
                            k[3],
                            rotation(qw, qx, qy, qz),
                            tr));
            pointsLine = true;
        }
        out.sort(Comparator.comparing(Camera::name));
        return out;
    }

    private static double[] rotation(double w, double x, double y, double z) {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new double[] {
            1 - 2 * (y * y + z * z),
            2 * (x * y - w * z),
            2 * (x * z + w * y),
            2 * (x * y + w * z),
            1 - 2 * (x * x + z * z),
            2 * (y * z - w * x),
            2 * (x * z - w * y),
            2 * (y * z + w * x),
            1 - 2 * (x * x + y * y)
        };
    }
}
