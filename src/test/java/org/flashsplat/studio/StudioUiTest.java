package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ViewMask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, driven by TestFX (headless through Monocle in the normal test run). */
@ExtendWith(ApplicationExtension.class)
class StudioUiTest {
    private StudioViewModel vm;
    private StudioWindow window;

    @Start
    void start(Stage stage) {
        vm = new StudioViewModel(Platform::runLater, Renderers.Backend.CPU, null);
        window = StudioFx.show(vm, stage);
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
    void drawStrokeThenUndoAndRedo(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && vm.currentProperty().get() != null);
        ViewMask mask = vm.currentProperty().get().mask();
        int[] before = mask.labels().clone();
        robot.clickOn("#tool-brush");
        robot.interact(() -> vm.editing().drawLabelProperty().set(2));
        Node canvas = robot.lookup("#mask-canvas").query();
        var c = window.views().canvas();
        double[] a = c.toScreen(20, 20), b = c.toScreen(120, 90);
        Point2D pa = canvas.localToScreen(a[0], a[1]), pb = canvas.localToScreen(b[0], b[1]);
        robot.moveTo(pa).press(MouseButton.PRIMARY).moveTo(pb).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int[] drawn = mask.labels().clone();
        assertThat(drawn).isNotEqualTo(before);
        assertThat(mask.statusProperty().get()).isEqualTo(ViewMask.Status.EDITED);
        assertThat(mask.history().undoSize()).isEqualTo(1);

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.labels()).isEqualTo(before);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z)
                .release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.labels()).isEqualTo(drawn);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.labels()).isEqualTo(drawn);

        // A lasso drag fills the enclosed region as one more undo step.
        robot.clickOn("#tool-polygon");
        int steps = mask.history().undoSize();
        int[] beforeLasso = mask.labels().clone();
        double[][] pts = {{150, 30}, {220, 30}, {220, 90}, {150, 90}};
        robot.moveTo(screen(canvas, c, pts[0])).press(MouseButton.PRIMARY);
        for (int i = 1; i < pts.length; i++) robot.moveTo(screen(canvas, c, pts[i]));
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.history().undoSize()).isEqualTo(steps + 1);
        assertThat(mask.labelAt(185, 60)).isEqualTo(2);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.labels()).isEqualTo(beforeLasso);

        // F1 lists every action with its shortcut.
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.listTargetWindows())
                .anyMatch(
                        w ->
                                w instanceof Stage s
                                        && "Keyboard shortcuts".equals(s.getTitle())
                                        && s.isShowing());
        robot.interact(
                () ->
                        robot.listTargetWindows().stream()
                                .filter(
                                        w ->
                                                w instanceof Stage s
                                                        && "Keyboard shortcuts"
                                                                .equals(s.getTitle()))
                                .forEach(w -> ((Stage) w).close()));

        // Brush size from the keyboard.
        double r = vm.editing().brushRadiusProperty().get();
        robot.clickOn(canvas).type(KeyCode.CLOSE_BRACKET);
        assertThat(vm.editing().brushRadiusProperty().get()).isGreaterThan(r);
    }

    private static Point2D screen(
            Node canvas, org.flashsplat.studio.editing.MaskCanvas c, double[] p) {
        double[] s = c.toScreen(p[0], p[1]);
        return canvas.localToScreen(s[0], s[1]);
    }

    @Test
    void accumulateGammaVisibilityAndOverlap(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        robot.clickOn("#btn-accumulate");
        waitFor(() -> vm.segments().segmentationProperty().get() != null);
        LabelEntry first = vm.segments().objects().getFirst();
        int count = first.countProperty().get();
        assertThat(count).isPositive();
        assertThat(robot.lookup("#backend-label").queryLabeled().getText()).contains("CPU");
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup("#overlap-1-2").query();

        robot.doubleClickOn("#gamma-field").write("0.6").type(KeyCode.ENTER);
        waitFor(() -> first.countProperty().get() != count);
        assertThat(first.countProperty().get()).isLessThan(count);
        // The few objects' matrix updates its cells; it does not make them again.
        Node after = robot.lookup("#overlap-1-2").query();
        assertThat(after).isSameAs(cell);
        assertThat(vm.segments().assignMillisProperty().get()).isLessThan(100);

        Node box = robot.lookup("#segments-table .check-box").nth(0).query();
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.visibleProperty().get()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S)
                .release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.overlapBox().isExpanded()).isTrue();
        robot.clickOn("#overlap-1-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.preview().highlightAProperty().get()).isEqualTo(1);
        assertThat(vm.preview().highlightBProperty().get()).isEqualTo(2);
        waitFor(() -> !Double.isNaN(vm.currentProperty().get().iouProperty().get()));
        // Finding 2: the same cell again clears the highlight.
        robot.clickOn("#overlap-1-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.preview().highlightAProperty().get()).isZero();
        // Finding 3: after accumulate the view's controls keep their text.
        for (String id : List.of("#show-novel", "#sort-worst"))
            assertThat(robot.lookup(id).queryLabeled().isTextTruncated()).as(id).isFalse();
    }
}
