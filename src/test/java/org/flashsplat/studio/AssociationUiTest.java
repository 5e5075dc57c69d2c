package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.association.AssocCell;
import org.flashsplat.studio.association.AssociationWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The association view in the real window (headless through Monocle): importing the golden SAM
 * masks opens it, a merge through its buttons changes the table and the segments follow.
 */
@ExtendWith(ApplicationExtension.class)
class AssociationUiTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    private StudioViewModel vm;
    private StudioWindow window;

    @Start
    void start(Stage stage) {
        vm = new StudioViewModel(Platform::runLater, Renderers.Backend.CPU, null);
        window = StudioFx.show(vm, stage);
        vm.open(List.of(DIR));
    }

    @AfterEach
    void close() {
        vm.close();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        StudioFx.waitFor(60, c);
    }

    @Test
    void importOpensTheViewAndAMergeUpdatesTheSegments(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        assertThat(window.actions().get("import-sam").isEnabled()).isTrue();
        robot.interact(() -> vm.association().importAndAssociate(DIR.resolve("masks_sam_rle")));
        waitFor(
                () ->
                        vm.association().tableProperty().get() != null
                                && vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        AssociationWindow aw = window.associationWindow();
        assertThat(aw.stage().isShowing()).isTrue();
        AssociationTable t = vm.association().tableProperty().get();
        assertThat(t.instances()).hasSize(4);

        // Thumbnails arrive off the UI thread for the filmstrips on screen.
        ListView<AssocCell> strip = robot.lookup("#filmstrip-1").queryListView();
        assertThat(strip.getItems()).hasSize(t.members(1).size());
        waitFor(
                () ->
                        robot.lookup("#filmstrip-1 .assoc-thumb .image-view").queryAll().stream()
                                .anyMatch(
                                        n ->
                                                ((javafx.scene.image.ImageView) n).getImage()
                                                        != null));

        // Select rows 1 and 2 (Ctrl adds), then Merge.
        ContributionTable before = vm.segments().contributionsProperty().get();
        int count2 = vm.segments().object(2).countProperty().get();
        assertThat(count2).isPositive();
        robot.clickOn("#assoc-row-1 .assoc-name");
        robot.press(KeyCode.CONTROL).clickOn("#assoc-row-2 .dim").release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(aw.pane().selectedIds()).containsExactly(1, 2);
        robot.clickOn("#btn-assoc-merge");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instances()).hasSize(3);
        assertThat(t.instance(2)).isNull();
        assertThat(robot.lookup("#assoc-row-2").tryQuery()).isEmpty();
        waitFor(
                () ->
                        vm.segments().contributionsProperty().get() != before
                                && vm.association().pendingProperty().get() == 0
                                && vm.segments().object(2).countProperty().get() == 0);
        assertThat(vm.segments().object(1).countProperty().get()).isPositive();

        // The window's own Undo key takes the merge back, segments included.
        robot.clickOn("#assoc-rows");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instances()).hasSize(4);
        waitFor(() -> vm.segments().object(2).countProperty().get() == count2);

        // Double-click renames; the segments' object takes the name.
        robot.doubleClickOn("#assoc-row-3 .assoc-name");
        robot.write("mug").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instance(3).name()).isEqualTo("mug");
        assertThat(vm.segments().object(3).nameProperty().get()).isEqualTo("mug");

        // Ctrl+S in the association window saves (here: plain inputs, so as a new project).
        java.nio.file.Path dir = tmp.resolve("saved");
        java.nio.file.Files.createDirectories(dir);
        window.actions().projects().setFolderChooser(title -> dir);
        robot.clickOn("#assoc-rows");
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(() -> dir.equals(vm.session().folderProperty().get()));
        assertThat(dir.resolve("project.json")).isRegularFile();
    }

    /** Imports the golden masks and waits for the association window. */
    private AssociationWindow imported(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        robot.interact(() -> vm.association().importAndAssociate(DIR.resolve("masks_sam_rle")));
        waitFor(
                () ->
                        vm.association().tableProperty().get() != null
                                && vm.segments().segmentationProperty().get() != null
                                && !vm.jobs().runningProperty().get());
        AssociationWindow aw = window.associationWindow();
        waitFor(() -> aw.stage().isShowing());
        return aw;
    }

    @Test
    void mergeIsEnabledOnlyWithTwoOrMoreRowsSelected(FxRobot robot) throws Exception {
        AssociationWindow aw = imported(robot);
        AssociationTable t = vm.association().tableProperty().get();
        var merge = robot.lookup("#btn-assoc-merge").queryButton();
        robot.clickOn("#assoc-row-1 .assoc-name");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(aw.pane().selectedIds()).containsExactly(1);
        assertThat(merge.isDisabled()).as("Merge with one row").isTrue();
        robot.press(KeyCode.CONTROL).clickOn("#assoc-row-2 .dim").release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(merge.isDisabled()).as("Merge with two rows").isFalse();
        robot.clickOn("#assoc-row-3 .assoc-name");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(merge.isDisabled()).as("Merge back to one row").isTrue();

        // Merging 3 and 4 leaves one row selected: Merge (and its key) must be off again.
        robot.press(KeyCode.CONTROL).clickOn("#assoc-row-4 .dim").release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.M).release(KeyCode.M, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instance(4)).isNull();
        assertThat(aw.pane().selectedIds()).hasSizeLessThan(2);
        assertThat(merge.isDisabled()).as("Merge after a merge left one row").isTrue();
    }

    @Test
    void deleteThenUndoSelectsTheRestoredRowOnly(FxRobot robot) throws Exception {
        AssociationWindow aw = imported(robot);
        AssociationTable t = vm.association().tableProperty().get();
        var delete = robot.lookup("#btn-assoc-delete").queryButton();
        robot.clickOn("#assoc-row-1 .assoc-name");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instance(1)).isNull();
        // Row 2 moved into row 1's place: it must not be selected (a second Delete would go).
        assertThat(aw.pane().selectedIds()).isEmpty();
        assertThat(delete.isDisabled()).isTrue();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instance(1)).isNotNull();
        assertThat(aw.pane().selectedIds()).containsExactly(1);
        assertThat(robot.lookup("#assoc-message").queryLabeled().getText()).startsWith("Undid: ");
        waitFor(() -> vm.association().pendingProperty().get() == 0);
    }

    @Test
    void aSelectedRowStaysDarkWhenTheListLosesTheFocus(FxRobot robot) throws Exception {
        imported(robot);
        robot.clickOn("#assoc-row-3 .assoc-name");
        robot.doubleClickOn("#assoc-row-3 .assoc-name");
        robot.write("mug").type(KeyCode.ENTER);
        robot.clickOn("#assoc-threshold"); // the focus leaves the list
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListCell<?> cell = robot.lookup("#assoc-row-3").query();
        assertThat(cell.isSelected()).isTrue();
        var fills = cell.getBackground().getFills();
        var c = (javafx.scene.paint.Color) fills.getLast().getFill();
        // The row's text is light (#e6e8eb, #9aa0a8): its background must stay dark.
        assertThat(c.getBrightness()).as("selected row background %s", c).isLessThan(0.5);
    }

    @Test
    void aPartIsSplitOutFromItsRowAndItsThumbnailsWithUndo(FxRobot robot) throws Exception {
        AssociationWindow aw = imported(robot);
        var assoc = vm.association();
        AssociationTable imported = assoc.tableProperty().get();
        List<MaskKey> twos = imported.members(2);
        // The golden masks give no parts: merge 2 into 1 (the studio's masks follow), then show a
        // table that keeps 2's masks as part 1 of instance 1, as the association does for a part
        // found inside its whole.
        robot.interact(() -> assoc.merge(List.of(1, 2)));
        waitFor(() -> assoc.pendingProperty().get() == 0 && !vm.jobs().runningProperty().get());
        java.util.Set<MaskKey> inPart = new java.util.HashSet<>(twos);
        List<MaskAssignment> rows = new java.util.ArrayList<>();
        for (MaskAssignment m : imported.allMasks())
            rows.add(
                    inPart.contains(new MaskKey(m.view(), m.local()))
                            ? new MaskAssignment(
                                    m.view(), m.local(), m.area(), 1, m.confidence(), m.flags(), 1)
                            : m);
        AssociationTable t = new AssociationTable(imported.views(), rows, imported.instances());
        robot.interact(() -> assoc.install(t, assoc.localMasks(), null, true));
        WaitForAsyncUtils.waitForFxEvents();

        // Row 1 shows a parts button, row 3 none; the part's masks are framed as a part.
        MenuButton parts = robot.lookup("#assoc-parts-1").query();
        assertThat(parts.isVisible()).isTrue();
        assertThat(parts.getText()).isEqualTo("1 part");
        MenuButton none = robot.lookup("#assoc-row-3 .assoc-parts").query();
        assertThat(none.isVisible()).isFalse();
        ListView<AssocCell> strip = robot.lookup("#filmstrip-1").queryListView();
        int firstPart = 0;
        while (strip.getItems().get(firstPart).part() == 0) firstPart++;
        int at = firstPart;
        robot.interact(() -> strip.scrollTo(at));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#filmstrip-1 .assoc-thumb.part").queryAll()).isNotEmpty();

        // Its menu splits the part out: instance 5 with the part's masks, row 1 without parts.
        robot.clickOn("#assoc-parts-1");
        robot.clickOn("#assoc-split-part-1-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.members(5)).containsExactlyElementsOf(twos);
        assertThat(robot.lookup("#assoc-row-5").tryQuery()).isPresent();
        MenuButton gone = robot.lookup("#assoc-parts-1").query();
        assertThat(gone.isVisible()).isFalse();
        assertThat(robot.lookup("#assoc-message").queryLabeled().getText()).startsWith("split");
        assertThat(aw.pane().selectedIds()).containsExactly(1, 5);
        waitFor(
                () ->
                        assoc.pendingProperty().get() == 0
                                && vm.segments().object(5).countProperty().get() > 0);

        // The window's Undo takes it back in one step: the part under its whole again.
        robot.clickOn("#assoc-counts");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.instance(5)).isNull();
        assertThat(t.partMembers(1, 1)).containsExactlyElementsOf(twos);
        assertThat(assoc.canUndoProperty().get()).isFalse();
        assertThat(robot.lookup("#assoc-row-5").tryQuery()).isEmpty();
        MenuButton back = robot.lookup("#assoc-parts-1").query();
        assertThat(back.isVisible()).isTrue();
        waitFor(
                () ->
                        assoc.pendingProperty().get() == 0
                                && vm.segments().object(5).countProperty().get() == 0);

        // A part's thumbnail has the same action in its context menu.
        robot.interact(() -> strip.scrollTo(at));
        WaitForAsyncUtils.waitForFxEvents();
        // Monocle's headless glass turns no secondary click into a context-menu request (its mouse
        // input never calls notifyMenu), so the request the platform would send is sent here.
        javafx.scene.control.ListCell<?> thumb =
                robot.lookup("#filmstrip-1 .assoc-thumb.part").query();
        robot.interact(
                () -> {
                    var b = thumb.localToScreen(thumb.getBoundsInLocal());
                    double x = thumb.getWidth() / 2, y = thumb.getHeight() / 2;
                    javafx.event.Event.fireEvent(
                            thumb,
                            new javafx.scene.input.ContextMenuEvent(
                                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                                    x,
                                    y,
                                    b.getMinX() + x,
                                    b.getMinY() + y,
                                    false,
                                    null));
                });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(thumb.getContextMenu().isShowing()).isTrue();
        robot.clickOn("#assoc-thumb-split-part");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(t.members(5)).containsExactlyElementsOf(twos);
        assertThat(t.parts(1)).isEmpty();
        waitFor(() -> assoc.pendingProperty().get() == 0 && !vm.jobs().runningProperty().get());
    }

    @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp;

    @Test
    void aLargeTableBuildsOnlyTheCellsInSight(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        AssociationTable big = AssociationScaleTest.big(200, 30);
        robot.interact(() -> vm.association().install(big, v -> null));
        AssociationWindow aw = window.associationWindow();
        waitFor(() -> aw.stage().isShowing());
        int rows = robot.lookup(".assoc-row").queryAll().size();
        int thumbs = robot.lookup(".assoc-thumb").queryAll().size();
        // 6020 masks in 30 rows: only what fits the window (plus the lists' spare cells) exists.
        assertThat(rows).isLessThan(15);
        assertThat(thumbs).isLessThan(250);
        long t0 = System.nanoTime();
        robot.interact(() -> aw.pane().list().scrollTo(29));
        robot.interact(() -> robot.lookup("#filmstrip-30").queryListView().scrollTo(199));
        assertThat(robot.lookup("#assoc-row-30").tryQuery()).isPresent();
        System.out.printf(
                "association view: %d row cells and %d thumbnail cells for 30 x 200 masks;"
                        + " scroll to the last row and view %.0f ms%n",
                rows, thumbs, (System.nanoTime() - t0) / 1e6);
        assertThat(robot.lookup(".assoc-thumb").queryAll().size()).isLessThan(250);
    }
}
