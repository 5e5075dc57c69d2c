package org.flashsplat.studio.segments;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.flashsplat.studio.model.LabelEntry;

/**
 * The overlap of a few objects as a matrix of labelled cells (diagonal: the object's own count),
 * coloured like the heat map. The cells are made once per set of objects; a gamma change only
 * updates their text and colour.
 */
final class OverlapGrid extends GridPane {
    private final OverlapMap map;
    private final IntFunction<LabelEntry> objects;
    private int[] ids = new int[0];
    private Cell[] cells = new Cell[0];

    /** One cell: its coloured box, its count and its tooltip, kept to be updated in place. */
    private static final class Cell extends StackPane {
        final Rectangle fill = new Rectangle(52, 26);
        final Label text = new Label();
        final Tooltip tip = new Tooltip();

        Cell(boolean diagonal) {
            fill.setArcWidth(4);
            fill.setArcHeight(4);
            text.getStyleClass().add(diagonal ? "heat-diag" : "heat-text");
            getChildren().addAll(fill, text);
            setAlignment(Pos.CENTER);
            getStyleClass().add("heat-cell");
            Tooltip.install(this, tip);
        }
    }

    OverlapGrid(OverlapMap map, IntFunction<LabelEntry> objects) {
        super(2, 2);
        this.map = map;
        this.objects = objects;
        setId("overlap-grid");
    }

    /** Shows the map's current cells (UI thread). */
    void update() {
        int n = map.size();
        int[] now = new int[n];
        for (int i = 0; i < n; i++) now[i] = map.objectAt(i);
        if (!Arrays.equals(now, ids)) build(now);
        int[] px = map.pixels();
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) {
                Cell cell = cells[r * n + c];
                OverlapMap.Cell v = map.cell(r, c);
                cell.fill.setFill(argb(px[r * n + c]));
                cell.text.setText(String.format(Locale.ROOT, "%,d", v.count()));
                cell.tip.setText(map.describe(v));
            }
    }

    private void build(int[] now) {
        getChildren().clear();
        ids = now;
        int n = now.length;
        cells = new Cell[n * n];
        for (int r = 0; r < n; r++) {
            add(header(now[r]), 0, r + 1);
            add(header(now[r]), r + 1, 0);
            for (int c = 0; c < n; c++) {
                int a = now[r], b = now[c];
                Cell p = new Cell(r == c);
                p.setId("overlap-" + a + "-" + b);
                int row = r, col = c;
                p.setOnMouseClicked(e -> map.toggle(row, col));
                cells[r * n + c] = p;
                add(p, c + 1, r + 1);
            }
        }
    }

    private StackPane header(int id) {
        LabelEntry e = objects.apply(id);
        Rectangle r = new Rectangle(14, 14, e == null ? Color.GRAY : e.colorProperty().get());
        if (e != null) r.fillProperty().bind(e.colorProperty());
        Label l = new Label(String.valueOf(id), r);
        l.getStyleClass().add("dim");
        StackPane p = new StackPane(l);
        p.setMinSize(38, 22);
        if (e != null) {
            Tooltip t = new Tooltip();
            t.textProperty().bind(e.nameProperty());
            Tooltip.install(p, t);
        }
        return p;
    }

    private static Color argb(int v) {
        return Color.rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }
}
