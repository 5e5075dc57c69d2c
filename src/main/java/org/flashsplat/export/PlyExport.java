package org.flashsplat.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.core.Json;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.project.ProjectData.ObjectInfo;
import org.flashsplat.project.SafePaths;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.PlyWriter;
import org.flashsplat.scene.SceneFormat;
import org.flashsplat.scene.SceneWriter;
import org.flashsplat.scene.VertexTable;

/**
 * Scenes cut by the segmentation, as PLY files with every property of the input kept in its own
 * type and order (or, when asked, as .spz or compressed PLY, which keep the Gaussian parameters):
 * one file per object, the scene without chosen objects, and the whole scene with an extra {@code
 * int label} property (3DGS viewers that do not know it skip it, since PLY names each property's
 * type).
 */
public final class PlyExport {
    /** The extra property of the labelled scene: the exclusive label, 0 background, -1 unseen. */
    public static final String LABEL = "label";

    private PlyExport() {}

    /** File name of an object's PLY: {@code object_<id>_<name>.ply}, name sanitised. */
    public static String objectFileName(ObjectInfo o) {
        return objectFileName(o, SceneFormat.PLY);
    }

    /** File name of an object's scene in {@code format}, e.g. {@code object_2_cup.spz}. */
    public static String objectFileName(ObjectInfo o, SceneFormat format) {
        return "object_" + o.id() + "_" + SafePaths.sanitise(o.name()) + format.extension;
    }

    /** Writes object {@code o}'s Gaussians (memberships may overlap) into {@code dir}. */
    public static Path object(VertexTable table, Segmentation seg, ObjectInfo o, Path dir)
            throws IOException {
        return object(table, seg, o, dir, SceneFormat.PLY);
    }

    /** As {@link #object(VertexTable, Segmentation, ObjectInfo, Path)}, in {@code format}. */
    public static Path object(
            VertexTable table, Segmentation seg, ObjectInfo o, Path dir, SceneFormat format)
            throws IOException {
        Path file = SafePaths.inside(dir, objectFileName(o, format));
        SceneWriter.write(file, table.select(seg.members(o.id())), format);
        return file;
    }

    /** Writes the scene without the Gaussians of any of {@code objects} (ids). */
    public static Path without(
            VertexTable table, Segmentation seg, Collection<Integer> objects, Path file)
            throws IOException {
        return without(table, seg, objects, file, SceneFormat.PLY);
    }

    /** As {@link #without(VertexTable, Segmentation, Collection, Path)}, in {@code format}. */
    public static Path without(
            VertexTable table,
            Segmentation seg,
            Collection<Integer> objects,
            Path file,
            SceneFormat format)
            throws IOException {
        boolean[] keep = new boolean[table.count()];
        java.util.Arrays.fill(keep, true);
        for (int id : objects) {
            if (id < 1 || id > seg.objects()) {
                throw new IllegalArgumentException(
                        "object " + id + " does not exist (1.." + seg.objects() + ")");
            }
            boolean[] m = seg.members(id);
            for (int i = 0; i < keep.length; i++) keep[i] &= !m[i];
        }
        SceneWriter.write(file, table.select(keep), format);
        return file;
    }

    /**
     * Writes the whole scene with an int {@code label} per Gaussian, and beside it {@code
     * labels.json}: label to name and colour.
     */
    public static Path labelled(
            VertexTable table, int[] labels, List<ObjectInfo> objects, Path file)
            throws IOException {
        VertexTable t =
                table.withColumn(new VertexTable.Column(LABEL, PlyType.INT, labels.clone()));
        PlyWriter.write(file, t);
        Json.write(file.resolveSibling("labels.json"), labelTable(objects));
        return file;
    }

    /** The {@code labels.json} content: property name and one entry per label. */
    static Map<String, Object> labelTable(List<ObjectInfo> objects) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(-1, "unseen", "#000000"));
        rows.add(row(0, "background", "#000000"));
        for (ObjectInfo o : objects) rows.add(row(o.id(), o.name(), o.colour()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("property", LABEL);
        m.put("labels", rows);
        return m;
    }

    private static Map<String, Object> row(int label, String name, String colour) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("name", name);
        m.put("colour", colour);
        return m;
    }
}
