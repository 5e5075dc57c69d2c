package org.flashsplat.studio.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.correct.Disagreement;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;
import org.junit.jupiter.api.Test;

/** Worst-first ordering of the views and replacing a mask by a rendered one, without a toolkit. */
class ViewRankingTest {
    private static ViewItem view(int i) {
        Camera c =
                Camera.centred(
                        i,
                        "v" + i,
                        4,
                        1,
                        4,
                        4,
                        new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                        new double[] {0, 0, 0});
        return new ViewItem(i, c, null, new LabelMask(4, 1, new int[] {1, 1, 2, 2}));
    }

    /** Scores view {@code v} against a rendering that differs from its mask in {@code off} px. */
    private static void score(ViewItem v, int off) {
        int[] r = v.mask().labels().clone();
        for (int p = 0; p < off; p++) r[p] = 0;
        v.disagreementProperty()
                .set(
                        Disagreement.compare(
                                v.index(),
                                v.name(),
                                v.mask().snapshot(),
                                new LabelMask(4, 1, r),
                                2,
                                false));
    }

    @Test
    void worstFirstPutsTheMostDisagreeingViewsFirstAndUnscoredLast() {
        ViewItem a = view(0), b = view(1), c = view(2), d = view(3);
        score(a, 1);
        score(b, 3);
        score(d, 2);
        assertThat(ViewRanking.worstFirst(List.of(a, b, c, d))).containsExactly(b, d, a, c);
    }

    @Test
    void theStripOrderFollowsTheToggleAndTheScores() {
        try (StudioViewModel vm = new StudioViewModel(Runnable::run, Renderers.Backend.CPU, null)) {
            ViewItem a = view(0), b = view(1), c = view(2);
            vm.views().setAll(a, b, c);
            score(a, 0);
            score(b, 1);
            score(c, 4);
            assertThat(vm.ranking().ordered()).containsExactly(a, b, c);
            vm.ranking().worstFirstProperty().set(true);
            assertThat(vm.ranking().ordered()).containsExactly(c, b, a);
            score(a, 2); // new scores re-sort
            vm.ranking().resort();
            assertThat(vm.ranking().ordered()).containsExactly(c, a, b);
            vm.ranking().worstFirstProperty().set(false);
            assertThat(vm.ranking().ordered()).containsExactly(a, b, c);
            vm.ranking().cancel();
            assertThat(vm.ranking().computingProperty().get()).isFalse();
        }
    }

    @Test
    void replacingByARenderedMaskIsOneUndoStepAndMarksTheViewEdited() {
        ViewMask m = new ViewMask(4, 1, new LabelMask(4, 1, new int[] {1, 1, 2, 2}));
        m.replace(new LabelMask(4, 1, new int[] {1, 0, 2, 1}), "3D result", ViewMask.Status.EDITED);
        assertThat(m.labels()).containsExactly(1, 0, 2, 1);
        assertThat(m.statusProperty().get()).isEqualTo(ViewMask.Status.EDITED);
        assertThat(m.history().undoSize()).isEqualTo(1);
        m.undo();
        assertThat(m.labels()).containsExactly(1, 1, 2, 2);
        // An equal mask adds no step.
        m.replace(new LabelMask(4, 1, new int[] {1, 1, 2, 2}), "3D result", ViewMask.Status.EDITED);
        assertThat(m.history().undoSize()).isZero();
    }
}
