package org.flashsplat.propagate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.CancelledException;
import org.flashsplat.core.Progress;
import org.flashsplat.correct.CorrectionSession;
import org.flashsplat.correct.MaskEdit;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sam.MaskPrompts;
import org.flashsplat.sam.SamMask;
import org.flashsplat.sam.SamModel;
import org.flashsplat.sam.StandInSam;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Propagation on a generated tabletop with the stand-in SAM, whose "object" is where the picture is
 * bright yellow: the pictures show the true object in yellow, so SAM's proposal should snap the
 * rendered 3D result (made rough on purpose) back to the truth.
 */
class ObjectPropagationTest {
    static final int VIEWS = 8, OBJECT = 2;
    @TempDir static Path tmp;
    static SceneGenerator.Generated g;
    static List<Camera> cams;
    static List<LabelMask> truth = new ArrayList<>();
    static CpuRenderer renderer;
    static SamModel model;

    @BeforeAll
    static void scene() throws Exception {
        SceneSpec t = SceneSpec.tabletop();
        SceneSpec spec =
                new SceneSpec(
                        "propagate-test",
                        8_000,
                        4,
                        t.objectShare(),
                        t.radiusMin(),
                        t.radiusMax(),
                        t.centreSpread(),
                        t.floorSize(),
                        t.scaleMin(),
                        t.scaleMax(),
                        t.opacityMin(),
                        t.opacityMax(),
                        0,
                        VIEWS,
                        320,
                        240,
                        t.fovXDegrees(),
                        t.orbitRadius(),
                        t.cameraY(),
                        t.cameraYJitter(),
                        4242);
        g = SceneGenerator.generate(spec);
        cams = g.cameras();
        renderer = new CpuRenderer(2);
        for (Camera c : cams) truth.add(SampleMasks.truth(renderer, g, c));
        model = SamModel.open(StandInSam.write(tmp.resolve("model")));
    }

    @AfterAll
    static void close() {
        model.close();
        renderer.close();
    }

    /** Bright yellow where the truth shows the object, dark grey elsewhere. */
    static int[] picture(int view) {
        int[] l = truth.get(view).labels();
        int[] argb = new int[l.length];
        for (int p = 0; p < l.length; p++) argb[p] = l[p] == OBJECT ? 0xffffff40 : 0xff303030;
        return argb;
    }

