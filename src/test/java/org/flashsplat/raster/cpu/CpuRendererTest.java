package org.flashsplat.raster.cpu;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.MaskProvider;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CpuRendererTest {
    static SceneGenerator.Generated scene;
    static LabelMask[] masks;

    @BeforeAll
    static void makeScene() {
        SceneSpec small =
                new SceneSpec(
                        "test", 3000, 3, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.08, 0.05, 0.99, 2, 5, 96,
                        72, 60, 3, -1.2, 0.3, 99);
        scene = SceneGenerator.generate(small);
        masks = new LabelMask[small.cameras()];
        for (int v = 0; v < masks.length; v++)
            masks[v] = SampleMasks.discs(scene, scene.cameras().get(v));
    }

    private static Contributions accumulate(CpuRenderer r, List<Camera> cams, MaskProvider m) {
        Contributions a = new Contributions(4, scene.scene().count());
        r.accumulate(scene.scene(), cams, m, a, Progress.NONE);
        return a;
    }

    @Test
    void exactCullingChangesNothing() {
        try (CpuRenderer r = new CpuRenderer(2)) {
            Contributions fast = accumulate(r, scene.cameras(), v -> masks[v]);
            Contributions naive = NaiveBlend.accumulate(scene.scene(), scene.cameras(), masks, 4);
            assertThat(Dense.fixed(fast)).containsExactly(Dense.fixed(naive));
            assertThat(fast.total(0) + fast.total(1)).isPositive();
        }
    }

    @Test
    void resultIsBitIdenticalForAnyThreadCount() {
        Contributions one, many;
        try (CpuRenderer r = new CpuRenderer(1)) {
            one = accumulate(r, scene.cameras(), v -> masks[v]);
        }
        try (CpuRenderer r = new CpuRenderer(4)) {
            many = accumulate(r, scene.cameras(), v -> masks[v]);
        }
        assertThat(Dense.fixed(many)).containsExactly(Dense.fixed(one));
    }

    @Test
    void viewsAddAndSubtractExactly() {
        try (CpuRenderer r = new CpuRenderer(2)) {
            Contributions all = accumulate(r, scene.cameras(), v -> masks[v]);
            Contributions first = accumulate(r, scene.cameras().subList(0, 1), v -> masks[0]);
            Contributions rest = accumulate(r, scene.cameras().subList(1, 5), v -> masks[v + 1]);
            Contributions sum = first.copy();
            sum.add(rest);
            assertThat(Dense.fixed(sum)).containsExactly(Dense.fixed(all));
            all.subtract(first);
            assertThat(Dense.fixed(all)).containsExactly(Dense.fixed(rest));
        }
    }

    @Test
    void negativeLabelsBlendButAddNothing() {
        SplittableRandom rnd = new SplittableRandom(3);
        LabelMask m = masks[2];
        int[] region = m.labels().clone();
        for (int p = 0; p < region.length; p++) if (rnd.nextDouble() < 0.5) region[p] = -1;
        int[] complement = m.labels().clone();
        for (int p = 0; p < region.length; p++) if (region[p] >= 0) complement[p] = -1;
        List<Camera> cam = scene.cameras().subList(2, 3);
        try (CpuRenderer r = new CpuRenderer(2)) {
            Contributions whole = accumulate(r, cam, v -> m);
            Contributions a = accumulate(r, cam, v -> new LabelMask(m.width(), m.height(), region));
            Contributions b =
                    accumulate(r, cam, v -> new LabelMask(m.width(), m.height(), complement));
            a.add(b);
            assertThat(Dense.fixed(a)).containsExactly(Dense.fixed(whole));
        }
    }

    @Test
    void viewsWithoutMaskAreSkipped() {
        try (CpuRenderer r = new CpuRenderer(2)) {
            Contributions a = new Contributions(4, scene.scene().count());
            var stats =
                    r.accumulate(
                            scene.scene(),
                            scene.cameras(),
                            v -> v == 1 ? null : masks[v],
                            a,
                            Progress.NONE);
            assertThat(stats.views()).isEqualTo(4);
        }
    }

    @Test
    void renderedAlphaEqualsTheSumOfWeightsAndColourIsPlausible() {
        try (CpuRenderer r = new CpuRenderer(2)) {
            Camera cam = scene.cameras().get(0);
            Frame f =
                    r.render(
                            scene.scene(),
                            cam,
                            new RenderRequest(
                                    true,
                                    true,
                                    SampleMasks.truthMemberships(scene),
                                    null,
                                    0,
                                    null,
                                    new float[] {0, 0, 0}));
            int plane = cam.width() * cam.height();
            // accumulating with every pixel labelled 0 sums alpha*T per pixel over all Gaussians
            Contributions a = new Contributions(1, scene.scene().count());
            r.accumulate(
                    scene.scene(),
                    List.of(cam),
                    v -> LabelMask.empty(cam.width(), cam.height()),
                    a,
                    Progress.NONE);
            double alphaSum = 0, weightSum = 0;
            for (float x : f.alpha()) alphaSum += x;
            for (int i = 0; i < a.count(); i++) weightSum += a.get(0, i);
            assertThat(weightSum)
                    .isCloseTo(alphaSum, org.assertj.core.data.Offset.offset(alphaSum * 1e-4));
            assertThat(alphaSum / plane).isBetween(0.2, 1.0);
            for (int p = 0; p < plane; p++) {
                double objects = 0;
                for (int k = 0; k < f.objects(); k++) objects += f.objectWeight()[k * plane + p];
                assertThat(objects).isLessThanOrEqualTo(f.alpha()[p] + 1e-5);
                if (f.alpha()[p] > 0.5) assertThat(f.depth()[p]).isBetween(0.5f, 6f);
                for (int c = 0; c < 3; c++) assertThat(f.rgb()[3 * p + c]).isBetween(0f, 1.5f);
            }
        }
    }

    @Test
    void hiddenGaussiansAreLeftOut() {
        try (CpuRenderer r = new CpuRenderer(2)) {
            Camera cam = scene.cameras().get(1);
            boolean[] all = new boolean[scene.scene().count()];
            java.util.Arrays.fill(all, true);
            Frame f =
                    r.render(
                            scene.scene(),
                            cam,
                            new RenderRequest(
                                    true,
                                    false,
                                    null,
                                    null,
                                    0,
                                    all,
                                    new float[] {0.2f, 0.3f, 0.4f}));
            assertThat(f.alpha()).containsOnly(0f);
            assertThat(f.rgb()[0]).isEqualTo(0.2f);
            assertThat(f.rgb()[2]).isEqualTo(0.4f);
        }
    }
}
