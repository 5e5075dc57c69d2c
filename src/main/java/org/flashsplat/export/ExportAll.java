package org.flashsplat.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraReader;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Json;
import org.flashsplat.core.Npy;
import org.flashsplat.core.OutputFolder;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.lift.SegmentFiles;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.project.ContributionsCache;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectData.ObjectInfo;
import org.flashsplat.project.ProjectScene;
import org.flashsplat.project.SafePaths;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.SceneFormat;
import org.flashsplat.scene.SceneWriter;
import org.flashsplat.scene.VertexTable;

/**
 * Every export of one project into one folder, for batch labelling of many scenes: object PLYs, the
 * scene without chosen objects, the labelled PLY, instance-ID PNGs for the training views (and for
 * a camera path), COCO JSON and the numpy arrays. Layout of {@code out}:
 *
 * <pre>
 * objects/object_&lt;id&gt;_&lt;name&gt;.ply   scene_without_objects.ply   labelled.ply + labels.json
 * masks/&lt;view&gt;.png   camera_path/&lt;name&gt;.png   coco.json
 * arrays/contributions.npy segments.npy labels.npy   export.json (summary)
 * </pre>
 */
public final class ExportAll {
    /**
     * @param remove object ids left out of the scene-without PLY; empty for all objects
     * @param cameraPath a cameras.json of novel cameras to render masks for, or null
     * @param storeCache whether computed contributions may be cached in the project
     * @param format the form of the object scenes and the scene without them; null: the input's
     *     form where it can be written, else PLY (the labelled scene is always PLY)
     */
    public record Options(
            List<Integer> remove, Path cameraPath, boolean storeCache, SceneFormat format) {
        public Options {
            remove = remove == null ? List.of() : List.copyOf(remove);
        }

        public Options(List<Integer> remove, Path cameraPath, boolean storeCache) {
            this(remove, cameraPath, storeCache, null);
        }

        public static Options defaults() {
            return new Options(List.of(), null, true);
        }
    }

    private ExportAll() {}

    /**
     * Runs every export; returns the summary also written as {@code export.json}. Everything is
     * written into a staging folder and moved into {@code out} at the end: a run that fails or is
     * cancelled leaves {@code out} as it was, and two runs cannot write one folder at once.
     */
    public static Map<String, Object> run(
            Path project, ProjectData data, Path out, Options o, Renderer r, Progress progress)
            throws IOException {
        // Inputs first: a bad camera path must not cost the whole export before it is noticed.
        List<Camera> path =
                o.cameraPath() == null ? null : CameraReader.read(o.cameraPath()).cameras();
        try (OutputFolder folder = OutputFolder.open(out)) {
            Map<String, Object> summary =
                    write(project, data, folder.staging(), o, path, r, progress);
            folder.commit();
            return summary;
        }
    }

    private static Map<String, Object> write(
            Path project,
            ProjectData data,
            Path out,
            Options o,
            List<Camera> path,
            Renderer r,
            Progress progress)
            throws IOException {
        long t0 = System.nanoTime();
        ProjectScene.Loaded p = ProjectScene.load(project, data);
        for (String w : p.warnings()) progress.message("warning: " + w);
        ProjectScene.Lifted lifted = ProjectScene.contributions(p, r, o.storeCache(), progress);
        var a = lifted.contributions();
        // The lift, then the project's hand edits and floater cleanup, as the studio shows them.
        Segmentation seg =
                org.flashsplat.select.ProjectEdits.refine(
                        data,
                        Assigner.assign(a.table(), data.assignmentParams()),
                        a.table(),
                        p.scene());
        List<ObjectInfo> objects = named(objects(data, seg.objects()), data, seg);
        for (int id : o.remove()) {
            if (id < 1 || id > seg.objects()) {
                throw new InputException(
                        null,
                        "--remove",
                        "object "
                                + id
                                + " does not exist (this export has objects 1.."
                                + seg.objects()
                                + ")");
            }
        }
        VertexTable table = p.scene().table();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("project", project.toString());
        summary.put("gaussians", a.count());
        summary.put("objects", seg.objects());
        summary.put("contributions_from_cache", lifted.fromCache());
        summary.put("fingerprint", lifted.fingerprint());

        SceneFormat format =
                o.format() != null ? o.format() : SceneWriter.exportFormat(p.scene().source());
        summary.put("format", format.option);
        progress.begin("Writing scene files", objects.size() + 2);
        List<String> plys = new ArrayList<>();
        for (ObjectInfo obj : objects) {
            progress.checkCancelled();
            Path f = PlyExport.object(table, seg, obj, SafePaths.inside(out, "objects"), format);
            plys.add(out.relativize(f).toString());
            progress.advance(1);
        }
        List<Integer> remove = o.remove().isEmpty() ? ids(objects) : o.remove();
        PlyExport.without(
                table,
                seg,
                remove,
                SafePaths.inside(out, "scene_without_objects" + format.extension),
                format);
        PlyExport.labelled(table, seg.labels(), objects, SafePaths.inside(out, "labelled.ply"));
        progress.advance(2);
        summary.put("object_plys", plys);
        summary.put("scene_without", remove);

        arrays(SafePaths.inside(out, "arrays"), a, seg);

        CocoWriter coco = new CocoWriter(objects);
        Map<String, String> imageNames =
                imageNames(SafePaths.resolve(project, data.inputs().images()));
        double tau = data.settings().tau();
        List<Camera> training = p.cameras().cameras();
        renderMasks(
                r,
                p,
                seg,
                training,
                tau,
                SafePaths.inside(out, "masks"),
                coco,
                imageNames,
                progress);
        coco.write(
                SafePaths.inside(out, "coco.json"), "FlashSplat masks of " + project.getFileName());
        summary.put("training_masks", training.size());
        summary.put("coco_annotations", coco.annotationCount());
        if (path != null) {
            renderMasks(
                    r,
                    p,
                    seg,
                    path,
                    tau,
                    SafePaths.inside(out, "camera_path"),
                    null,
                    Map.of(),
                    progress);
            summary.put("camera_path_masks", path.size());
        }
        summary.put("seconds", (System.nanoTime() - t0) / 1e9);
        Json.write(SafePaths.inside(out, "export.json"), summary);
        return summary;
    }

