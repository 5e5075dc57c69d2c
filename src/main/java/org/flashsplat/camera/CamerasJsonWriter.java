package org.flashsplat.camera;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.core.Json;

/**
 * Writes cameras in the 3DGS {@code cameras.json} form: camera centre and camera-to-world rotation
 * rows.
 */
public final class CamerasJsonWriter {
    private CamerasJsonWriter() {}

    public static void write(Path file, List<Camera> cameras) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Camera c : cameras) {
            double[] r = c.rotation();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("img_name", c.name());
            m.put("width", c.width());
            m.put("height", c.height());
            m.put("position", c.position());
            m.put(
                    "rotation",
                    new double[][] {{r[0], r[3], r[6]}, {r[1], r[4], r[7]}, {r[2], r[5], r[8]}});
            m.put("fx", c.fx());
            m.put("fy", c.fy());
            out.add(m);
        }
        Json.write(file, out);
    }
}
