package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.flashsplat.project.Project;
import org.flashsplat.project.ProjectData;
import org.flashsplat.project.ProjectFiles;
import org.flashsplat.project.Samples;
import org.flashsplat.raster.Renderers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A project driven through the real window's menus and shortcuts (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
class ProjectUiTest {
    private StudioViewModel vm;
    private StudioWindow window;
    private Stage stage;

    @TempDir Path tmp;

    /** One object per label of the sample's masks, as "flashsplat project init" makes them. */
    static final List<ProjectData.ObjectInfo> OBJECTS =
            java.util.stream.IntStream.rangeClosed(1, 4)
                    .mapToObj(i -> new ProjectData.ObjectInfo(i, "object_" + i, null, null))
                    .toList();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new StudioViewModel(Platform::runLater, Renderers.Backend.CPU, null);
        window = StudioFx.show(vm, stage);
    }

    @AfterEach
    void close() {
        vm.close();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        StudioFx.waitFor(30, c);
    }

    /** The sample's first six cameras: a short accumulate. */
    private Path sixViews(Path sample) throws Exception {
        var cams = org.flashsplat.camera.CameraReader.read(sample.resolve("cameras.json"));
        Path file = tmp.resolve("cameras.json");
        org.flashsplat.camera.CamerasJsonWriter.write(file, cams.cameras().subList(0, 6));
        return file;
    }

    /** A project over six views of the sample, saved and closed, in the test's folder. */
    private Path sampleProject(String name) throws Exception {
        Path sample = Samples.locate();
        Path dir = tmp.resolve(name);
        var in =
                new ProjectData.Inputs(
                        sample.resolve("point_cloud.ply").toString(),
                        sixViews(sample).toString(),
                        sample.resolve("masks").toString(),
                        sample.resolve("images").toString());
        try (Project p = Project.create(dir, ProjectData.of(in).withObjects(OBJECTS))) {
            assertThat(p.isDirty()).isFalse();
        }
        return dir;
    }

    @Test
    void saveProjectWaitsForARunningJob(FxRobot robot) throws Exception {
        robot.interact(vm::openSample);
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        var save = window.actions().get("save-project");
        assertThat(save.isEnabled()).isTrue();
        boolean[] during = new boolean[2];
        robot.interact(
                () -> {
                    vm.jobs().accumulate();
                    during[0] = vm.jobs().runningProperty().get();
                    during[1] = save.isEnabled();
                });
        assertThat(during[0]).as("accumulate running").isTrue();
        assertThat(during[1]).as("Save project while a job runs").isFalse();
        assertThat(robot.lookup("#btn-save-project").queryButton().isDisabled()).isTrue();
        waitFor(
                () ->
                        !vm.jobs().runningProperty().get()
                                && vm.segments().segmentationProperty().get() != null);
        waitFor(() -> !vm.ranking().computingProperty().get()); // scores the views after it
        assertThat(save.isEnabled()).isTrue();
    }

    @Test
    void aSceneWithoutViewsOffersNothingToDrawImportOrAccumulate(FxRobot robot) throws Exception {
        // File > Open scene PLY…: a scene with no views.
        robot.interact(() -> vm.open(List.of(Path.of("src/test/resources/donut/point_cloud.ply"))));
        waitFor(
                () ->
                        vm.projectProperty().get() != null
                                && vm.views().isEmpty()
                                && !vm.jobs().runningProperty().get());
        for (String id :
                List.of(
                        "accumulate",
                        "import-masks",
                        "import-mask",
                        "import-sam",
                        "new-label",
                        "tool-brush",
                        "tool-polygon"))
            assertThat(window.actions().get(id).isEnabled()).as(id).isFalse();
        assertThat(robot.lookup("#btn-accumulate").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#btn-new-label").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#tool-brush").query().isDisabled()).isTrue();
    }

    private void openFromMenu(FxRobot robot) {
        robot.clickOn("#menu-file");
        robot.clickOn("Open project…");
    }

    @Test
    void openEditSaveAndReopenThroughTheMenus(FxRobot robot) throws Exception {
        Path dir = sampleProject("proj");
        window.actions().projects().setFolderChooser(title -> dir);

        openFromMenu(robot);
        waitFor(
                () ->
                        vm.session().project() != null
                                && !vm.jobs().runningProperty().get()
                                && vm.segments().segmentationProperty().get() != null);
        assertThat(stage.getTitle()).startsWith("proj — ");
        assertThat(vm.session().fromCacheProperty().get()).isFalse(); // a new project: no cache

        robot.clickOn("#tool-brush");
        robot.interact(() -> vm.editing().drawLabelProperty().set(2));
        Node canvas = robot.lookup("#mask-canvas").query();
        var c = window.views().canvas();
        double[] a = c.toScreen(20, 20), b = c.toScreen(120, 90);
        Point2D pa = canvas.localToScreen(a[0], a[1]), pb = canvas.localToScreen(b[0], b[1]);
        robot.moveTo(pa).press(MouseButton.PRIMARY).moveTo(pb).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        String view = vm.currentProperty().get().name();
        int[] drawn = vm.currentProperty().get().mask().labels().clone();
        robot.interact(() -> vm.segments().objects().get(1).nameProperty().set("plant"));
        waitFor(() -> stage.getTitle().startsWith("proj* — "));

        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(() -> !vm.session().dirtyProperty().get());
        assertThat(stage.getTitle()).startsWith("proj — ");
        ProjectData saved = ProjectFiles.read(dir.resolve(Project.FILE), new ArrayList<>());
        assertThat(saved.editedMasks()).containsOnlyKeys(view);
        assertThat(saved.object(2).name()).isEqualTo("plant");
        assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();

        // Reopening the same project: it releases its own lock and shows the cached segments.
        openFromMenu(robot);
        waitFor(
                () ->
                        vm.session().project() != null
                                && vm.session().fromCacheProperty().get()
                                && vm.segments().segmentationProperty().get() != null);
        int index =
                vm.views().stream().filter(v -> v.name().equals(view)).findFirst().get().index();
        assertThat(vm.views().get(index).mask().labels()).isEqualTo(drawn);
        assertThat(vm.segments().objects().get(1).nameProperty().get()).isEqualTo("plant");
        assertThat(stage.getTitle()).startsWith("proj — ");

        // Every shortcut (the F1 list) belongs to one action only.
        assertThat(window.actions().get("save-project").shortcutText()).isNotEmpty();
        assertThat(
                        window.actions().all().stream()
                                .map(StudioAction::key)
                                .filter(java.util.Objects::nonNull)
                                .toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void quittingWithAnEditAndDiscardAsksOnce(FxRobot robot) throws Exception {
        Path dir = sampleProject("proj");
        window.actions().projects().setFolderChooser(title -> dir);
        openFromMenu(robot);
        waitFor(() -> vm.session().project() != null && !vm.jobs().runningProperty().get());
        robot.interact(
                () -> {
                    vm.editing().strokeBegin(10, 10);
                    vm.editing().strokeTo(90, 60);
                    vm.editing().strokeEnd();
                });
        waitFor(() -> stage.getTitle().startsWith("proj* — "));

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        dialog(robot, "Unsaved changes");
        robot.clickOn("Discard");
        // Discard closes the window; the edit is not asked about again as a plain-input edit.
        waitFor(() -> !stage.isShowing());
        assertThat(
                        robot
                                .lookup(".dialog-pane")
                                .queryAllAs(javafx.scene.control.DialogPane.class)
                                .stream()
                                .map(javafx.scene.control.DialogPane::getHeaderText))
                .doesNotContain("Unsaved mask edits");
    }

    /** The dialog on screen showing {@code header}, once it is there. */
    private static javafx.scene.control.DialogPane dialog(FxRobot robot, String header)
            throws Exception {
        waitFor(
                () ->
                        robot
                                .lookup(".dialog-pane")
                                .queryAllAs(javafx.scene.control.DialogPane.class)
                                .stream()
                                .anyMatch(d -> header.equals(d.getHeaderText())));
        return robot
                .lookup(".dialog-pane")
                .queryAllAs(javafx.scene.control.DialogPane.class)
                .stream()
                .filter(d -> header.equals(d.getHeaderText()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aProjectLockedElsewhereOpensReadOnlyThroughTheDialog(FxRobot robot) throws Exception {
        Path dir = sampleProject("shared");
        byte[] json = Files.readAllBytes(dir.resolve(Project.FILE));
        window.actions().projects().setFolderChooser(title -> dir);

        // Another holder (this JVM, through the core, as a second studio would) has it open.
        try (Project other = Project.open(dir, Project.Mode.READ_WRITE)) {
            long start = System.nanoTime();
            openFromMenu(robot);
            var locked = dialog(robot, "Project in use");
            assertThat(locked.getContentText())
                    .startsWith(
                            "This project is open for writing in process "
                                    + ProcessHandle.current().pid())
                    .doesNotContainPattern("\\d\\dZ");
            assertThat(((Stage) locked.getScene().getWindow()).getTitle())
                    .isEqualTo("Project in use");
            System.out.printf("lock dialog: %.0f ms%n", (System.nanoTime() - start) / 1e6);
            robot.clickOn("Open read-only");
            waitFor(
                    () ->
                            vm.session().project() != null
                                    && !vm.jobs().runningProperty().get()
                                    && vm.segments().segmentationProperty().get() != null);
            System.out.printf("read-only open: %.0f ms%n", (System.nanoTime() - start) / 1e6);
            assertThat(stage.getTitle()).isEqualTo("shared (read-only) — FlashSplat Studio");
            assertThat(vm.session().readOnlyProperty().get()).isTrue();
            assertThat(robot.lookup("#btn-save-project").queryButton().isDisabled()).isTrue();
            var save =
                    ((javafx.scene.control.MenuBar) robot.lookup(".menu-bar").query())
                            .getMenus().getFirst().getItems().stream()
                                    .filter(m -> "menu-save-project".equals(m.getId()))
                                    .findFirst()
                                    .orElseThrow();
            assertThat(save.isDisable()).isTrue();
            long t0 = System.nanoTime();

            // An edit, then Open project again: Save as… / Discard / Cancel; Cancel keeps it.
            robot.interact(
                    () -> {
                        vm.editing().strokeBegin(10, 10);
                        vm.editing().strokeTo(90, 60);
                        vm.editing().strokeEnd();
                    });
            waitFor(() -> stage.getTitle().equals("shared* (read-only) — FlashSplat Studio"));
            robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
            var shown = vm.session().project();
            robot.press(KeyCode.CONTROL, KeyCode.ALT, KeyCode.O)
                    .release(KeyCode.O, KeyCode.ALT, KeyCode.CONTROL); // Open project…
            dialog(robot, "Unsaved changes");
            robot.lookup("Save as…").queryButton(); // a read-only project saves as a new one
            robot.clickOn("Cancel");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(vm.session().project()).isSameAs(shown);
            assertThat(vm.jobs().runningProperty().get()).isFalse();
            System.out.printf("unsaved question: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            assertThat(stage.getTitle()).startsWith("shared* (read-only)");
            assertThat(other.data().editedMasks()).isEmpty();
        }
        assertThat(Files.readAllBytes(dir.resolve(Project.FILE))).isEqualTo(json);
        assertThat(Files.exists(dir.resolve(Project.AUTOSAVE))).isFalse();
    }
}
