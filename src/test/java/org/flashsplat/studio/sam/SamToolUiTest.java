package org.flashsplat.studio.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sam.SamMask;
import org.flashsplat.sam.SamModel;
import org.flashsplat.sam.SamPrompt;
import org.flashsplat.sam.StandInSam;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.StudioWindow;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The SAM tool in the real window with the stand-in model: a click, Enter, undo. */
@ExtendWith(ApplicationExtension.class)
class SamToolUiTest {
    @TempDir Path tmp;
    private StudioViewModel vm;
    private StudioWindow window;
    private final Preferences prefs = Preferences.userNodeForPackage(SamTool.class);
    private final String rememberedBefore = prefs.get("model", null);

    @Start
    void start(Stage stage) {
        vm = new StudioViewModel(Platform::runLater, Renderers.Backend.CPU, null);
        window = new StudioWindow(vm, stage);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1260);
        stage.setHeight(780);
        stage.show();
        vm.openSample();
    }

    @AfterEach
    void close() {
        vm.close();
        if (rememberedBefore == null) prefs.remove("model");
        else prefs.put("model", rememberedBefore);
    }

    static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void clickThenEnterWritesTheMaskAsOneUndoStep(FxRobot robot) throws Exception {
        Path model = StandInSam.write(tmp.resolve("model"));
        waitFor(
                () ->
                        vm.currentProperty().get() != null
                                && vm.currentProperty().get().pictureProperty().get() != null);
        robot.clickOn("#tool-sam");
        SamTool bar = robot.lookup("#sam-bar").queryAs(SamTool.class);
        assertThat(bar.isVisible()).isTrue();
        SamToolViewModel sam = bar.viewModel();
        robot.interact(() -> sam.chooseModel(model));
        waitFor(() -> sam.embeddedProperty().get());

        ViewItem view = vm.currentProperty().get();
        int w = view.camera().width(), h = view.camera().height();
        int[] picture = view.pictureProperty().get();
        // A warm, bright pixel: where the stand-in's image term is positive (a yellow object).
        int at = -1;
        for (int p = 0; p < picture.length && at < 0; p++) {
            int r = picture[p] >> 16 & 0xff, g = picture[p] >> 8 & 0xff;
            int u = p % w, v = p / w;
            if (r > 215 && g > 150 && u > 8 && v > 8 && u < w - 8 && v < h - 8) at = p;
        }
        assertThat(at).as("the sample shows a bright warm object").isNotNegative();
        int u = at % w, v = at / w;

        Node canvas = robot.lookup("#mask-canvas").query();
        double[] s = window.views().canvas().toScreen(u + 0.5, v + 0.5);
        Point2D screen = canvas.localToScreen(s[0], s[1]);
        robot.clickOn(screen);
        waitFor(() -> sam.proposalProperty().get() != null);
        SamMask shown = sam.proposalProperty().get();
        try (SamModel direct = SamModel.open(model)) {
            SamMask expected =
                    direct.predict(
                            direct.embed(picture, w, h),
                            SamPrompt.of(
                                    List.of(
                                            new SamPrompt.Point(
                                                    sam.points().getFirst().x(),
                                                    sam.points().getFirst().y(),
                                                    true)),
                                    null));
            assertThat(Math.abs(sam.points().getFirst().x() - (u + 0.5))).isLessThan(1.5f);
            assertThat(Math.abs(sam.points().getFirst().y() - (v + 0.5))).isLessThan(1.5f);
            assertThat(shown.mask()).isEqualTo(expected.mask());
        }
        assertThat(shown.area()).isPositive();

        ViewMask mask = view.mask();
        int steps = mask.history().undoSize();
        int[] before = mask.labels().clone();
        int label = vm.editing().drawLabelProperty().get();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.history().undoSize()).isEqualTo(steps + 1);
        for (int p = 0; p < before.length; p++)
            assertThat(mask.labels()[p]).isEqualTo(shown.mask()[p] ? label : before[p]);
        assertThat(vm.editing().canUndoProperty().get()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mask.labels()).isEqualTo(before);
    }
}
