package org.flashsplat.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.core.Json;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.Rle;
import org.flashsplat.project.ProjectData.ObjectInfo;

/**
 * A COCO instance-segmentation file built one image at a time (only the RLE strings are kept, not
 * the masks, so thousands of views fit): one annotation per object visible in a view, its
 * segmentation as compressed RLE ({@code {"size": [h, w], "counts": "..."}}, as pycocotools reads
 * it), with its pixel area and bounding box; categories are the objects, named by the user.
 */
public final class CocoWriter {
    private final List<Map<String, Object>> images = new ArrayList<>();
    private final List<Map<String, Object>> annotations = new ArrayList<>();
    private final List<Map<String, Object>> categories = new ArrayList<>();
    private final java.util.Set<Integer> known = new java.util.HashSet<>();

    public CocoWriter(List<ObjectInfo> objects) {
        for (ObjectInfo o : objects) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", o.id());
            c.put("name", o.name());
            c.put("supercategory", "object");
            c.put("color", o.colour());
            categories.add(c);
            known.add(o.id());
        }
    }

    /** Adds an image and an annotation per known object label found in its mask. */
    public synchronized void add(String fileName, LabelMask mask) {
        int imageId = images.size() + 1;
        Map<String, Object> img = new LinkedHashMap<>();
        img.put("id", imageId);
        img.put("file_name", fileName);
        img.put("width", mask.width());
        img.put("height", mask.height());
        images.add(img);
        int w = mask.width(), h = mask.height();
        int[] l = mask.labels();
        // One pass for every label's area and box; RLE only for labels present.
        Map<Integer, int[]> boxes = new java.util.TreeMap<>(); // minX, minY, maxX, maxY, area
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = l[y * w + x];
                if (v <= 0 || !known.contains(v)) continue;
                int[] b = boxes.get(v);
                if (b == null) boxes.put(v, b = new int[] {x, y, x, y, 0});
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
                b[4]++;
            }
        }
        for (var e : boxes.entrySet()) {
            int[] b = e.getValue();
            Map<String, Object> seg = new LinkedHashMap<>();
            seg.put("size", new int[] {h, w});
            seg.put("counts", Rle.encode(mask, e.getKey()));
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", annotations.size() + 1);
            a.put("image_id", imageId);
            a.put("category_id", e.getKey());
            a.put("segmentation", seg);
            a.put("area", b[4]);
            a.put("bbox", new int[] {b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1});
            a.put("iscrowd", 0);
            annotations.add(a);
        }
    }

    public synchronized int annotationCount() {
        return annotations.size();
    }

    /** Writes the file atomically. */
    public synchronized void write(Path file, String description) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("description", description);
        info.put("date_created", java.time.Instant.now().toString());
        root.put("info", info);
        root.put("images", images);
        root.put("annotations", annotations);
        root.put("categories", categories);
        Json.write(file, root);
    }
}
