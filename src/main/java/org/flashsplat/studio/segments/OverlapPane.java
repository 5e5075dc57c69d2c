package org.flashsplat.studio.segments;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.flashsplat.lift.OverlapStats;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ObjectSelection;

/**
 * How objects share Gaussians: the share in two or more objects and a K x K heat map of shared
 * counts (diagonal: the object's own count). Clicking a cell shows those Gaussians in the preview.
 */
public final class OverlapPane extends VBox {
    // What it needs, not the studio's hub: the segments it shows and where a click highlights.
    private final SegmentsViewModel segments;
    private final ObjectSelection selection;
    private final Label summary = new Label();
    private final GridPane grid = new GridPane(2, 2);

    public OverlapPane(SegmentsViewModel segments, ObjectSelection selection) {
        this.segments = segments;
        this.selection = selection;
        setId("overlap");
        setSpacing(6);
        setPadding(new Insets(6));
        summary.setId("overlap-summary");
        summary.setWrapText(true);
        grid.setId("overlap-grid");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        getChildren().addAll(summary, scroll);
        segments.segmentationProperty().addListener(o -> rebuild());
        segments.shownObjects().addListener((javafx.beans.Observable o) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        grid.getChildren().clear();
        Segmentation s = segments.segmentationProperty().get();
        if (s == null) {
            summary.setText("Overlap statistics appear after accumulate.");
            return;
        }
        OverlapStats st = s.stats();
        int k = st.objectCounts().length;
        summary.setText(
                String.format(
                        "%s of assigned Gaussians are in 2+ objects (%,d of %,d). Click a cell to show them.",
                        percent(st.overlapShare()), st.inTwoOrMore(), st.inAny()));
        int[] shown = segments.shownIndices(k);
        long max = 1;
        for (int a : shown) for (int b : shown) if (a != b) max = Math.max(max, st.shared(a, b));
        for (int r = 0; r < shown.length; r++) {
            grid.add(header(shown[r] + 1), 0, r + 1);
            grid.add(header(shown[r] + 1), r + 1, 0);
            for (int c = 0; c < shown.length; c++)
                grid.add(cell(st, shown[r], shown[c], max), c + 1, r + 1);
        }
    }

    private StackPane header(int id) {
        LabelEntry e = segments.object(id);
        Rectangle r = new Rectangle(14, 14, e == null ? Color.GRAY : e.colorProperty().get());
        Label l = new Label(String.valueOf(id), r);
        l.getStyleClass().add("dim");
        StackPane p = new StackPane(l);
        p.setMinSize(38, 22);
        if (e != null) Tooltip.install(p, new Tooltip(e.nameProperty().get()));
        return p;
    }

    private StackPane cell(OverlapStats st, int a, int b, long max) {
        long n = st.shared(a, b);
        boolean diag = a == b;
        // Log scale: small overlaps must still be visible next to large ones.
        double t = diag || n == 0 ? 0 : Math.log1p(n) / Math.log1p(max);
        Color fill =
                diag
                        ? Color.web("#30343b")
                        : n == 0
                                ? Color.web("#24272c")
                                : Color.web("#3b2a4a").interpolate(Color.web("#ff4fd8"), t);
        Rectangle r = new Rectangle(52, 26, fill);
        r.setArcWidth(4);
        r.setArcHeight(4);
        Label l = new Label(String.format("%,d", n));
        l.getStyleClass().add(diag ? "heat-diag" : "heat-text");
        StackPane p = new StackPane(r, l);
        p.setAlignment(Pos.CENTER);
        p.setId("overlap-" + (a + 1) + "-" + (b + 1));
        p.getStyleClass().add("heat-cell");
        Tooltip.install(
                p,
                new Tooltip(
                        diag
                                ? "object " + (a + 1) + ": " + n + " Gaussians"
                                : n + " Gaussians in both " + (a + 1) + " and " + (b + 1)));
        p.setOnMouseClicked(
                e -> {
                    selection.toggleHighlight(a + 1, b + 1);
                });
        return p;
    }

    /** A share as a percentage; a few overlaps must not read as "0.0%". */
    static String percent(double share) {
        if (share > 0 && share < 0.001) return "<0.1%";
        return String.format("%.1f%%", 100 * share);
    }
}
