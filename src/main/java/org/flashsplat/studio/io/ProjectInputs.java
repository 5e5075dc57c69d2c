package org.flashsplat.studio.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.project.ContributionsCache;
import org.flashsplat.project.InputFingerprint;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectScene;

/**
 * Reads what a {@code project.json} names into the studio's {@link StudioProject}: the scene and
 * cameras, per view the edited mask where the project has one (never the user's input mask in its
 * place on disk), else the input mask, and the cached contributions when they still match the
 * inputs.
 */
public final class ProjectInputs {
    private ProjectInputs() {}

    /**
     * A project's inputs as the studio shows them.
     *
     * @param edited per view, whether its mask came from the project's edited masks
     * @param cached contributions from the project's cache, null when absent or stale
     */
    public record Opened(StudioProject studio, boolean[] edited, ContributionsCache.Entry cached) {}

    /**
     * Loads the inputs of open project {@code p} in its current state, with the contributions
     * cached by backend {@code kind} ({@link org.flashsplat.raster.Renderer#kind()}).
     */
    public static Opened load(Project p, String kind, Progress progress) throws IOException {
        ProjectData data = p.data();
        progress.begin("Reading project inputs", 0);
        ProjectScene.Loaded in = ProjectScene.load(p.folder(), data);
        List<Camera> cams = in.cameras().cameras();
        Map<String, int[]> lut = lookupTables(data.association());
        progress.begin("Reading masks", cams.size());
        List<LabelMask> masks = new ArrayList<>();
        boolean[] edited = new boolean[cams.size()];
        for (int i = 0; i < cams.size(); i++) {
            progress.checkCancelled();
            Camera c = cams.get(i);
            LabelMask m = p.editedMask(c.name(), c.width(), c.height());
            edited[i] = m != null;
            if (m == null && in.masks() != null && in.masks().hasMask(c)) {
                m = in.masks().load(c);
                int[] map = lut.get(c.name());
                if (map != null) m = remap(m, map);
            }
            masks.add(m);
            progress.advance(1);
        }
        Path images = p.resolve(data.inputs().images());
        Map<String, Path> byStem = images == null ? Map.of() : byStem(images);
        List<Path> imageFiles = new ArrayList<>();
        for (Camera c : cams) imageFiles.add(byStem.get(c.name()));
        int maxId = 0;
        for (ProjectData.ObjectInfo o : data.objects()) maxId = Math.max(maxId, o.id());
        int[] colours = new int[maxId + 1];
        for (ProjectData.ObjectInfo o : data.objects()) colours[o.id()] = o.rgb();

        String fp =
                InputFingerprint.of(
                        in.inputs().ply(),
                        in.inputs().cameras(),
                        in.masksFolder(),
                        p.folder(),
                        data,
                        kind);
        ContributionsCache.Entry cached =
                ContributionsCache.load(p.folder(), fp, in.scene().count()).orElse(null);
        var studio =
                new StudioProject(
                        p.folder(),
                        p.folder().getFileName().toString(),
                        in.scene(),
                        List.copyOf(cams),
                        java.util.Collections.unmodifiableList(imageFiles),
                        java.util.Collections.unmodifiableList(masks),
                        colours,
                        in.warnings(),
                        new StudioProject.Sources(
                                in.inputs().ply(),
                                in.inputs().cameras(),
                                in.masksFolder(),
                                images));
        return new Opened(studio, edited, cached);
    }

    /**
     * The fingerprint of a project's current state, under which contributions computed by backend
     * {@code kind} are cached.
     */
    public static String fingerprint(Project p, ProjectData data, String kind) throws IOException {
        var in =
                org.flashsplat.scene.SceneInputs.resolve(
                        p.resolve(data.inputs().scene()), p.resolve(data.inputs().cameras()));
        return InputFingerprint.of(
                in.ply(), in.cameras(), p.resolve(data.inputs().masks()), p.folder(), data, kind);
    }

    /**
     * Per view with association entries, local mask id to object id. The studio edits object ids,
     * so a local id the table does not assign shows as background here (the core's accumulate
     * leaves such pixels out instead; the association view owns that distinction).
     */
    private static Map<String, int[]> lookupTables(ProjectData.Association a) {
        Map<String, int[]> out = new HashMap<>();
        for (ProjectData.Association.Entry e : a.entries()) {
            int[] lut = out.getOrDefault(e.view(), new int[0]);
            if (lut.length <= e.localId()) lut = Arrays.copyOf(lut, e.localId() + 1);
            lut[e.localId()] = e.instance();
            out.put(e.view(), lut);
        }
        return out;
    }

    private static LabelMask remap(LabelMask m, int[] lut) {
        int[] in = m.labels(), out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            int v = in[i];
            out[i] = v >= 0 && v < lut.length ? lut[v] : 0;
        }
        return new LabelMask(m.width(), m.height(), out);
    }

    private static Map<String, Path> byStem(Path folder) throws IOException {
        Map<String, Path> found = new HashMap<>();
        if (!Files.isDirectory(folder)) return found;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                int dot = n.lastIndexOf('.');
                if (dot > 0) found.putIfAbsent(n.substring(0, dot), f);
            }
        }
        return found;
    }
}
