package org.flashsplat.lift;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/** Scores against ground truth, for the sample and for tests: 3D labels and novel-view masks. */
public final class Evaluation {
    private Evaluation() {}

    /** IoU of each object's Gaussians with the ground-truth Gaussians of the same label (1..K). */
    public static double[] objectIoU(Memberships m, int[] truth) {
        double[] iou = new double[m.objects()];
        for (int k = 0; k < m.objects(); k++) {
            long inter = 0, union = 0;
            for (int i = 0; i < m.count(); i++) {
                boolean a = m.contains(k, i), b = truth[i] == k + 1;
                if (a && b) inter++;
                if (a || b) union++;
            }
            iou[k] = union == 0 ? Double.NaN : (double) inter / union;
        }
        return iou;
    }

    /**
     * Per view, the mean over objects present in either mask of the IoU between rendered and true
     * masks.
     */
    public record ViewScore(String view, double meanIoU) {}

    public static List<ViewScore> novelViews(
            Renderer r,
            GaussianScene scene,
            List<Camera> cams,
            List<LabelMask> truth,
            Memberships m,
            double tau) {
        List<ViewScore> out = new ArrayList<>();
        for (int v = 0; v < cams.size(); v++) {
            LabelMask rendered = NovelViewMasks.render(r, scene, cams.get(v), m, tau);
            out.add(
                    new ViewScore(
                            cams.get(v).name(), meanIoU(rendered, truth.get(v), m.objects())));
        }
        return out;
    }

    public static double meanIoU(LabelMask a, LabelMask b, int objects) {
        double sum = 0;
        int n = 0;
        for (int k = 1; k <= objects; k++) {
            double iou = NovelViewMasks.iou(a, b, k);
            if (!Double.isNaN(iou)) {
                sum += iou;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public static double mean(double[] values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
