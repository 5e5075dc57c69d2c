package org.flashsplat.studio.project;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectData.ObjectInfo;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.segments.SegmentsViewModel;

/**
 * The studio's settings and objects as a project stores them, and back (UI thread). Values are
 * clamped to what a project accepts, so a slider pushed past its end still saves.
 */
final class ProjectState {
    private ProjectState() {}

    static ProjectData.Settings settings(SegmentsViewModel s) {
        return new ProjectData.Settings(
                clamp(s.gammaProperty().get(), -1, 1),
                s.normalisationProperty().get(),
                clamp(s.tauProperty().get(), 0, 1));
    }

    static List<ObjectInfo> objects(SegmentsViewModel s) {
        List<ObjectInfo> out = new ArrayList<>();
        for (LabelEntry e : s.objects()) {
            if (e.id() < 1 || e.id() > ProjectData.MAX_OBJECT_ID) continue;
            if (e.retiredProperty().get()) continue; // merged away or deleted: not an object
            double g = e.gammaProperty().get();
            out.add(
                    new ObjectInfo(
                            e.id(),
                            e.nameProperty().get(),
                            ObjectInfo.hex(e.rgb()),
                            Double.isNaN(g) ? null : clamp(g, -1, 1),
                            e.cleanProperty().get() > 0
                                    ? clamp(e.cleanProperty().get(), 0, 1)
                                    : null));
        }
        return out;
    }

    /**
     * Sets gamma, normalisation, tau, the objects' names, colours, gammas and cleanup, and the hand
     * edits of objects from a project over a scene of {@code count} Gaussians.
     */
    static void apply(SegmentsViewModel s, ProjectData d, int count) {
        s.normalisationProperty().set(d.settings().normalisation());
        s.gammaProperty().set(d.settings().gamma());
        s.tauProperty().set(d.settings().tau());
        int max = 0;
        for (ObjectInfo o : d.objects()) max = Math.max(max, o.id());
        s.ensureObjects(max);
        for (ObjectInfo o : d.objects()) {
            LabelEntry e = s.object(o.id());
            int c = o.rgb();
            e.nameProperty().set(o.name());
            e.colorProperty().set(Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff));
            e.gammaProperty().set(o.gamma() == null ? Double.NaN : o.gamma());
            e.cleanProperty().set(o.clean() == null ? 0 : o.clean());
        }
        s.edits().restore(d.objectEdits(), count);
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? 0 : Math.max(lo, Math.min(hi, v));
    }
}
