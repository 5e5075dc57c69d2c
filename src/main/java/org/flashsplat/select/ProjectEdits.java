package org.flashsplat.select;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.project.ProjectData;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.scene.GaussianScene;

/** Hand edits and cleanup strengths as a project stores them, and back. */
public final class ProjectEdits {
    private ProjectEdits() {}

    /** The project's hand edits; indices past the scene's {@code count} Gaussians are dropped. */
    public static MembershipOverrides overrides(List<ProjectData.ObjectEdit> edits, int count) {
        MembershipOverrides o = new MembershipOverrides();
        for (ProjectData.ObjectEdit e : edits)
            o.set(e.id() - 1, bits(e.added(), count), bits(e.removed(), count));
        return o;
    }

    /** The edits to store: one entry per object with any. */
    public static List<ProjectData.ObjectEdit> of(MembershipOverrides o) {
        List<ProjectData.ObjectEdit> out = new ArrayList<>();
        for (int k : o.editedObjects()) {
            if (k + 1 > ProjectData.MAX_OBJECT_ID) continue;
            out.add(
                    new ProjectData.ObjectEdit(
                            k + 1,
                            o.forcedIn(k).stream().toArray(),
                            o.forcedOut(k).stream().toArray()));
        }
        return out;
    }

    /** The project's segmentation: the lift's, with its hand edits and cleanup applied. */
    public static Segmentation refine(
            ProjectData data, Segmentation lifted, ContributionTable a, GaussianScene scene) {
        MembershipOverrides o = overrides(data.objectEdits(), lifted.count());
        return Refinement.apply(lifted, a, o, scene, data.cleanStrengths(), 0);
    }

    private static BitSet bits(int[] g, int count) {
        BitSet b = new BitSet();
        for (int i : g) if (i < count) b.set(i);
        return b;
    }
}
