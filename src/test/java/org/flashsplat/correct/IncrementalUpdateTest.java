package org.flashsplat.correct;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edits reach A exactly: after a long series of random strokes, fills, new labels, undos and redos
 * the incrementally updated A is bit-identical to a full re-accumulation of the edited masks.
 */
class IncrementalUpdateTest {
    static SceneGenerator.Generated g;
    static List<Camera> cams;

    @BeforeAll
    static void scene() {
        g = SceneGenerator.generate(SceneSpec.tabletop());
        cams = g.cameras().subList(0, 10);
    }

    static List<LabelMask> noisyMasks(CpuRenderer r, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<LabelMask> masks = new ArrayList<>();
        for (Camera c : cams)
            masks.add(SampleMasks.noisy(SampleMasks.truth(r, g, c), g.spec().objects(), rnd));
        return masks;
    }

    static Contributions full(CpuRenderer r, List<LabelMask> masks, int labels) {
        Contributions a = new Contributions(labels, g.scene().count());
        r.accumulate(g.scene(), cams, masks::get, a, Progress.NONE);
        return a;
    }

    static double relativeL1(Contributions a, Contributions b) {
        double num = 0, den = 0;
        long[] x = Dense.fixed(a), y = Dense.fixed(b);
        for (int k = 0; k < x.length; k++) {
            num += Math.abs((double) x[k] - y[k]);
            den += Math.abs((double) y[k]);
        }
        return num / den;
    }

    @Test
    void longSeriesOfEditsAndUndosEqualsAFullReaccumulation() {
        SplittableRandom rnd = new SplittableRandom(42);
        try (CpuRenderer r = new CpuRenderer(2)) {
            List<LabelMask> masks = noisyMasks(r, 1);
            CorrectionSession s =
                    CorrectionSession.accumulate(
                            r, g.scene(), cams, masks, AssignmentParams.defaults(), Progress.NONE);
            int labels0 = s.contributions().labels();
            Deque<MaskEdit> undo = new ArrayDeque<>(), redo = new ArrayDeque<>();
            List<Double> millis = new ArrayList<>();
            int applied = 0, undone = 0, redone = 0;
            for (int step = 0; step < 120; step++) {
                double dice = rnd.nextDouble();
                MaskEdit e;
                if (dice < 0.25 && !undo.isEmpty()) {
                    e = undo.pop().inverse();
                    redo.push(e.inverse());
                    undone++;
                } else if (dice < 0.5 && !redo.isEmpty()) {
                    e = redo.pop();
                    undo.push(e);
                    redone++;
                } else {
                    int v = rnd.nextInt(cams.size());
                    // now and then a label one past the current count: a new object
                    int labels = s.contributions().labels();
                    int label = rnd.nextDouble() < 0.06 ? labels : rnd.nextInt(labels);
                    LabelMask m = s.mask(v);
                    if (rnd.nextDouble() < 0.08)
                        e = scramble(v, m, s.contributions().labels(), rnd);
                    else
                        e =
                                rnd.nextDouble() < 0.8
                                        ? Strokes.stroke(
                                                v,
                                                m,
                                                label,
                                                rnd.nextDouble(2, 14),
                                                1 + rnd.nextInt(8),
                                                rnd)
                                        : Strokes.disc(
                                                v,
                                                m,
                                                label,
                                                rnd.nextDouble(0.01, 0.2),
                                                rnd.nextDouble(0, 320),
                                                rnd.nextDouble(0, 240));
                    undo.push(e);
                    redo.clear();
                    applied++;
                }
                // the studio writes the edit into its (shared) array first half of the time
                if (rnd.nextBoolean()) e.applyTo(s.mask(e.view()).labels());
                CorrectionSession.Update u = s.apply(e);
                if (u.changedPixels() > 0) millis.add(u.totalMillis());
            }
            assertThat(s.contributions().labels()).isGreaterThan(labels0);
            assertThat(s.twoPassEdits()).isPositive();
            Contributions expected = full(r, masks, s.contributions().labels());
            double d = relativeL1(s.contributions(), expected);
            millis.sort(null);
            System.out.printf(
                    "incremental: %d edits (%d in two renders), %d undos, %d redos on %d views; labels %d -> %d;"
                            + " relative L1 to a full pass %.3g; update median %.1f ms, max %.1f ms%n",
                    applied,
                    s.twoPassEdits(),
                    undone,
                    redone,
                    cams.size(),
                    labels0,
                    s.contributions().labels(),
                    d,
                    millis.get(millis.size() / 2),
                    millis.get(millis.size() - 1));
            assertThat(d).isLessThan(1e-6);
            assertThat(Dense.fixed(s.contributions())).containsExactly(Dense.fixed(expected));
            assertThat(Dense.floats(s.table())).containsExactly(Dense.floats(expected));
            var fresh =
                    CorrectionSession.of(
                            r, g.scene(), cams, masks, expected, AssignmentParams.defaults());
            assertThat(Dense.member(s.segmentation().memberships()))
                    .containsExactly(Dense.member(fresh.segmentation().memberships()));
            assertThat(s.segmentation().labels()).containsExactly(fresh.segmentation().labels());
        }
    }

