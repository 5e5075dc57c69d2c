package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.preview.SelectionViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 3D selection in the real window: a box dragged in the preview, removed from an object, undone.
 */
@ExtendWith(ApplicationExtension.class)
class SelectionUiTest {
    private StudioViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new StudioViewModel(Platform::runLater, Renderers.Backend.CPU, null);
        StudioFx.show(vm, stage);
        vm.openSample();
    }

    @AfterEach
    void close() {
        vm.close();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        StudioFx.waitFor(30, c);
    }

    @Test
    void boxDraggedInThePreviewIsRemovedFromTheObjectAndUndone(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        robot.clickOn("#btn-accumulate");
        waitFor(
                () ->
                        vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        var lifted = vm.segments().liftedProperty().get();
        LabelEntry first = vm.segments().objects().getFirst();
        robot.interact(() -> vm.preview().selected().add(first.id()));
        int before = first.countProperty().get();

        robot.clickOn("#select-box");
        assertThat(vm.selection().toolProperty().get()).isEqualTo(SelectionViewModel.Tool.BOX);
        Node stage = robot.lookup(".preview-stage").query();
        Bounds b = stage.localToScreen(stage.getBoundsInLocal());
        // From the bottom right, clear of the tools panel in the top-left corner.
        Point2D from =
                new Point2D(b.getMinX() + 0.85 * b.getWidth(), b.getMinY() + 0.85 * b.getHeight());
        Point2D to =
                new Point2D(b.getMinX() + 0.15 * b.getWidth(), b.getMinY() + 0.15 * b.getHeight());
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        waitFor(() -> vm.selection().countProperty().get() > 0);
        int[] picked = vm.selection().selectionProperty().get();
        assertThat(vm.preview().selectionMarksProperty().get().cardinality())
                .isEqualTo(picked.length);
        // The view did not orbit: a drag with a selection tool selects.
        assertThat(vm.preview().trainingCameraProperty().get()).isNotNull();
        Memberships m = lifted.memberships();
        int inFirst = 0;
        for (int g : picked) if (m.contains(first.id() - 1, g)) inFirst++;
        assertThat(inFirst).isPositive();

        // The tools sit over the frame, inside the preview however narrow it is.
        for (String id : java.util.List.of("#select-box", "#select-remove", "#select-redo")) {
            Node n = robot.lookup(id).query();
            assertThat(b.contains(n.localToScreen(n.getBoundsInLocal()))).as(id).isTrue();
        }
        robot.clickOn("#select-remove");
        WaitForAsyncUtils.waitForFxEvents();
        // A click on the panel is no click in the preview: the selection stays.
        assertThat(vm.selection().selectionProperty().get()).isEqualTo(picked);
        int expected = before - inFirst;
        waitFor(() -> first.countProperty().get() == expected);
        robot.clickOn("#select-undo");
        waitFor(() -> first.countProperty().get() == before);
        assertThat(vm.segments().segmentationProperty().get()).isSameAs(lifted);
        robot.clickOn("#select-redo");
        waitFor(() -> first.countProperty().get() == expected);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
