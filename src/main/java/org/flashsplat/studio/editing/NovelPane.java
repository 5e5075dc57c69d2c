package org.flashsplat.studio.editing;

import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.common.Images;
import org.flashsplat.studio.model.ViewItem;

/**
 * The selected view's mask rendered back from the 3D result, next to the editable input mask, so
 * the two can be compared at a glance (the IoU is in the views panel's bar). Pixels where the two
 * disagree are outlined in white.
 */
public final class NovelPane extends StackPane {
    private final StudioViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Label title = new Label("Rendered from 3D: run accumulate");
    private final InvalidationListener redraw = o -> redraw();
    private ViewItem item;
    private WritableImage picture, overlay;

    public NovelPane(StudioViewModel vm) {
        this.vm = vm;
        setId("novel-pane");
        getStyleClass().add("mask-canvas");
        setMinSize(80, 60);
        title.getStyleClass().add("overlay-text");
        title.setMouseTransparent(true);
        StackPane.setAlignment(title, Pos.TOP_LEFT);
        getChildren().addAll(canvas, title);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(redraw);
        canvas.heightProperty().addListener(redraw);
        vm.overlayOpacityProperty().addListener(redraw);
        vm.currentProperty().addListener((o, a, b) -> setItem(b));
        setItem(vm.currentProperty().get());
    }

    private void setItem(ViewItem v) {
        if (item != null) {
            item.novelProperty().removeListener(redraw);
            item.pictureProperty().removeListener(redraw);
        }
        item = v;
        if (v != null) {
            v.novelProperty().addListener(redraw);
            v.pictureProperty().addListener(redraw);
        }
        redraw();
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1b1d21"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (item == null) return;
        LabelMask m = item.novelProperty().get();
        title.setText(m == null ? "Rendered from 3D: run accumulate" : "Rendered from 3D");
        int w = item.camera().width(), h = item.camera().height();
        double z = Math.min(canvas.getWidth() / w, canvas.getHeight() / h) * 0.96;
        double ox = (canvas.getWidth() - w * z) / 2, oy = (canvas.getHeight() - h * z) / 2;
        g.setImageSmoothing(false);
        int[] pic = item.pictureProperty().get();
        if (pic != null) {
            picture = Images.fromArgb(w, h, pic, picture);
            g.drawImage(picture, ox, oy, w * z, h * z);
        }
        if (m != null && m.width() == w && m.height() == h) {
            int[] colours = Images.labelColours(vm.segments().objects());
            int[] in = item.mask().labels(), out = m.labels();
            int[] argb = new int[w * h];
            for (int p = 0; p < argb.length; p++) {
                int l = out[p];
                if (l > 0) argb[p] = 0xff000000 | colours[Math.min(l, colours.length - 1)];
                // Disagreement with the input mask shows as a white pixel.
                if (item.mask().hasMask() && l != in[p]) argb[p] = 0xffffffff;
            }
            overlay = Images.fromArgb(w, h, argb, overlay);
            g.setGlobalAlpha(vm.overlayOpacityProperty().get());
            g.drawImage(overlay, ox, oy, w * z, h * z);
            g.setGlobalAlpha(1);
        }
        g.setStroke(Color.web("#ffffff40"));
        g.strokeRect(ox - 0.5, oy - 0.5, w * z + 1, h * z + 1);
    }
}
