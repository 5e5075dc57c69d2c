package org.flashsplat.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CameraSet;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.SceneInputs;

/**
 * A project's inputs loaded, and its contributions: from the cache when the inputs are unchanged,
 * else accumulated with the user's masks, the edited masks in place of theirs, and the association
 * applied.
 *
 * <p>Label space: edited masks hold object ids. Views with association entries have their local ids
 * mapped to objects; a local id without an entry is left out of the sums (-1: it blends but adds
 * nothing), since an unassigned segment is no evidence of background. Other views' labels are taken
 * as object ids as they are (Gaussian Grouping, binary and colour-coded masks).
 */
public final class ProjectScene {
    /** The loaded inputs. {@code masks} is null when the project names no mask folder. */
    public record Loaded(
            Path folder,
            ProjectData data,
            SceneInputs inputs,
            GaussianScene scene,
            CameraSet cameras,
            MaskSet masks,
            Path masksFolder,
            List<String> warnings) {}

    /** Contributions with where they came from. */
    public record Lifted(
            ContributionsCache.Entry contributions, boolean fromCache, String fingerprint) {}

    private ProjectScene() {}

    public static Loaded load(Path folder, ProjectData data) throws IOException {
        Path scene = SafePaths.resolve(folder, data.inputs().scene());
        if (scene == null)
            throw new InputException(folder, "inputs.scene", "the project names no scene");
        SceneInputs in =
                SceneInputs.resolve(scene, SafePaths.resolve(folder, data.inputs().cameras()));
        GaussianScene g = in.loadScene();
        CameraSet cams = in.loadCameras();
        List<String> warnings = new ArrayList<>(g.warnings());
        warnings.addAll(cams.warnings());
        Path masks = SafePaths.resolve(folder, data.inputs().masks());
        MaskSet set = masks == null ? null : MaskSet.open(masks, cams.cameras());
        return new Loaded(folder, data, in, g, cams, set, masks, warnings);
    }

    /** The contributions of the loaded project, cached in the project folder when {@code store}. */
    public static Lifted contributions(
            Loaded p, Renderer renderer, boolean store, Progress progress) throws IOException {
        String fp =
                InputFingerprint.of(
                        p.inputs().ply(),
                        p.inputs().cameras(),
                        p.masksFolder(),
                        p.folder(),
                        p.data(),
                        renderer.kind());
        int n = p.scene().count();
        var cached = ContributionsCache.load(p.folder(), fp, n);
        if (cached.isPresent()) return new Lifted(cached.get(), true, fp);
        List<Camera> used = new ArrayList<>();
        Map<String, LabelMask> edited = new HashMap<>();
        int labels = 2;
        for (ProjectData.ObjectInfo o : p.data().objects()) labels = Math.max(labels, o.id() + 1);
        for (ProjectData.Association.Entry e : p.data().association().entries())
            labels = Math.max(labels, e.instance() + 1);
        boolean raw = false;
        Map<String, int[]> mapping = lookupTables(p.data().association());
        for (Camera c : p.cameras().cameras()) {
            String rel = p.data().editedMasks().get(c.name());
            if (rel != null) {
                LabelMask m =
                        EditedMasks.read(SafePaths.inside(p.folder(), rel), c.width(), c.height());
                edited.put(c.name(), m);
                labels = Math.max(labels, m.maxLabel() + 1);
                used.add(c);
            } else if (p.masks() != null && p.masks().hasMask(c)) {
                used.add(c);
                raw |= !mapping.containsKey(c.name());
            }
        }
        if (used.isEmpty()) {
            throw new InputException(p.folder(), "inputs.masks", "no view has a mask to lift");
        }
        if (raw) labels = Math.max(labels, p.masks().labelCount());
        Contributions into = new Contributions(labels, n);
        renderer.accumulate(
                p.scene(),
                used,
                v -> {
                    Camera c = used.get(v);
                    LabelMask e = edited.get(c.name());
                    if (e != null) return e;
                    LabelMask m = p.masks().load(c);
                    int[] map = mapping.get(c.name());
                    return map == null ? m : remap(m, map);
                },
                into,
                progress);
        var entry = new ContributionsCache.Entry(into.table());
        if (store) {
            try {
                ContributionsCache.store(p.folder(), fp, entry);
            } catch (InputException e) {
                // A cache folder linked outside the project: keep the result, write nothing there.
                progress.message("warning: contributions not cached: " + e.userMessage());
            }
        }
        return new Lifted(entry, false, fp);
    }

    /**
     * Per view, local id to object id (-1 where the table has no entry; local 0 stays background
     * unless an entry says otherwise), as arrays: a lookup per pixel must not box.
     */
    private static Map<String, int[]> lookupTables(ProjectData.Association a) {
        Map<String, Integer> size = new HashMap<>();
        for (ProjectData.Association.Entry e : a.entries())
            size.merge(e.view(), e.localId() + 1, Math::max);
        Map<String, int[]> out = new HashMap<>();
        size.forEach(
                (view, n) -> {
                    int[] lut = new int[n];
                    java.util.Arrays.fill(lut, -1);
                    lut[0] = 0;
                    out.put(view, lut);
                });
        for (ProjectData.Association.Entry e : a.entries())
            out.get(e.view())[e.localId()] = e.instance();
        return out;
    }

    private static LabelMask remap(LabelMask m, int[] lut) {
        int[] in = m.labels(), out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            int v = in[i];
            out[i] = v >= 0 && v < lut.length ? lut[v] : (v == 0 ? 0 : -1);
        }
        return new LabelMask(m.width(), m.height(), out);
    }
}
