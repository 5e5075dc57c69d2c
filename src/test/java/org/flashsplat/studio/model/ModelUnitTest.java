package org.flashsplat.studio.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.raster.Memberships;
import org.flashsplat.studio.preview.OrbitCamera;
import org.flashsplat.studio.preview.PreviewStyle;
import org.flashsplat.studio.views.NovelViews;
import org.junit.jupiter.api.Test;

/** Small pieces of the view models, without the toolkit. */
class ModelUnitTest {
    @Test
    void polygonAndFloodFillAreUndoneExactly() {
        ViewMask m = new ViewMask(20, 10, null);
        m.begin(2);
        m.fillPolygon(new double[] {2, 2, 12, 2, 12, 8, 2, 8});
        // Half-open rows (top-left rule): rows 2..7, columns 2..12.
        assertThat(m.commit("poly").size()).isEqualTo(11 * 6);
        assertThat(m.labelAt(5, 5)).isEqualTo(2);
        assertThat(m.labelAt(15, 5)).isZero();
        m.begin(3);
        m.flood(0, 0); // the background around the rectangle
        m.commit("flood");
        assertThat(m.labelAt(15, 5)).isEqualTo(3);
        assertThat(m.labelAt(5, 5)).isEqualTo(2);
        m.undo();
        assertThat(m.labelAt(15, 5)).isZero();
        m.undo();
        assertThat(m.labelAt(5, 5)).isZero();
        assertThat(m.redo()).isTrue();
        assertThat(m.labelAt(5, 5)).isEqualTo(2);
    }

    @Test
    void aViewFollowingTheAssociationStaysImportedUntilItsOwnEdits() {
        ViewMask m = new ViewMask(4, 1, null);
        m.restart(
                new org.flashsplat.mask.LabelMask(4, 1, new int[] {1, 1, 2, 2}),
                "associate",
                ViewMask.Status.IMPORTED);
        // A merge of 2 into 1, then its undo: the mask is what the association makes.
        m.followAssociation(
                "merge",
                new int[] {2, 3},
                new int[] {2, 2},
                new int[] {1, 1},
                ViewMask.Status.EDITED);
        assertThat(m.labels()).containsExactly(1, 1, 1, 1);
        assertThat(m.statusProperty().get()).isEqualTo(ViewMask.Status.IMPORTED);
        assertThat(m.isDirty()).isTrue(); // still differs from the files: worth saving
        m.followAssociation(
                "undo merge",
                new int[] {2, 3},
                new int[] {1, 1},
                new int[] {2, 2},
                ViewMask.Status.EDITED);
        assertThat(m.statusProperty().get()).isEqualTo(ViewMask.Status.IMPORTED);
        m.markSaved();
        assertThat(m.isDirty()).isFalse();

        // With a stroke of its own the view is edited, through fixes too, until it is undone.
        m.begin(3);
        m.stamp(0, 0, 0.6);
        m.commit("dot");
        m.followAssociation(
                "merge",
                new int[] {2, 3},
                new int[] {2, 2},
                new int[] {1, 1},
                ViewMask.Status.EDITED);
        assertThat(m.statusProperty().get()).isEqualTo(ViewMask.Status.EDITED);
        m.undo();
        assertThat(m.statusProperty().get()).isEqualTo(ViewMask.Status.IMPORTED);
    }

    @Test
    void undoingEveryEditOfAnUnmaskedViewLeavesItUnmasked() {
        ViewMask m = new ViewMask(8, 8, null);
        m.begin(1);
        m.stamp(4, 4, 2);
        m.commit("dot");
        assertThat(m.hasMask()).isTrue();
        m.undo();
        assertThat(m.hasMask()).isFalse(); // accumulate skips it again
        m.redo();
        assertThat(m.statusProperty().get()).isEqualTo(ViewMask.Status.EDITED);
    }

    @Test
    void historyKeepsTheNewestStepsOnly() {
        ViewMask m = new ViewMask(300, 1, null);
        for (int i = 0; i < UndoStack.LIMIT + 50; i++) {
            m.begin(1 + i % 2);
            m.stamp(i, 0, 0.5);
            m.commit("dot");
        }
        assertThat(m.history().undoSize()).isEqualTo(UndoStack.LIMIT);
    }

