package org.flashsplat.raster.cpu;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.Test;

/** The last-view cache must be invisible: same results as a fresh renderer, in any call order. */
class ViewCacheTest {
    static final SceneSpec SMALL =
            new SceneSpec(
                    "test", 3000, 3, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.08, 0.05, 0.99, 1, 3, 96, 72,
                    60, 3, -1.2, 0.3, 7);

    private static Contributions accumulate(CpuRenderer r, SceneSpec spec, int view) {
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        Camera cam = g.cameras().get(view);
        LabelMask m = SampleMasks.discs(g, cam);
        Contributions a = new Contributions(4, g.scene().count());
        r.accumulate(g.scene(), List.of(cam), v -> m, a, Progress.NONE);
        return a;
    }

    @Test
    void cachedPassesEqualFreshOnesAndSkipThePreprocess() {
        SceneGenerator.Generated g = SceneGenerator.generate(SMALL);
        List<Camera> cams = g.cameras();
        LabelMask[] masks = new LabelMask[cams.size()];
        for (int v = 0; v < masks.length; v++) masks[v] = SampleMasks.discs(g, cams.get(v));
        RenderRequest objects = RenderRequest.objects(SampleMasks.truthMemberships(g));
        boolean[] hidden = new boolean[g.scene().count()];
        for (int i = 0; i < hidden.length; i += 3) hidden[i] = true;
        RenderRequest hiding =
                new RenderRequest(true, false, null, null, 0, hidden, new float[] {0, 0, 0});
        try (CpuRenderer cached = new CpuRenderer(2)) {
            // view 0 twice, a render of view 0, a hidden render (not cached), view 0, view 1, 0
            int[] order = {0, 0, -1, -2, 0, 1, 0};
            for (int step : order) {
                int view = Math.max(0, step);
                try (CpuRenderer fresh = new CpuRenderer(2)) {
                    if (step >= 0) {
                        Contributions a = new Contributions(4, g.scene().count());
                        Contributions b = new Contributions(4, g.scene().count());
                        Camera cam = cams.get(view);
                        cached.accumulate(
                                g.scene(), List.of(cam), v -> masks[view], a, Progress.NONE);
                        fresh.accumulate(
                                g.scene(), List.of(cam), v -> masks[view], b, Progress.NONE);
                        assertThat(Dense.fixed(a)).containsExactly(Dense.fixed(b));
                    } else {
                        RenderRequest req = step == -1 ? objects : hiding;
                        Frame x = cached.render(g.scene(), cams.get(0), req);
                        Frame y = fresh.render(g.scene(), cams.get(0), req);
                        assertThat(x.alpha()).containsExactly(y.alpha());
                        if (step == -1)
                            assertThat(x.objectWeight()).containsExactly(y.objectWeight());
                        else assertThat(x.rgb()).containsExactly(y.rgb());
                    }
                }
            }
            // preprocessed: view 0, hidden render, view 0 again, view 1, view 0 again
            assertThat(cached.preprocesses()).isEqualTo(5);
        }
    }

    @Test
    void anEqualCameraHitsAndAnotherSceneMisses() {
        SceneGenerator.Generated g = SceneGenerator.generate(SMALL);
        Camera cam = g.cameras().get(2);
        Camera same =
                new Camera(
                        cam.id(),
                        "copy",
                        cam.width(),
                        cam.height(),
                        cam.fx(),
                        cam.fy(),
                        cam.cx(),
                        cam.cy(),
                        cam.rotation(),
                        cam.translation());
        try (CpuRenderer r = new CpuRenderer(1)) {
            r.render(g.scene(), cam, RenderRequest.colourOnly());
            r.render(g.scene(), same, RenderRequest.colourOnly());
            assertThat(r.preprocesses()).isEqualTo(1);
            Contributions other = accumulate(r, SMALL, 2); // a newly generated, equal scene
            assertThat(r.preprocesses()).isEqualTo(2);
            assertThat(other.total(0) + other.total(1)).isPositive();
        }
    }
}
