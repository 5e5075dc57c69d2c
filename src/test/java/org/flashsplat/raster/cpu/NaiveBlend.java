package org.flashsplat.raster.cpu;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.scene.GaussianScene;

/**
 * The blend written the plain way, pixel by pixel over the whole tile list with no culling at all,
 * on the same projection: the renderer's culling is exact only if it gives the same bits.
 */
final class NaiveBlend {
    private NaiveBlend() {}

    static Contributions accumulate(
            GaussianScene s, List<Camera> cams, LabelMask[] masks, int labels) {
        Contributions a = new Contributions(labels, s.count());
        SceneConstants cov = SceneConstants.of(s);
        for (int v = 0; v < cams.size(); v++) {
            Camera cam = cams.get(v);
            Projection p = new Projection();
            p.run(cov, cam, null);
            TileBins bins = new TileBins();
            bins.build(p);
            // the reference order, whatever the blender does: each tile by (depth, scene index),
            // entries rewritten to hold the scene index
            for (int t = 0; t < bins.tiles; t++) {
                for (int e = bins.start[t]; e < bins.start[t + 1]; e++) {
                    long entry = bins.entries[e];
                    bins.entries[e] = (entry >>> 32) << 32 | cov.order()[(int) entry];
                }
                java.util.Arrays.sort(bins.entries, bins.start[t], bins.start[t + 1]);
            }
            for (int py = 0; py < cam.height(); py++) {
                for (int px = 0; px < cam.width(); px++) {
                    int tile = (py / 16) * p.gridX + px / 16;
                    int label = masks[v].get(px, py);
                    float t = 1f;
                    for (int e = bins.start[tile]; e < bins.start[tile + 1]; e++) {
                        int id = (int) bins.entries[e], g = cov.rankOf()[id];
                        float dx = p.get(g, Projection.X) - px, dy = p.get(g, Projection.Y) - py;
                        float ca = p.get(g, Projection.CONIC_A), cb = p.get(g, Projection.CONIC_B);
                        float cc = p.get(g, Projection.CONIC_C);
                        float power = -0.5f * (ca * dx * dx + cc * dy * dy) - cb * dx * dy;
                        if (power > 0f) continue;
                        float alpha =
                                Math.min(
                                        0.99f, p.get(g, Projection.OPACITY) * BlendRule.exp(power));
                        if (alpha < 1f / 255f) continue;
                        float testT = t * (1 - alpha);
                        if (testT < 0.0001f) break;
                        a.addAtomic(label, id, Contributions.toFixed(alpha * t));
                        t = testT;
                    }
                }
            }
        }
        return a;
    }
}
