package org.flashsplat.studio.association;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flashsplat.associate.AssociationParams;
import org.flashsplat.associate.AssociationSnapshot;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Associator;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskSet;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.io.StudioProject;
import org.flashsplat.studio.model.ViewMask.Status;

/**
 * File > Import SAM masks and associate: reads a folder of per-view local-ID masks with the same
 * reader as {@code flashsplat associate}, associates them through the scene as a cancellable job,
 * makes the associated masks the studio's masks and accumulates them.
 */
public final class AssociationImport {
    /** Keep up to this many local-mask pixels decoded (about 256 MB of labels). */
    public static final long CACHE_PIXELS = 64L << 20;

    private AssociationImport() {}

    private record Done(
            Associator.Result result,
            LocalMasks locals,
            List<LabelMask> associated,
            List<String> missing,
            Path folder) {}

    static void run(StudioViewModel studio, AssociationViewModel assoc, Path folder) {
        StudioProject proj = studio.projectProperty().get();
        if (proj == null) {
            studio.statusProperty().set("Associate masks: open a scene first");
            return;
        }
        List<Camera> cams = proj.cameras();
        studio.jobs()
                .run(
                        "Associate masks from " + folder.getFileName(),
                        p -> {
                            MaskSet set = MaskSet.open(folder, cams);
                            if (cams.stream().noneMatch(set::hasMask)) {
                                throw new InputException(
                                        folder,
                                        null,
                                        "no mask matches a camera (masks are matched by file"
                                                + " stem)");
                            }
                            LocalMasks locals =
                                    new LocalMasks(v -> set.load(cams.get(v)), CACHE_PIXELS);
                            Associator.Result r;
                            try (Renderer renderer = Renderers.open(studio.backend, p)) {
                                r =
                                        Associator.run(
                                                proj.scene(),
                                                cams,
                                                locals::load,
                                                AssociationParams.defaults(),
                                                renderer,
                                                p);
                            }
                            AssociationSnapshot snap = r.table().snapshot();
                            p.begin("Writing associated masks", cams.size());
                            List<LabelMask> out = new ArrayList<>();
                            for (int v = 0; v < cams.size(); v++) {
                                p.checkCancelled();
                                LabelMask local = locals.load(v);
                                out.add(local == null ? null : snap.relabel(v, local));
                                p.advance(1);
                            }
                            return new Done(r, locals, out, set.missingViews(), folder);
                        },
                        d -> {
                            if (studio.projectProperty().get() != proj) return;
                            install(studio, assoc, d);
                        });
    }

    private static void install(StudioViewModel studio, AssociationViewModel assoc, Done d) {
        // The segments no longer describe the masks; accumulate below brings them back.
        studio.live.stop();
        int n = 0;
        for (int v = 0; v < d.associated.size(); v++) {
            LabelMask m = d.associated.get(v);
            if (m == null) continue;
            studio.views().get(v).mask().restart(m, "associate masks", Status.IMPORTED);
            n++;
        }
        AssociationTable t = d.result.table();
        assoc.install(t, d.locals, d.folder, true);
        studio.editing().updateHistory();
        studio.ranking().recompute();
        long assigned = t.allMasks().stream().filter(m -> m.instance() != 0).count();
        String summary =
                String.format(
                        Locale.ROOT,
                        "Associated %d of %d masks in %d views into %d instances (scene pass %.1f"
                                + " s, clustering %.1f s)%s",
                        assigned,
                        t.allMasks().size(),
                        n,
                        t.instances().size(),
                        d.result.renderSeconds(),
                        d.result.clusterSeconds(),
                        d.missing.isEmpty()
                                ? ""
                                : "; "
                                        + d.missing.size()
                                        + " views without a mask keep the masks they had");
        assoc.messageProperty().set(summary);
        // Segments of the associated masks right away: accumulating is what the user came for.
        studio.jobs().accumulate();
        studio.statusProperty().set(summary + "; accumulating…");
    }
}
