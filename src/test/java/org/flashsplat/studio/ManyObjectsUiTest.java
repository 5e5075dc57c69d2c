package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.segments.ManyObjects;
import org.flashsplat.studio.segments.OverlapMap;
import org.flashsplat.studio.segments.OverlapPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window with 300 objects: the sample scene's 16,000 Gaussians given synthetic contributions of
 * 300 labels. The overlap view is a heat map on a canvas, not 90,000 nodes; the segments table
 * keeps its row nodes through a gamma change.
 */
@ExtendWith(ApplicationExtension.class)
class ManyObjectsUiTest {
    private static final int OBJECTS = 300;
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
        StudioFx.waitFor(60, c);
    }

    private static int nodes(Node n) {
        int c = 1;
        if (n instanceof Parent p) for (Node k : p.getChildrenUnmodifiable()) c += nodes(k);
        return c;
    }

    @Test
    void threeHundredObjectsHeatMapAndTable(FxRobot robot) throws Exception {
        waitFor(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        int gaussians = vm.projectProperty().get().scene().count();
        var table = ManyObjects.table(OBJECTS, gaussians, 5);
        robot.interact(
                () -> {
                    vm.segments().gammaProperty().set(-0.6); // objects overlap
                    vm.segments().setContributions(table);
                });
        waitFor(
                () -> {
                    Segmentation s = vm.segments().segmentationProperty().get();
                    return s != null && s.objects() == OBJECTS;
                });
        assertThat(vm.segments().objects()).hasSize(OBJECTS);

        // The overlap view: a canvas, a handful of nodes, no cell nodes.
        OverlapPane pane = (OverlapPane) window.overlapBox().getContent();
        OverlapMap map = pane.map();
        assertThat(map.size()).isEqualTo(OBJECTS);
        Node heat = robot.lookup("#overlap-heatmap").query();
        assertThat(heat.isVisible()).isTrue();
        assertThat(robot.lookup(".heat-cell").queryAll()).isEmpty();
        assertThat(nodes(pane)).isLessThan(80);

        // Scrolling over the map zooms in at the pointer (fired as the toolkit would: the
        // headless robot's wheel does not reach the scene).
        double fitted = map.scaleProperty().get();
        double half = OBJECTS * fitted / 2 + 0.2; // the middle of the matrix
        double hx = OverlapMap.HEADER + map.panXProperty().get() + half;
        double hy = OverlapMap.HEADER + map.panYProperty().get() + half;
        OverlapMap.Cell pointed = map.cellAt(hx, hy);
        assertThat(pointed).isNotNull();
        Point2D screen = heat.localToScreen(hx, hy), scene = heat.localToScene(hx, hy);
        robot.interact(
                () ->
                        Event.fireEvent(
                                heat,
                                new ScrollEvent(
                                        ScrollEvent.SCROLL,
                                        scene.getX(), // an event's x and y are the scene's
                                        scene.getY(),
                                        screen.getX(),
                                        screen.getY(),
                                        false,
                                        false,
                                        false,
                                        false,
                                        false,
                                        false,
                                        0,
                                        1200,
                                        0,
                                        1200,
                                        ScrollEvent.HorizontalTextScrollUnits.NONE,
                                        0,
                                        ScrollEvent.VerticalTextScrollUnits.NONE,
                                        0,
                                        0,
                                        null)));
        assertThat(map.scaleProperty().get()).isGreaterThan(4 * fitted);
        assertThat(map.cellAt(hx, hy)).as("the cell under the pointer stays").isEqualTo(pointed);
        double s = map.scaleProperty().get();

        // Pointing at a cell says what it holds; clicking it highlights the pair.
        int row = pointed.row() - 1, col = pointed.col() + 2; // in view near the zoom's centre
        Point2D at =
                heat.localToScreen(
                        OverlapMap.HEADER + map.panXProperty().get() + (col + 0.5) * s,
                        OverlapMap.HEADER + map.panYProperty().get() + (row + 0.5) * s);
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        OverlapMap.Cell cell = map.hoveredProperty().get();
        assertThat(cell).extracting("row", "col").containsExactly(row, col);
        Label hover = robot.lookup("#overlap-hover").queryAs(Label.class);
        assertThat(hover.getText()).isEqualTo(map.describe(cell)).startsWith("object ");
        assertThat(cell.count())
                .isEqualTo(
                        vm.segments()
                                .segmentationProperty()
                                .get()
                                .stats()
                                .shared(cell.a() - 1, cell.b() - 1));
        robot.clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.preview().highlightAProperty().get()).isEqualTo(cell.a());
        assertThat(vm.preview().highlightBProperty().get()).isEqualTo(cell.b());

        // A drag pans.
        double panX = map.panXProperty().get();
        robot.drag(MouseButton.PRIMARY).moveBy(-40, 0).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(map.panXProperty().get()).isLessThan(panX);

        // The segments table: a gamma change updates the rows it has; it makes none.
        Set<Node> rows = rows(robot);
        assertThat(rows).isNotEmpty().hasSizeLessThan(100);
        Segmentation before = vm.segments().segmentationProperty().get();
        robot.interact(() -> vm.segments().gammaProperty().set(-0.2));
        waitFor(() -> vm.segments().segmentationProperty().get() != before);
        assertThat(rows(robot)).isEqualTo(rows);
        for (Node n : rows) {
            @SuppressWarnings("unchecked")
            LabelEntry e = ((TableRow<LabelEntry>) n).getItem();
            if (e == null) continue;
            Node count = n.lookup(".number-cell");
            assertThat(((javafx.scene.control.Labeled) count).getText())
                    .isEqualTo(String.format("%,d", e.countProperty().get()));
        }
        // The heat map kept the zoom the user chose.
        assertThat(map.scaleProperty().get()).isEqualTo(s);
    }

    private static Set<Node> rows(FxRobot robot) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(robot.lookup("#segments-table .table-row-cell").queryAll());
        return out;
    }
}