    /**
     * Random pixels to random labels: many (old, new) label pairs, which takes the delta pass's
     * two-render path.
     */
    static MaskEdit scramble(int view, LabelMask m, int labels, SplittableRandom rnd) {
        int[] to = m.labels().clone();
        for (int p = 0; p < to.length; p++)
            if (rnd.nextDouble() < 0.03) to[p] = rnd.nextInt(labels);
        return MaskEdit.between("scramble", view, m.labels(), to);
    }

    @Test
    void undoingEverythingRestoresAExactly() {
        SplittableRandom rnd = new SplittableRandom(5);
        try (CpuRenderer r = new CpuRenderer(2)) {
            List<LabelMask> masks = noisyMasks(r, 2);
            List<LabelMask> originals = masks.stream().map(LabelMask::copy).toList();
            CorrectionSession s =
                    CorrectionSession.accumulate(
                            r, g.scene(), cams, masks, AssignmentParams.defaults(), Progress.NONE);
            long[] before = Dense.fixed(s.contributions()).clone();
            Deque<MaskEdit> done = new ArrayDeque<>();
            for (int k = 0; k < 20; k++) {
                int v = rnd.nextInt(cams.size());
                MaskEdit e = Strokes.stroke(v, s.mask(v), rnd.nextInt(5), 8, 5, rnd);
                s.apply(e);
                done.push(e);
            }
            while (!done.isEmpty()) s.apply(done.pop().inverse());
            assertThat(Dense.fixed(s.contributions())).containsExactly(before);
            for (int v = 0; v < cams.size(); v++)
                assertThat(s.mask(v).labels()).containsExactly(originals.get(v).labels());
        }
    }

    @Test
    void editsOutOfStepWithTheMaskAreRefusedBeforeAnythingChanges() {
        try (CpuRenderer r = new CpuRenderer(2)) {
            List<LabelMask> masks = noisyMasks(r, 3);
            masks.set(3, null);
            CorrectionSession s =
                    CorrectionSession.accumulate(
                            r, g.scene(), cams, masks, AssignmentParams.defaults(), Progress.NONE);
            long[] a = Dense.fixed(s.contributions()).clone();
            int[] px = {10, 11, 12};
            int old = s.mask(0).labels()[11];
            MaskEdit wrong =
                    new MaskEdit("x", 0, px, new int[] {0, old + 1, 0}, new int[] {2, 2, 2});
            s.mask(0).labels()[10] = 0;
            s.mask(0).labels()[12] = 0;
            assertThatThrownBy(() -> s.apply(wrong))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expects label");
            assertThat(Dense.fixed(s.contributions())).containsExactly(a);
            assertThat(s.mask(0).labels()[10]).isZero();
            assertThatThrownBy(() -> s.apply(new MaskEdit("y", 3, px, new int[3], new int[3])))
                    .isInstanceOf(IllegalArgumentException.class);
            CorrectionSession.Update noop =
                    s.apply(
                            new MaskEdit(
                                    "z",
                                    0,
                                    new int[] {10, 10},
                                    new int[] {0, 1},
                                    new int[] {1, 0}));
            assertThat(noop.changedPixels()).isZero();
            assertThat(Dense.fixed(s.contributions())).containsExactly(a);
        }
    }
}
