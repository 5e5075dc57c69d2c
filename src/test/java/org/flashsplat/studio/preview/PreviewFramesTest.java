package org.flashsplat.studio.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.MaskProvider;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

/** The preview's pipeline, with a clock of its own: no test here reads the wall clock. */
class PreviewFramesTest {
    private static final SceneGenerator.Generated G =
            SceneGenerator.generate(
                    new SceneSpec(
                            "preview", 5000, 3, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.08, 0.05, 0.99, 1,
                            3, 64, 48, 60, 3, -1.2, 0.3, 11));
    private static final GaussianScene SCENE = G.scene();
    private static final float[] BACKGROUND = {0.11f, 0.12f, 0.14f};

    private static PreviewStyle segmented() {
        int k = G.spec().objects();
        boolean[] visible = new boolean[k + 1], solo = new boolean[k + 1];
        java.util.Arrays.fill(visible, true);
        visible[2] = false; // one object hidden: the hidden flags matter
        return new PreviewStyle(
                Memberships.ofLabels(k, G.groundTruth()),
                new int[] {0, 0xff0000, 0x00ff00, 0x0000ff},
                visible,
                solo,
                new boolean[k + 1],
                PreviewStyle.Mode.ALL,
                true,
                0,
                0);
    }

    private static PreviewRenderer.Request request(Camera cam, PreviewStyle s, boolean moving) {
        return new PreviewRenderer.Request(SCENE, cam, s, moving, BACKGROUND);
    }

    /** Records what it is asked to draw; each render takes {@code millis} on the fake clock. */
    private static final class Recording implements Renderer {
        final long[] clock = {0};
        double millis = 50;
        final List<GaussianScene> scenes = new ArrayList<>();
        final List<Camera> cameras = new ArrayList<>();
        final List<RenderRequest> requests = new ArrayList<>();
        final List<Frame> rendered = new ArrayList<>(), recycled = new ArrayList<>();

        @Override
        public String description() {
            return "recording";
        }

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public AccumulateStats accumulate(
                GaussianScene s, List<Camera> c, MaskProvider m, Contributions i, Progress p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Frame render(GaussianScene s, Camera c, RenderRequest r) {
            scenes.add(s);
            cameras.add(c);
            requests.add(r);
            clock[0] += (long) (millis * 1e6);
            int n = c.width() * c.height();
            Frame f =
                    new Frame(
                            c.width(),
                            c.height(),
                            new float[n],
                            new float[3 * n],
                            null,
                            0,
                            null,
                            null);
            rendered.add(f);
            return f;
        }

        @Override
        public void recycle(Frame frame) {
            recycled.add(frame);
        }

        @Override
        public void close() {}
    }