    @Test
    void progressCoalescesAndEstimatesTimeLeft() {
        List<Runnable> queued = new ArrayList<>();
        FxProgress p = new FxProgress(queued::add);
        p.begin("accumulate", 10);
        for (int i = 0; i < 5; i++) p.advance(1);
        assertThat(queued).hasSize(1); // one pending update, however many advances
        queued.removeFirst().run();
        assertThat(p.fractionProperty().get()).isEqualTo(0.5);
        assertThat(FxProgress.describe("accumulate", 5, 10, 5_000_000_000L))
                .isEqualTo("accumulate: 5 of 10, about 5 s left");
        p.cancel();
        assertThat(p.isCancelled()).isTrue();
    }

    @Test
    void previewModesHideTheRightGaussians() {
        // Gaussian 0 in object 1, 1 in object 2, 2 in both, 3 in none.
        Memberships m = Memberships.ofDense(2, 4, new byte[] {1, 0, 1, 0, 0, 1, 1, 0});
        int[] colours = {0, 0xff0000, 0x00ff00};
        boolean[] yes = {true, true, true}, no = new boolean[3];
        boolean[] sel1 = {false, true, false};
        var all = style(m, colours, yes, no, sel1, PreviewStyle.Mode.ALL, 0).build();
        assertThat(all.hidden()).containsExactly(false, false, false, false);
        assertThat(all.tint()[0]).isEqualTo(1f);
        assertThat(all.tint()[9]).isEqualTo(-1f);
        var only = style(m, colours, yes, no, sel1, PreviewStyle.Mode.SELECTED, 0).build();
        assertThat(only.hidden()).containsExactly(false, true, false, true);
        var without = style(m, colours, yes, no, sel1, PreviewStyle.Mode.WITHOUT, 0).build();
        assertThat(without.hidden()).containsExactly(true, false, true, false);
        var solo2 =
                style(
                                m,
                                colours,
                                yes,
                                new boolean[] {false, false, true},
                                no,
                                PreviewStyle.Mode.ALL,
                                0)
                        .build();
        assertThat(solo2.hidden()).containsExactly(true, false, false, true);
        var overlap = style(m, colours, yes, no, no, PreviewStyle.Mode.ALL, 1).build();
        assertThat(overlap.hidden()).containsExactly(true, true, false, true);
    }

    private static PreviewStyle style(
            Memberships m,
            int[] c,
            boolean[] vis,
            boolean[] solo,
            boolean[] sel,
            PreviewStyle.Mode mode,
            int hl) {
        return new PreviewStyle(m, c, vis, solo, sel, mode, true, hl, hl == 0 ? 0 : 2);
    }

    @Test
    void orbitFromATrainingCameraSeesWhatItSees() {
        Camera c =
                Camera.lookAt(
                        0,
                        "v",
                        320,
                        240,
                        300,
                        new double[] {3, -1, 2},
                        new double[] {0, 0, 0},
                        new double[] {0, -1, 0});
        OrbitCamera o = OrbitCamera.from(c, new double[] {0, -1, 0}, new double[] {0, 0, 0});
        Camera back = o.camera(320, 240);
        double[] p = back.position(), q = c.position();
        for (int k = 0; k < 3; k++)
            assertThat(p[k]).isCloseTo(q[k], org.assertj.core.data.Offset.offset(1e-9));
        for (int k = 0; k < 9; k++)
            assertThat(back.rotation()[k])
                    .isCloseTo(c.rotation()[k], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(back.fy()).isCloseTo(c.fy(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void meanIouCountsObjectsInEitherMask() {
        assertThat(NovelViews.meanIoU(new int[] {1, 1, 0, 2}, new int[] {1, 0, 0, 2}))
                .isEqualTo(0.75);
        assertThat(NovelViews.meanIoU(new int[] {0, 0}, new int[] {0, 0})).isNaN();
    }
}