    /** The truth with the object grown by {@code r} pixels: rough masks to lift. */
    static LabelMask grown(LabelMask t, int r) {
        int w = t.width(), h = t.height();
        LabelMask m = t.copy();
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (t.labels()[y * w + x] != OBJECT) continue;
                for (int dy = -r; dy <= r; dy++)
                    for (int dx = -r; dx <= r; dx++) {
                        int u = x + dx, v = y + dy;
                        if (u >= 0 && v >= 0 && u < w && v < h) m.labels()[v * w + u] = OBJECT;
                    }
            }
        return m;
    }

    static boolean[] pixels(LabelMask m) {
        return ObjectPropagation.objectPixels(m, OBJECT);
    }

    static boolean[] bits(Proposal p) {
        boolean[] b = new boolean[p.width() * p.height()];
        for (int i = 0; i < b.length; i++) b[i] = p.contains(i);
        return b;
    }

    static CorrectionSession lift(List<LabelMask> masks) {
        return CorrectionSession.accumulate(
                renderer, g.scene(), cams, masks, AssignmentParams.defaults(), Progress.NONE);
    }

    @Test
    void samSnapsTheRoughRenderedMasksBackToTheObject() throws Exception {
        List<LabelMask> rough = new ArrayList<>();
        for (LabelMask t : truth) rough.add(grown(t, 12));
        CorrectionSession s = lift(rough);
        ObjectPropagation op = ObjectPropagation.of(s).refineWith(model, null);
        int[] views = ObjectPropagation.otherViews(VIEWS, 0);
        List<Proposal> ps =
                op.propose(OBJECT, views, ObjectPropagationTest::picture, Progress.NONE);

        List<Integer> shown = new ArrayList<>();
        for (int v : views)
            if (pixels(s.rendered(v)).length > 0 && area(pixels(s.rendered(v))) > 0) shown.add(v);
        assertThat(ps).extracting(Proposal::view).containsExactlyElementsOf(shown);
        assertThat(shown).as("the object is seen in most views").hasSizeGreaterThan(VIEWS / 2);

        double renderedIoU = 0, proposedIoU = 0;
        for (Proposal p : ps) {
            boolean[] t = pixels(truth.get(p.view()));
            boolean[] rendered = pixels(s.rendered(p.view()));
            // The proposal is SAM's answer to the prompt made of the rendered mask, on the view's
            // own picture.
            SamMask direct =
                    model.predict(
                            model.embed(picture(p.view()), p.width(), p.height()),
                            MaskPrompts.fromMask(
                                    rendered, p.width(), p.height(), ObjectPropagation.POINTS));
            assertThat(bits(p)).isEqualTo(direct.mask());
            assertThat(p.name()).isEqualTo(cams.get(p.view()).name());
            assertThat(p.area()).isEqualTo(area(direct.mask()));
            assertThat(p.renderedArea()).isEqualTo(area(rendered));
            assertThat(p.iou()).isEqualTo(StandInSam.iou(rendered, direct.mask()));
            assertThat(p.score()).isEqualTo(0.9f);
            renderedIoU += StandInSam.iou(t, rendered) / ps.size();
            proposedIoU += StandInSam.iou(t, bits(p)) / ps.size();
        }
        System.out.printf(
                "propagate: %d proposals, mean IoU with the truth %.3f rendered -> %.3f refined%n",
                ps.size(), renderedIoU, proposedIoU);
        // Masks grown by 12 px lift to an object that takes in the floor around it; the stand-in's
        // picture term is coarse (16 px cells in the 1024 frame), so it cannot be exact either.
        assertThat(renderedIoU).as("the lift of rough masks is rough").isLessThan(0.8);
        assertThat(proposedIoU).isGreaterThan(renderedIoU + 0.08).isGreaterThan(0.84);
    }

    @Test
    void anObjectDrawnInOneViewPropagatesFromTheLiveReLiftExactly() throws Exception {
        // Only view 0 has a mask, and the object is drawn into it after the session opened.
        List<LabelMask> masks = new ArrayList<>();
        for (int v = 0; v < VIEWS; v++) masks.add(null);
        LabelMask before = truth.getFirst().copy();
        for (int p = 0; p < before.labels().length; p++)
            if (before.labels()[p] == OBJECT) before.labels()[p] = 0;
        masks.set(0, before);
        CorrectionSession live = lift(masks);
        live.apply(MaskEdit.between("draw", 0, before.labels().clone(), truth.getFirst().labels()));
        List<LabelMask> drawn = new ArrayList<>(Arrays.asList(new LabelMask[VIEWS]));
        drawn.set(0, truth.getFirst().copy());
        CorrectionSession fresh = lift(drawn);

        int[] views = ObjectPropagation.otherViews(VIEWS, 0);
        List<Proposal> a =
                ObjectPropagation.of(live)
                        .refineWith(model, null)
                        .propose(OBJECT, views, ObjectPropagationTest::picture, Progress.NONE);
        List<Proposal> b =
                ObjectPropagation.of(fresh)
                        .refineWith(model, null)
                        .propose(OBJECT, views, ObjectPropagationTest::picture, Progress.NONE);
        assertThat(a).isNotEmpty();
        assertThat(a).usingRecursiveFieldByFieldElementComparator().isEqualTo(b);
        double mean = 0;
        for (Proposal p : a)
            mean += StandInSam.iou(pixels(truth.get(p.view())), bits(p)) / a.size();
        System.out.printf("propagate from one view: %d proposals, mean IoU %.3f%n", a.size(), mean);
        assertThat(mean).as("one view's drawing reaches the others").isGreaterThan(0.3);
    }

    /** Counts progress and cancels once {@code after} views are done. */
    static final class Counting implements Progress {
        final int after;
        long total, done;

        Counting(int after) {
            this.after = after;
        }

        @Override
        public void begin(String phase, long totalSteps) {
            total = totalSteps;
        }

        @Override
        public void advance(long steps) {
            done += steps;
        }

        @Override
        public void message(String text) {}

        @Override
        public boolean isCancelled() {
            return done >= after;
        }
    }

    @Test
    void progressIsPerViewAndCancelStopsBeforeTheNextView() throws Exception {
        CorrectionSession s = lift(new ArrayList<>(truth));
        ObjectPropagation op = ObjectPropagation.of(s).refineWith(model, null);
        int[] views = ObjectPropagation.otherViews(VIEWS, 3);
        assertThat(views).doesNotContain(3).hasSize(VIEWS - 1);

        Counting all = new Counting(Integer.MAX_VALUE);
        op.propose(OBJECT, views, ObjectPropagationTest::picture, all, p -> {});
        assertThat(all.total).isEqualTo(views.length);
        assertThat(all.done).isEqualTo(views.length);

        Counting two = new Counting(2);
        List<Integer> asked = new ArrayList<>();
        List<Proposal> got = new ArrayList<>();
        assertThatThrownBy(
                        () ->
                                op.propose(
                                        OBJECT,
                                        views,
                                        v -> {
                                            asked.add(v);
                                            return picture(v);
                                        },
                                        two,
                                        got::add))
                .isInstanceOf(CancelledException.class);
        assertThat(two.done).isEqualTo(2);
        assertThat(asked).hasSizeLessThanOrEqualTo(2);
        assertThat(got).extracting(Proposal::view).allMatch(v -> v == views[0] || v == views[1]);
        assertThatThrownBy(() -> op.propose(9, views, v -> null, Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAModelTheProposalIsTheRenderedMask() throws Exception {
        CorrectionSession s = lift(new ArrayList<>(truth));
        Proposal p =
                ObjectPropagation.of(s)
                        .proposeFor(
                                OBJECT,
                                1,
                                v -> {
                                    throw new AssertionError("no picture is needed without SAM");
                                });
        assertThat(p.refined()).isFalse();
        assertThat(bits(p)).isEqualTo(pixels(s.rendered(1)));
        assertThat(p.iou()).isEqualTo(1.0);
    }

    @Test
    void acceptingMakesTheObjectCoverExactlyTheProposal() {
        int w = 4, h = 2;
        java.util.BitSet bits = new java.util.BitSet();
        bits.set(1);
        bits.set(2);
        bits.set(5);
        Proposal p = new Proposal(7, "v", w, h, bits, 3, 3, 1, 0.9f);
        int[] labels = {0, 2, 1, 2, 3, 0, 2, 0};
        MaskEdit e = p.change(labels, 2);
        assertThat(e.view()).isEqualTo(7);
        assertThat(e.pixels()).containsExactly(2, 3, 5, 6);
        assertThat(e.before()).containsExactly(1, 2, 0, 2);
        assertThat(e.after()).containsExactly(2, 0, 2, 0);
        e.applyTo(labels);
        assertThat(labels).containsExactly(0, 2, 2, 0, 3, 2, 0, 0);
        assertThat(p.change(labels, 2).size()).isZero();
    }

    static int area(boolean[] m) {
        int n = 0;
        for (boolean b : m) if (b) n++;
        return n;
    }
}
