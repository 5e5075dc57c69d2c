package org.flashsplat.studio.editing;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.common.Images;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ViewItem;

/**
 * The selected view, large: its picture, the mask over it (input mask, or the mask rendered from
 * the 3D result), zoom and pan, and the drawing tools. Gestures go to the editing view model in
 * mask pixel coordinates; this class only draws and converts coordinates.
 */
public final class MaskCanvas extends Pane {
    private final StudioViewModel vm;
    private final Canvas canvas = new Canvas();
    private final InvalidationListener redraw = o -> redraw();
    private final InvalidationListener maskChanged = o -> maskDirty();
    private ViewItem item;
    private WritableImage picture, overlay;
    private boolean overlayDirty = true;
    private double zoom = 1, ox, oy;
    private double mouseX = -1, mouseY = -1, dragX, dragY;
    private boolean panning, dragged;
    private final List<Double> polygon = new ArrayList<>();

    public MaskCanvas(StudioViewModel vm) {
        this.vm = vm;
        setId("mask-canvas");
        getStyleClass().add("mask-canvas");
        getChildren().add(canvas);
        setMinSize(100, 100);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> fit());
        canvas.heightProperty().addListener(o -> fit());
        vm.currentProperty().addListener((o, a, b) -> setItem(b));
        vm.overlayOpacityProperty().addListener(redraw);
        vm.showNovelProperty().addListener(maskChanged);
        vm.editing().brushRadiusProperty().addListener(redraw);
        vm.editing()
                .toolProperty()
                .addListener(
                        o -> {
                            polygon.clear();
                            redraw();
                        });
        vm.segments()
                .objects()
                .addListener(
                        (javafx.collections.ListChangeListener<LabelEntry>)
                                c -> {
                                    while (c.next())
                                        for (LabelEntry e : c.getAddedSubList())
                                            e.colorProperty().addListener(maskChanged);
                                    maskDirty();
                                });
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(
                e -> {
                    mouseX = e.getX();
                    mouseY = e.getY();
                    redraw();
                });
        canvas.setOnMouseExited(
                e -> {
                    mouseX = -1;
                    redraw();
                });
        canvas.setOnScroll(this::scrolled);
        setItem(vm.currentProperty().get());
    }

    private void setItem(ViewItem v) {
        if (item != null) {
            item.mask().revisionProperty().removeListener(maskChanged);
            item.pictureProperty().removeListener(redraw);
            item.pictureProperty().removeListener(pictureChanged);
            item.novelProperty().removeListener(maskChanged);
        }
        item = v;
        polygon.clear();
        picture = null;
        overlay = null;
        if (v != null) {
            v.mask().revisionProperty().addListener(maskChanged);
            v.pictureProperty().addListener(pictureChanged);
            v.novelProperty().addListener(maskChanged);
        }
        fit();
        maskDirty();
    }

    private final InvalidationListener pictureChanged =
            o -> {
                picture = null;
                redraw();
            };

    private void maskDirty() {
        overlayDirty = true;
        redraw();
    }

    /** Fits the view into the canvas. */
    public void fit() {
        if (item == null || getWidth() <= 0) return;
        int w = item.camera().width(), h = item.camera().height();
        zoom = Math.min(getWidth() / w, getHeight() / h) * 0.96;
        ox = (getWidth() - w * zoom) / 2;
        oy = (getHeight() - h * zoom) / 2;
        redraw();
    }

    public double zoom() {
        return zoom;
    }

    /** Screen point of mask pixel (x, y); tests use it to aim strokes. */
    public double[] toScreen(double x, double y) {
        return new double[] {ox + x * zoom, oy + y * zoom};
    }

    private double mx(double sx) {
        return (sx - ox) / zoom;
    }

    private double my(double sy) {
        return (sy - oy) / zoom;
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        dragX = e.getX();
        dragY = e.getY();
        dragged = false;
        Tool tool = vm.editing().toolProperty().get();
        boolean samNegativeClick = tool == Tool.SAM && e.getButton() == MouseButton.SECONDARY;
        panning =
                (e.getButton() != MouseButton.PRIMARY && !samNegativeClick)
                        || tool == Tool.PAN
                        || e.isShiftDown();
        if (panning || item == null) return;
        double x = mx(e.getX()), y = my(e.getY());
        switch (tool) {
            case BRUSH, ERASER -> vm.editing().strokeBegin(x, y);
            case FLOOD -> vm.editing().floodAt((int) Math.round(x), (int) Math.round(y));
            case PICK -> vm.editing().pickAt((int) Math.round(x), (int) Math.round(y));
            case SAM -> {
                samX = x;
                samY = y;
                samNegative = samNegativeClick || e.isAltDown();
            }
            case POLYGON -> {
                if (e.getClickCount() == 2 && polygon.size() >= 6) closePolygon();
                else {
                    polygon.add(x);
                    polygon.add(y);
                }
            }
            default -> {}
        }
        redraw();
    }

    private void dragged(MouseEvent e) {
        mouseX = e.getX();
        mouseY = e.getY();
        if (panning) {
            ox += e.getX() - dragX;
            oy += e.getY() - dragY;
            dragX = e.getX();
            dragY = e.getY();
            redraw();
            return;
        }
        dragged = true;
        double x = mx(e.getX()), y = my(e.getY());
        switch (vm.editing().toolProperty().get()) {
            case BRUSH, ERASER -> vm.editing().strokeTo(x, y);
            case SAM -> redraw();
            case POLYGON -> {
                // Dragging draws a lasso: points at least one screen pixel apart.
                int n = polygon.size();
                if (n == 0
                        || Math.hypot(polygon.get(n - 2) - x, polygon.get(n - 1) - y) * zoom > 2) {
                    polygon.add(x);
                    polygon.add(y);
                }
                redraw();
            }
            default -> {}
        }
    }

    private void released(MouseEvent e) {
        if (panning) {
            panning = false;
            return;
        }
        switch (vm.editing().toolProperty().get()) {
            case BRUSH, ERASER -> vm.editing().strokeEnd();
            case POLYGON -> {
                if (dragged && polygon.size() >= 6) closePolygon();
            }
            case SAM -> {
                if (samHook == null || item == null) break;
                double x = mx(e.getX()), y = my(e.getY());
                if (dragged && Math.hypot(x - samX, y - samY) * zoom > 4)
                    samHook.box(samX, samY, x, y);
                else samHook.click(samX, samY, samNegative);
                redraw();
            }
            default -> {}
        }
    }

    /** Fills the polygon or lasso drawn so far. */
    public void closePolygon() {
        if (vm.editing().toolProperty().get() == Tool.SAM) {
            if (samHook != null) samHook.commit(); // Enter applies SAM's mask
            redraw();
            return;
        }
        double[] xy = new double[polygon.size()];
        for (int i = 0; i < xy.length; i++) xy[i] = polygon.get(i);
        polygon.clear();
        vm.editing().fillPolygon(xy);
        redraw();
    }

    public void cancelPolygon() {
        if (vm.editing().toolProperty().get() == Tool.SAM && samHook != null) samHook.cancel();
        polygon.clear();
        redraw();
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) return;
        if (e.isControlDown() || e.isShortcutDown()) {
            vm.editing().growBrush(e.getDeltaY() > 0 ? 1 : -1);
        } else {
            double f = e.getDeltaY() > 0 ? 1.15 : 1 / 1.15;
            double x = mx(e.getX()), y = my(e.getY());
            zoom = Math.max(0.05, Math.min(64, zoom * f));
            ox = e.getX() - x * zoom;
            oy = e.getY() - y * zoom;
        }
        e.consume();
        redraw();
    }

    /**
     * A tool that lives in its own feature package (the SAM tool): it gets clicks, a dragged box,
     * Enter and Backspace in mask pixels, and draws over the mask.
     */
    public interface ToolHook {
        void click(double x, double y, boolean negative);

        void box(double x0, double y0, double x1, double y1);

        void commit();

        void cancel();

        void draw(GraphicsContext g, double ox, double oy, double zoom);
    }

    private ToolHook samHook;
    private double samX, samY;
    private boolean samNegative;

    public void setSamHook(ToolHook hook) {
        samHook = hook;
    }

    /** Draws over the mask whatever the tool (in screen pixels of the canvas). */
    @FunctionalInterface
    public interface Overlay {
        void draw(GraphicsContext g, double ox, double oy, double zoom);
    }

    private Overlay extra;

    /** An overlay drawn over the mask (a propagation proposal being looked at), or null. */
    public void setOverlay(Overlay o) {
        extra = o;
        redraw();
    }

    /** Draws again (a hook's content changed). */
    public void refresh() {
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1b1d21"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (item == null) return;
        int w = item.camera().width(), h = item.camera().height();
        g.setImageSmoothing(false);
        if (picture == null && item.pictureProperty().get() != null) {
            picture = Images.fromArgb(w, h, item.pictureProperty().get(), null);
        }
        if (picture != null) g.drawImage(picture, ox, oy, w * zoom, h * zoom);
        if (overlayDirty) {
            overlay = buildOverlay(w, h);
            overlayDirty = false;
        }
        g.setGlobalAlpha(vm.overlayOpacityProperty().get());
        if (overlay != null) g.drawImage(overlay, ox, oy, w * zoom, h * zoom);
        g.setGlobalAlpha(1);
        g.setStroke(Color.web("#ffffff40"));
        g.strokeRect(ox - 0.5, oy - 0.5, w * zoom + 1, h * zoom + 1);
        drawToolHints(g);
    }

    private WritableImage buildOverlay(int w, int h) {
        int[] labels;
        if (vm.showNovelProperty().get()) {
            LabelMask m = item.novelProperty().get();
            if (m == null) return null;
            labels = m.labels();
        } else {
            labels = item.mask().labels();
        }
        int[] colours = Images.labelColours(vm.segments().objects());
        int[] argb = new int[w * h];
        for (int p = 0; p < argb.length; p++) {
            int l = labels[p];
            argb[p] = l <= 0 ? 0 : 0xff000000 | colours[Math.min(l, colours.length - 1)];
        }
        WritableImage img = overlay != null && (int) overlay.getWidth() == w ? overlay : null;
        return Images.fromArgb(w, h, argb, img);
    }

    private void drawToolHints(GraphicsContext g) {
        if (extra != null) extra.draw(g, ox, oy, zoom);
        Tool tool = vm.editing().toolProperty().get();
        g.setLineWidth(1.5);
        if ((tool == Tool.BRUSH || tool == Tool.ERASER) && mouseX >= 0) {
            double r = vm.editing().brushRadiusProperty().get() * zoom;
            g.setStroke(tool == Tool.ERASER ? Color.web("#ff8080") : Color.WHITE);
            g.strokeOval(mouseX - r, mouseY - r, 2 * r, 2 * r);
        }
        if (tool == Tool.SAM && samHook != null) {
            samHook.draw(g, ox, oy, zoom);
            if (dragged && mouseX >= 0) {
                g.setStroke(Color.web("#66e0ff"));
                double sx = ox + samX * zoom, sy = oy + samY * zoom;
                g.strokeRect(
                        Math.min(sx, mouseX),
                        Math.min(sy, mouseY),
                        Math.abs(mouseX - sx),
                        Math.abs(mouseY - sy));
            }
        }
        if (tool == Tool.POLYGON && !polygon.isEmpty()) {
            g.setStroke(Color.web("#ffe066"));
            int n = polygon.size() / 2;
            double[] xs = new double[n + 1], ys = new double[n + 1];
            for (int i = 0; i < n; i++) {
                xs[i] = ox + polygon.get(2 * i) * zoom;
                ys[i] = oy + polygon.get(2 * i + 1) * zoom;
            }
            xs[n] = mouseX >= 0 ? mouseX : xs[n - 1];
            ys[n] = mouseX >= 0 ? mouseY : ys[n - 1];
            g.strokePolyline(xs, ys, n + 1);
        }
    }
}