    /**
     * Writes {@code contributions.npy} (float32 (L, N)), {@code segments.npy} (uint8 (K, N)) and
     * {@code labels.npy} (int32 (N,)) into {@code dir}.
     */
    public static void arrays(Path dir, ContributionsCache.Entry a, Segmentation seg)
            throws IOException {
        ContributionFiles.write(dir, a.table(), false, false);
        SegmentFiles.write(dir, seg.memberships());
        Npy.writeInt32(SafePaths.inside(dir, "labels.npy"), new int[] {seg.count()}, seg.labels());
    }

    /** The project's objects for ids 1..k, with default names and colours where it has none. */
    public static List<ObjectInfo> objects(ProjectData data, int k) {
        List<ObjectInfo> out = new ArrayList<>();
        for (int id = 1; id <= k; id++) {
            ObjectInfo o = data.object(id);
            out.add(o != null ? o : new ObjectInfo(id, null, null, null));
        }
        return out;
    }

    /**
     * The objects worth a file: those the project names, and others that hold Gaussians. Label IDs
     * need not be dense; one mask pixel of 65535 must not make 65,535 empty object files.
     */
    private static List<ObjectInfo> named(
            List<ObjectInfo> all, ProjectData data, Segmentation seg) {
        int[] counts = seg.stats().objectCounts();
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : all) {
            if (data.object(o.id()) != null || counts[o.id() - 1] > 0) out.add(o);
        }
        return out;
    }

    private static List<Integer> ids(List<ObjectInfo> objects) {
        return objects.stream().map(ObjectInfo::id).toList();
    }

    /**
     * Renders instance-ID masks for cameras into a folder as {@code <camera>.png} (and adds them to
     * COCO, when given): what the studio calls to export masks for a camera path.
     */
    public static void renderMasks(
            Renderer r,
            ProjectScene.Loaded p,
            Segmentation seg,
            List<Camera> cams,
            double tau,
            Path dir,
            CocoWriter coco,
            Map<String, String> imageNames,
            Progress progress)
            throws IOException {
        progress.begin("Rendering masks", cams.size());
        for (Camera c : cams) {
            progress.checkCancelled();
            LabelMask m = NovelViewMasks.render(r, p.scene(), c, seg.memberships(), tau);
            String png = SafePaths.sanitise(c.name()) + ".png";
            MaskPngWriter.write(SafePaths.inside(dir, png), m);
            if (coco != null) coco.add(imageNames.getOrDefault(c.name(), c.name() + ".png"), m);
            progress.advance(1);
        }
    }

    /** Image stem to file name in the images folder (COCO names the training images). */
    private static Map<String, String> imageNames(Path images) throws IOException {
        Map<String, String> m = new HashMap<>();
        if (images == null || !Files.isDirectory(images)) return m;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(images)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot > 0) m.putIfAbsent(name.substring(0, dot), name);
            }
        }
        return m;
    }
}
