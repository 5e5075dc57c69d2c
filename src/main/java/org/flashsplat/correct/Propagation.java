package org.flashsplat.correct;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * Replaces the masks of some views by the masks the 3D result renders for them: how a few manual
 * corrections become a consistent, clean mask set. An undoable command: it stores one {@link
 * MaskEdit} per changed view (only the pixels that change), so applying and undoing go through the
 * session's exact incremental update like any other edit.
 *
 * @param edits one per view whose mask changes, in view order
 */
public record Propagation(String name, List<MaskEdit> edits) {
    public Propagation {
        edits = List.copyOf(edits);
    }

    /**
     * Builds the command for these views of a session (views without a mask are left out) from its
     * current segmentation; nothing changes until {@link #apply}.
     */
    public static Propagation toViews(CorrectionSession s, int[] views, Progress progress) {
        return build(
                s.renderer(),
                s.scene(),
                s.cameras(),
                s.masks(),
                s.segmentation().memberships(),
                s.tau(),
                views,
                progress);
    }

    /** Every view of the session that has a mask. */
    public static Propagation toAllViews(CorrectionSession s, Progress progress) {
        return toViews(s, allViews(s.cameras().size()), progress);
    }

    /**
     * The command without a session (the {@code check} command): diffs of the given masks against
     * the masks rendered from {@code objects}.
     */
    public static Propagation build(
            Renderer renderer,
            GaussianScene scene,
            List<Camera> cameras,
            List<LabelMask> masks,
            Memberships objects,
            double tau,
            int[] views,
            Progress progress) {
        List<MaskEdit> edits = new ArrayList<>();
        progress.begin("propagate", views.length);
        for (int v : views) {
            progress.checkCancelled();
            LabelMask current = masks.get(v);
            if (current != null) {
                LabelMask r = NovelViewMasks.render(renderer, scene, cameras.get(v), objects, tau);
                MaskEdit e =
                        MaskEdit.between(
                                "propagate to " + cameras.get(v).name(),
                                v,
                                current.labels(),
                                r.labels());
                if (e.size() > 0) edits.add(e);
            }
            progress.advance(1);
        }
        String what =
                views.length == 1
                        ? "view " + cameras.get(views[0]).name()
                        : views.length + " views";
        return new Propagation("propagate the 3D result to " + what, edits);
    }

    public static int[] allViews(int count) {
        int[] all = new int[count];
        for (int v = 0; v < count; v++) all[v] = v;
        return all;
    }

    public CorrectionSession.Update apply(CorrectionSession s) {
        return s.applyAll(edits);
    }

    public CorrectionSession.Update undo(CorrectionSession s) {
        List<MaskEdit> back = new ArrayList<>();
        for (int k = edits.size() - 1; k >= 0; k--) back.add(edits.get(k).inverse());
        return s.applyAll(back);
    }

    /** Writes the edits into plain masks (no session, no A to keep in step). */
    public void applyTo(List<LabelMask> masks) {
        for (MaskEdit e : edits) e.applyTo(masks.get(e.view()).labels());
    }

    public long changedPixels() {
        long n = 0;
        for (MaskEdit e : edits) n += e.size();
        return n;
    }

    /**
     * Writes every mask that exists as an instance-ID PNG named after its camera ({@code
     * <name>.png}), each file atomically.
     *
     * @return the number of files written
     */
    public static int export(
            Path folder, List<Camera> cameras, List<LabelMask> masks, Progress progress)
            throws IOException {
        int n = 0;
        progress.begin("export masks", cameras.size());
        for (int v = 0; v < cameras.size(); v++) {
            progress.checkCancelled();
            LabelMask m = masks.get(v);
            if (m != null) {
                MaskPngWriter.write(folder.resolve(cameras.get(v).name() + ".png"), m);
                n++;
            }
            progress.advance(1);
        }
        return n;
    }
}
