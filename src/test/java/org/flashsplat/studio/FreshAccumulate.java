package org.flashsplat.studio;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.model.ViewItem;

/** The reference the studio's live updates are checked against: a full accumulate from scratch. */
public final class FreshAccumulate {
    private FreshAccumulate() {}

    /** Fixed-point contributions of the studio's current masks, with {@code labels} rows. */
    public static long[] of(StudioViewModel vm, int labels) {
        var p = vm.projectProperty().get();
        List<Camera> cams = new ArrayList<>();
        List<LabelMask> masks = new ArrayList<>();
        for (ViewItem v : vm.viewsWithMasks()) {
            cams.add(v.camera());
            masks.add(v.mask().snapshot());
        }
        Contributions c = new Contributions(labels, p.scene().count());
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, Progress.NONE)) {
            r.accumulate(p.scene(), cams, masks::get, c, Progress.NONE);
        }
        return Dense.fixed(c);
    }
}
