package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

/**
 * What the render path keeps from frame to frame (covariances of two scenes, the per-Gaussian
 * colour buffer, colour only for projected Gaussians) never shows in a frame: a render is the same
 * bits whatever the renderer drew before.
 */
class RenderCachesTest {
    private static final SceneGenerator.Generated G =
            SceneGenerator.generate(
                    new SceneSpec(
                            "caches", 4000, 3, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.08, 0.05, 0.99, 3, 4,
                            80, 60, 60, 3, -1.2, 0.3, 7));
    private static final GaussianScene SCENE = G.scene();

    /** Every other Gaussian: another scene, as the preview's moving subset is. */
    private static final GaussianScene HALF = half(SCENE);

    private static GaussianScene half(GaussianScene s) {
        boolean[] keep = new boolean[s.count()];
        for (int i = 0; i < keep.length; i += 2) keep[i] = true;
        return s.subset(keep);
    }

    private static RenderRequest tinted() {
        float[] tint = new float[3 * SCENE.count()];
        java.util.Arrays.fill(tint, -1);
        for (int i = 0; i < SCENE.count(); i += 3) tint[3 * i] = 1;
        return new RenderRequest(
                true,
                true,
                SampleMasks.truthMemberships(G),
                tint,
                0.55f,
                null,
                new float[] {0.1f, 0.2f, 0.3f});
    }

    @Test
    void aRenderIsTheSameWhateverCameBefore() {
        Camera cam = G.cameras().get(0), other = G.cameras().get(2);
        Frame fresh;
        try (CpuRenderer r = new CpuRenderer(2)) {
            fresh = r.render(SCENE, cam, tinted());
        }
        try (CpuRenderer r = new CpuRenderer(2)) {
            // Other scenes, cameras, sizes and requests first: each leaves its colours,
            // covariances and projection in the renderer.
            r.render(HALF, other, RenderRequest.colourOnly());
            r.render(SCENE, other.resized(40, 30), tinted());
            r.render(HALF, cam, RenderRequest.colourOnly());
            Frame again = r.render(SCENE, cam, tinted());
            assertThat(again.rgb()).isEqualTo(fresh.rgb());
            assertThat(again.alpha()).isEqualTo(fresh.alpha());
            assertThat(again.depth()).isEqualTo(fresh.depth());
            assertThat(again.objectWeight()).isEqualTo(fresh.objectWeight());
        }
    }

    /**
     * A recycled frame's arrays come back in a later frame of the same size, overwritten at every
     * pixel: the same bits as a fresh renderer's, also after frames of other sizes in between.
     */
    @Test
    void recycledFramesComeBackWithTheBitsOfAFreshFrame() {
        Camera cam = G.cameras().get(0), other = G.cameras().get(2);
        Frame fresh;
        try (CpuRenderer r = new CpuRenderer(2)) {
            fresh = r.render(SCENE, cam, RenderRequest.colourOnly());
        }
        try (CpuRenderer r = new CpuRenderer(2)) {
            Frame first = r.render(SCENE, other, tinted());
            r.recycle(first);
            r.recycle(first); // twice by mistake: still handed out once
            assertThat(r.render(SCENE, other, tinted()).alpha()).isSameAs(first.alpha());
            assertThat(r.render(SCENE, other, tinted()).alpha()).isNotSameAs(first.alpha());
            r.recycle(first);
            for (int w = 20; w < 60; w += 8)
                r.recycle(r.render(HALF, cam.resized(w, 30), tinted()));
            Frame again = r.render(SCENE, cam, RenderRequest.colourOnly());
            assertThat(again.alpha()).isSameAs(first.alpha());
            assertThat(again.rgb()).isSameAs(first.rgb());
            assertThat(again.rgb()).isEqualTo(fresh.rgb());
            assertThat(again.alpha()).isEqualTo(fresh.alpha());
            // depth is a sum: never handed out again
            Frame depth = r.render(SCENE, other, tinted());
            assertThat(depth.depth()).isNotSameAs(first.depth());
        }
    }

    @Test
    void aSceneAndItsSubsetKeepTheirCovariancesWhenAlternating() {
        Camera cam = G.cameras().get(1).resized(40, 30);
        try (CpuRenderer r = new CpuRenderer(1)) {
            for (int k = 0; k < 3; k++) {
                r.render(SCENE, cam, RenderRequest.colourOnly());
                r.render(HALF, cam, RenderRequest.colourOnly());
            }
            assertThat(r.covarianceBuilds).isEqualTo(2);
            GaussianScene third = half(HALF);
            r.render(third, cam, RenderRequest.colourOnly()); // evicts SCENE, the older one
            r.render(HALF, cam, RenderRequest.colourOnly());
            assertThat(r.covarianceBuilds).isEqualTo(3);
            r.render(SCENE, cam, RenderRequest.colourOnly());
            assertThat(r.covarianceBuilds).isEqualTo(4);
        }
    }
}
