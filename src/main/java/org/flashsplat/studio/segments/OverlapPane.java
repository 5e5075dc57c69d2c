package org.flashsplat.studio.segments;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.flashsplat.lift.OverlapStats;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ObjectSelection;

/**
 * How objects share Gaussians: the share in two or more objects and the K x K shared counts
 * (diagonal: the object's own count). Up to {@link #SMALL} objects as a matrix of labelled cells;
 * more as a heat map to zoom, pan and point at. Clicking a cell shows those Gaussians in the
 * preview.
 */
public final class OverlapPane extends VBox {
    /** Most objects shown as labelled cells: 16 x 16 still reads; 300 x 300 does not. */
    public static final int SMALL = 16;

    // What it needs, not the studio's hub: the segments it shows and where a click highlights.
    private final SegmentsViewModel segments;
    private final OverlapMap map;
    private final Label summary = new Label();
    private final Label hover = new Label();
    private final OverlapGrid grid;
    private final ScrollPane gridScroll;
    private final OverlapHeatMap heat;
    private final HBox tools;
    private final StackPane body = new StackPane();

    public OverlapPane(SegmentsViewModel segments, ObjectSelection selection) {
        this.segments = segments;
        this.map = new OverlapMap(selection);
        setId("overlap");
        setSpacing(6);
        setPadding(new Insets(6));
        summary.setId("overlap-summary");
        summary.setWrapText(true);
        grid = new OverlapGrid(map, id -> segments.object(id));
        gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(true);
        gridScroll.getStyleClass().add("edge-to-edge");
        heat = new OverlapHeatMap(map, this::colourOf);
        hover.setId("overlap-hover");
        hover.getStyleClass().add("dim");
        hover.textProperty()
                .bind(
                        javafx.beans.binding.Bindings.createStringBinding(
                                () -> {
                                    var c = map.hoveredProperty().get();
                                    return c == null
                                            ? "Scroll or pinch to zoom, drag to pan, 0 to fit"
                                            : map.describe(c);
                                },
                                map.hoveredProperty()));
        ChoiceBox<OverlapMap.Order> order = new ChoiceBox<>();
        order.setId("overlap-order");
        order.getItems().setAll(OverlapMap.Order.values());
        order.valueProperty().bindBidirectional(map.orderProperty());
        Button fit = new Button("Fit");
        fit.setId("overlap-fit");
        fit.setOnAction(e -> map.fit());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        tools = new HBox(6, hover, gap, order, fit);
        tools.setAlignment(Pos.CENTER_LEFT);
        hover.setMinWidth(0);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(summary, tools, body);
        segments.segmentationProperty().addListener(o -> refresh());
        map.setShown(id -> segments.isShown(id));
        segments.shownObjects().addListener((javafx.beans.Observable o) -> refresh());
        map.revisionProperty().addListener(o -> showCells());
        refresh();
    }

    /** The overlap map behind the pane (tests point at its cells). */
    public OverlapMap map() {
        return map;
    }

    private void refresh() {
        Segmentation s = segments.segmentationProperty().get();
        map.setStats(s == null ? null : s.stats());
        if (s == null) {
            summary.setText("Overlap statistics appear after accumulate.");
            return;
        }
        OverlapStats st = s.stats();
        String shown =
                map.size() < map.holding()
                        ? String.format(
                                " Showing the %,d of %,d objects that share the most.",
                                map.size(), map.holding())
                        : "";
        summary.setText(
                String.format(
                        "%s of assigned Gaussians are in 2+ objects (%,d of %,d). Click a cell to"
                                + " show them.%s",
                        OverlapMap.percent(st.overlapShare()),
                        st.inTwoOrMore(),
                        st.inAny(),
                        shown));
    }

    /** The labelled matrix for a few objects, the heat map for many. */
    private void showCells() {
        boolean small = map.size() <= SMALL;
        tools.setVisible(!small);
        tools.setManaged(!small);
        var want = small ? gridScroll : heat;
        if (body.getChildren().size() != 1 || body.getChildren().getFirst() != want)
            body.getChildren().setAll(want);
        if (small) grid.update();
    }

    private Color colourOf(int id) {
        LabelEntry e = segments.object(id);
        return e == null ? Color.GRAY : e.colorProperty().get();
    }
}