    @Test
    void atRestTheFrameIsTheFullSceneRenderedExactly() {
        PreviewStyle style = segmented();
        Camera cam = G.cameras().get(0);
        int[] expected;
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, Progress.NONE)) {
            PreviewStyle.Arrays a = style.build();
            Frame f =
                    r.render(
                            SCENE,
                            cam,
                            new RenderRequest(
                                    true, false, null, a.tint(), 0.55f, a.hidden(), BACKGROUND));
            expected = PreviewFrames.toArgb(f);
        }
        try (Renderer r = Renderers.open(Renderers.Backend.CPU, Progress.NONE)) {
            PreviewFrames frames = new PreviewFrames(1000, () -> 0);
            // A drag first: the renderer and the pipeline then hold the moving subset's state.
            for (int k = 0; k < 3; k++) frames.render(r, request(G.cameras().get(1), style, true));
            PreviewRenderer.Image img = frames.render(r, request(cam, style, false));
            assertThat(img.width()).isEqualTo(cam.width());
            assertThat(img.height()).isEqualTo(cam.height());
            assertThat(img.argb()).isEqualTo(expected);
            // again after a full frame from elsewhere, whose arrays the renderer then reuses
            frames.render(r, request(G.cameras().get(2), style, false));
            assertThat(frames.render(r, request(cam, style, false)).argb()).isEqualTo(expected);
        }
    }

    @Test
    void movingFramesDrawTheBudgetAtReducedSizeAndReuseTheRemappedStyle() {
        Recording r = new Recording();
        PreviewFrames frames = new PreviewFrames(1000, () -> r.clock[0]);
        PreviewStyle style = segmented();
        Camera cam = G.cameras().get(0).resized(640, 480);
        frames.render(r, request(cam, style, true));
        frames.render(r, request(cam, style, true));
        assertThat(r.scenes.get(0).count()).isEqualTo(1000);
        assertThat(r.scenes.get(1)).isSameAs(r.scenes.get(0));
        assertThat(r.cameras.get(0).width()).isEqualTo(320);
        assertThat(r.cameras.get(0).height()).isEqualTo(240);
        // the style's arrays are remapped to the subset once, not once per frame
        assertThat(r.requests.get(0).tint()).hasSize(3000);
        assertThat(r.requests.get(1).tint()).isSameAs(r.requests.get(0).tint());
        assertThat(r.requests.get(1).hidden()).isSameAs(r.requests.get(0).hidden());
        // a new style is remapped again
        frames.render(r, request(cam, segmented(), true));
        assertThat(r.requests.get(2).tint()).isNotSameAs(r.requests.get(0).tint());
        // at rest: everything, full size
        frames.render(r, request(cam, style, false));
        assertThat(r.scenes.get(3)).isSameAs(SCENE);
        assertThat(r.cameras.get(3).width()).isEqualTo(640);
        // every frame goes back to the renderer once its pixels are out
        assertThat(r.recycled).isEqualTo(r.rendered);
    }

    @Test
    void theFirstMovingFrameOfASceneDoesNotSetTheResolution() {
        Recording r = new Recording();
        PreviewFrames frames = new PreviewFrames(1000, () -> r.clock[0]);
        Camera cam = G.cameras().get(0).resized(640, 480);
        r.millis = 2000; // builds the subset and the renderer's per-scene caches
        frames.render(r, request(cam, null, true));
        assertThat(frames.lowScale()).isEqualTo(PreviewFrames.START_SCALE);
    }

    @Test
    void theResolutionFollowsTheFrameTimeInBoundedSteps() {
        Recording r = new Recording();
        PreviewFrames frames = new PreviewFrames(1000, () -> r.clock[0]);
        Camera cam = G.cameras().get(0).resized(640, 480);
        frames.render(r, request(cam, null, true));
        r.millis = 1000; // far too slow: the factor falls by one bounded step per frame
        frames.render(r, request(cam, null, true));
        assertThat(frames.lowScale())
                .isCloseTo(
                        PreviewFrames.START_SCALE / PreviewFrames.MAX_STEP,
                        org.assertj.core.data.Offset.offset(1e-12));
        for (int k = 0; k < 20; k++) frames.render(r, request(cam, null, true));
        assertThat(frames.lowScale()).isEqualTo(PreviewFrames.MIN_SCALE);
        assertThat(r.cameras.getLast().width()).isEqualTo((int) (640 * PreviewFrames.MIN_SCALE));
        r.millis = PreviewFrames.TARGET_MILLIS / 4; // fast: half again as many pixels per side
        frames.render(r, request(cam, null, true));
        assertThat(frames.lowScale())
                .isCloseTo(
                        PreviewFrames.MIN_SCALE * PreviewFrames.MAX_STEP,
                        org.assertj.core.data.Offset.offset(1e-12));
        r.millis = PreviewFrames.TARGET_MILLIS; // on target: stays
        double at = frames.lowScale();
        frames.render(r, request(cam, null, true));
        assertThat(frames.lowScale()).isEqualTo(at);
        // frames at rest never change it
        r.millis = 5000;
        frames.render(r, request(cam, null, false));
        assertThat(frames.lowScale()).isEqualTo(at);
    }

    @Test
    void aPreparedSceneStartsItsDragWithTheSubsetBuiltAndTheFirstFrameCounting() {
        Recording r = new Recording();
        PreviewFrames frames = new PreviewFrames(1000, () -> r.clock[0]);
        PreviewStyle style = segmented();
        Camera cam = G.cameras().get(0).resized(640, 480);
        frames.render(r, request(cam, style, false));
        frames.prepareMoving(request(cam, style, false));
        r.millis = 1000;
        frames.render(r, request(cam, style, true));
        assertThat(r.scenes.get(1).count()).isEqualTo(1000);
        assertThat(r.requests.get(1).tint()).hasSize(3000);
        assertThat(frames.lowScale()).isLessThan(PreviewFrames.START_SCALE);
        // preparing again changes nothing: the same subset and arrays
        frames.prepareMoving(request(cam, style, false));
        frames.render(r, request(cam, style, true));
        assertThat(r.scenes.get(2)).isSameAs(r.scenes.get(1));
        assertThat(r.requests.get(2).tint()).isSameAs(r.requests.get(1).tint());
    }
}
