package org.flashsplat.studio.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.flashsplat.raster.Renderers;
import org.flashsplat.sam.StandInSam;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.StudioWindow;
import org.flashsplat.studio.sam.PropagationViewModel.Decision;
import org.flashsplat.studio.sam.PropagationViewModel.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Propagation in the real window with the stand-in SAM: Shortcut+P, the filmstrip, accepts. */
@ExtendWith(ApplicationExtension.class)
class PropagationUiTest {
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
        stage.setWidth(1400);
        stage.setHeight(900);
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
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void propagateShowsAFilmstripWhoseAcceptsAreUndoSteps(FxRobot robot) throws Exception {
        Path model = StandInSam.write(tmp.resolve("model"));
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        robot.interact(() -> vm.jobs().accumulate());
        waitFor(
                () ->
                        vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        SamToolViewModel sam = robot.lookup("#sam-bar").queryAs(SamTool.class).viewModel();
        robot.interact(
                () -> {
                    vm.propagation().cacheFolder(tmp.resolve("cache"));
                    sam.chooseModel(model);
                });
        waitFor(() -> vm.propagation().modelProperty().get() != null);
        Node bar = robot.lookup("#propagate-bar").query();
        assertThat(bar.isVisible()).isFalse();

        robot.interact(() -> vm.editing().drawLabelProperty().set(1));
        robot.clickOn("#mask-canvas");
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        waitFor(
                () ->
                        vm.propagation().objectProperty().get() == 1
                                && !vm.propagation().runningProperty().get()
                                && !vm.jobs().runningProperty().get());
        assertThat(bar.isVisible()).isTrue();
        List<Item> items = List.copyOf(vm.propagation().items());
        assertThat(items).isNotEmpty();
        ListView<?> strip = robot.lookup("#propagate-strip").queryAs(ListView.class);
        assertThat(strip.getItems()).hasSameSizeAs(items);
        assertThat(robot.lookup(".propagate-accept").queryAll()).isNotEmpty();

        // Accept the first proposal with its own button.
        Item first = items.getFirst();
        int steps = first.view().mask().history().undoSize();
        Button accept =
                robot.lookup(".propagate-accept").queryAllAs(Button.class).iterator().next();
        robot.clickOn(accept);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.decisionProperty().get()).isEqualTo(Decision.ACCEPTED);
        assertThat(first.view().mask().history().undoSize()).isEqualTo(steps + 1);
        for (int p = 0; p < first.proposal().width() * first.proposal().height(); p++)
            if (first.proposal().contains(p))
                assertThat(first.view().mask().labels()[p]).isEqualTo(1);

        // Accept all takes the rest, one step on each view.
        int[] before = new int[items.size()];
        boolean[] changes = new boolean[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            before[i] = it.view().mask().history().undoSize();
            changes[i] = it.proposal().change(it.view().mask().labels(), 1).size() > 0;
        }
        robot.clickOn("#propagate-accept-all");
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 1; i < items.size(); i++) {
            Item it = items.get(i);
            assertThat(it.decisionProperty().get()).isEqualTo(Decision.ACCEPTED);
            assertThat(it.proposal().change(it.view().mask().labels(), 1).size()).isZero();
            assertThat(it.view().mask().history().undoSize())
                    .isEqualTo(before[i] + (changes[i] ? 1 : 0));
        }
        assertThat(robot.lookup("#propagate-summary").queryLabeled().getText())
                .contains("proposals for object 1");

        // Clicking a proposal shows its view (with the proposal over the mask); the first cell is
        // surely in sight, and its view is not the one shown (the source).
        Item picked = items.getFirst();
        assertThat(vm.currentProperty().get()).isNotSameAs(picked.view());
        var cell =
                robot
                        .from(strip)
                        .lookup(".list-cell")
                        .queryAllAs(javafx.scene.control.ListCell.class)
                        .stream()
                        .filter(c -> c.getItem() == picked)
                        .findFirst()
                        .orElseThrow();
        robot.clickOn(cell.getGraphic().lookup(".label"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.currentProperty().get()).isSameAs(picked.view());
        assertThat(strip.getSelectionModel().getSelectedItem()).isSameAs(picked);

        robot.clickOn("#propagate-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(bar.isVisible()).isFalse();
    }
}
