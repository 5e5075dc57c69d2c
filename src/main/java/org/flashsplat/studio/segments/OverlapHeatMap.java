package org.flashsplat.studio.segments;

import java.util.Locale;
import java.util.function.IntFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The overlap of many objects as one image, one pixel per pair scaled up without smoothing, drawn
 * on a canvas: a redraw costs the visible cells, never a node per cell. Scroll or pinch zooms at
 * the pointer, a drag pans, the pointer's cell is described by the {@link OverlapMap}, a click
 * highlights the pair. Keys: + and - zoom, 0 fits.
 */
final class OverlapHeatMap extends Region {
    private static final Color BACKGROUND = Color.web("#1d1f23");
    private final OverlapMap map;
    private final IntFunction<Color> colourOf;
    private final Canvas canvas = new Canvas();
    private WritableImage image;
    private double dragX, dragY;

    /** {@code colourOf} gives an object's colour by id, for the strips naming the rows. */
    OverlapHeatMap(OverlapMap map, IntFunction<Color> colourOf) {
        this.map = map;
        this.colourOf = colourOf;
        setId("overlap-heatmap");
        setFocusTraversable(true);
        setMinSize(80, 80);
        getChildren().add(canvas);
        map.widthProperty().bind(widthProperty());
        map.heightProperty().bind(heightProperty());
        map.revisionProperty().addListener(o -> refreshImage());
        for (var p :
                new javafx.beans.Observable[] {
                    map.scaleProperty(),
                    map.panXProperty(),
                    map.panYProperty(),
                    map.hoveredProperty(),
                    map.pickedProperty()
                }) p.addListener(o -> draw());
        setOnScroll(
                e -> {
                    if (e.getDeltaY() != 0)
                        map.zoomAt(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
                    e.consume();
                });
        setOnZoom(e -> map.zoomAt(e.getZoomFactor(), e.getX(), e.getY()));
        setOnMouseMoved(e -> map.hover(e.getX(), e.getY()));
        setOnMouseExited(e -> map.exit());
        setOnMousePressed(
                e -> {
                    dragX = e.getX();
                    dragY = e.getY();
                    requestFocus();
                });
        setOnMouseDragged(
                e -> {
                    map.panBy(e.getX() - dragX, e.getY() - dragY);
                    dragX = e.getX();
                    dragY = e.getY();
                });
        setOnMouseClicked(
                e -> {
                    if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress())
                        map.click(e.getX(), e.getY());
                });
        setOnKeyPressed(
                e -> {
                    double cx = getWidth() / 2, cy = getHeight() / 2;
                    if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS)
                        map.zoomAt(1.5, cx, cy);
                    else if (e.getCode() == KeyCode.MINUS) map.zoomAt(1 / 1.5, cx, cy);
                    else if (e.getCode() == KeyCode.DIGIT0) map.fit();
                    else return;
                    e.consume();
                });
        refreshImage();
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            draw();
        }
    }

    /** Copies the map's pixels into the image (new stats or order), then draws. */
    private void refreshImage() {
        int n = map.size();
        if (n == 0) image = null;
        else {
            if (image == null || (int) image.getWidth() != n) image = new WritableImage(n, n);
            image.getPixelWriter()
                    .setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), map.pixels(), 0, n);
        }
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        int n = map.size();
        if (image == null || n == 0 || w <= OverlapMap.HEADER || h <= OverlapMap.HEADER) return;
        double s = map.scaleProperty().get(), hd = OverlapMap.HEADER;
        double ox = hd + map.panXProperty().get(), oy = hd + map.panYProperty().get();
        // Only the cells in view: at a large zoom a few dozen of the 90,000.
        int c0 = Math.max(0, (int) Math.floor((hd - ox) / s));
        int c1 = Math.min(n, (int) Math.ceil((w - ox) / s));
        int r0 = Math.max(0, (int) Math.floor((hd - oy) / s));
        int r1 = Math.min(n, (int) Math.ceil((h - oy) / s));
        if (c0 >= c1 || r0 >= r1) return;
        g.save();
        g.beginPath();
        g.rect(hd, hd, w - hd, h - hd);
        g.clip();
        // Crisp blocks when a cell is a pixel or more; below that, averaged, so no row vanishes.
        g.setImageSmoothing(s < 1);
        g.drawImage(
                image,
                c0,
                r0,
                c1 - c0,
                r1 - r0,
                ox + c0 * s,
                oy + r0 * s,
                (c1 - c0) * s,
                (r1 - r0) * s);
        if (s >= 40) writeCounts(g, s, ox, oy, c0, c1, r0, r1);
        outline(g, map.pickedProperty().get(), Color.WHITE, s, ox, oy);
        outline(g, map.hoveredProperty().get(), Color.web("#ffd54a"), s, ox, oy);
        g.restore();
        strips(g, s, ox, oy, c0, c1, r0, r1);
    }

    /** Colour strips along the top and left: which object a row or column is. */
    private void strips(
            GraphicsContext g, double s, double ox, double oy, int c0, int c1, int r0, int r1) {
        double hd = OverlapMap.HEADER;
        g.save();
        g.beginPath();
        g.rect(hd, 0, canvas.getWidth() - hd, hd);
        g.rect(0, hd, hd, canvas.getHeight() - hd);
        g.clip();
        for (int c = c0; c < c1; c++) {
            g.setFill(colourOf.apply(map.objectAt(c)));
            g.fillRect(ox + c * s, 0, Math.max(1, s), hd - 2);
        }
        for (int r = r0; r < r1; r++) {
            g.setFill(colourOf.apply(map.objectAt(r)));
            g.fillRect(0, oy + r * s, hd - 2, Math.max(1, s));
        }
        g.restore();
    }

    private void writeCounts(
            GraphicsContext g, double s, double ox, double oy, int c0, int c1, int r0, int r1) {
        g.setFont(Font.font(Math.min(13, s / 4)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.web("#e8e8ec"));
        for (int r = r0; r < r1; r++)
            for (int c = c0; c < c1; c++)
                g.fillText(
                        String.format(Locale.ROOT, "%,d", map.cell(r, c).count()),
                        ox + (c + 0.5) * s,
                        oy + (r + 0.5) * s);
    }

    private void outline(
            GraphicsContext g, OverlapMap.Cell c, Color colour, double s, double ox, double oy) {
        if (c == null) return;
        int row = map.positionOf(c.a()), col = map.positionOf(c.b());
        if (row < 0 || col < 0) return;
        g.setStroke(colour);
        g.setLineWidth(s >= 6 ? 2 : 1);
        // The row and column too, faintly, when cells are too small to find by eye.
        if (s < 6) {
            g.setGlobalAlpha(0.35);
            g.strokeRect(ox, oy + row * s, map.size() * s, s);
            g.strokeRect(ox + col * s, oy, s, map.size() * s);
            g.setGlobalAlpha(1);
        }
        g.strokeRect(ox + col * s, oy + row * s, Math.max(s, 2), Math.max(s, 2));
    }
}
