package org.flashsplat.studio.sam;

import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flashsplat.propagate.Proposal;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.common.Images;
import org.flashsplat.studio.editing.MaskCanvas;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.sam.PropagationViewModel.Decision;
import org.flashsplat.studio.sam.PropagationViewModel.Item;

/**
 * The proposals of a propagation as a filmstrip over the bottom of the mask canvas: each view's
 * picture with the proposed mask, its agreement with the 3D result, and Accept / Reject; Accept all
 * and Reject all above. Clicking a proposal shows its view with the proposal drawn over the mask.
 * Shown while a propagation is open.
 */
public final class PropagationStrip extends VBox {
    static final int W = ViewItem.THUMB_W, H = ViewItem.THUMB_H;

    private final StudioViewModel studio;
    private final PropagationViewModel vm;
    private Item picked;
    private WritableImage large;

    public PropagationStrip(StudioViewModel studio, PropagationViewModel vm, MaskCanvas canvas) {
        super(4);
        this.studio = studio;
        this.vm = vm;
        setId("propagate-bar");
        setMaxHeight(USE_PREF_SIZE);
        setStyle("-fx-background-color: #1b1d21e8; -fx-padding: 4 8 6 8;");
        Label summary = new Label();
        summary.setId("propagate-summary");
        summary.setStyle("-fx-text-fill: #e0e0e0;");
        summary.textProperty().bind(vm.summaryProperty());
        Button all = new Button("Accept all");
        all.setId("propagate-accept-all");
        all.setOnAction(e -> vm.acceptAll());
        Button none = new Button("Reject all");
        none.setId("propagate-reject-all");
        none.setOnAction(e -> vm.rejectAll());
        Button close = new Button("Close");
        close.setId("propagate-close");
        close.setOnAction(e -> vm.clear());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, summary, gap, all, none, close);
        top.setAlignment(Pos.CENTER_LEFT);
        ListView<Item> strip = new ListView<>(vm.items());
        strip.setId("propagate-strip");
        strip.setOrientation(Orientation.HORIZONTAL);
        strip.setPrefHeight(H + 78);
        strip.setCellFactory(l -> new Cell());
        getChildren().addAll(top, strip);
        // The proposal picked in the strip is drawn large over its view's mask.
        strip.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (o, was, now) -> {
                            large = now == null ? null : image(now.proposal());
                            picked = now;
                            canvas.refresh();
                        });
        canvas.setOverlay(
                (g, ox, oy, zoom) -> {
                    Item it = picked;
                    if (it == null
                            || large == null
                            || !vm.items().contains(it)
                            || it.view() != studio.currentProperty().get()) return;
                    g.drawImage(large, ox, oy, large.getWidth() * zoom, large.getHeight() * zoom);
                });
        visibleProperty().bind(vm.objectProperty().greaterThan(0));
        managedProperty().bind(visibleProperty());
    }

    /** A proposal: picture and proposed mask, view name, IoU with the 3D result, the buttons. */
    private final class Cell extends ListCell<Item> {
        private final ImageView image = new ImageView();
        private final Label caption = new Label();
        private final Button accept = new Button("Accept");
        private final Button reject = new Button("Reject");
        private final VBox box;
        private final InvalidationListener decided = o -> show();
        private Item shown;

        Cell() {
            accept.getStyleClass().add("propagate-accept");
            reject.getStyleClass().add("propagate-reject");
            caption.setStyle("-fx-font-size: 11px;");
            HBox buttons = new HBox(4, accept, reject);
            buttons.setAlignment(Pos.CENTER);
            box = new VBox(3, image, caption, buttons);
            box.setAlignment(Pos.CENTER);
            accept.setOnAction(e -> vm.accept(shown));
            reject.setOnAction(e -> vm.reject(shown));
            setOnMouseClicked(
                    e -> {
                        if (shown != null) studio.select(shown.view().index());
                    });
        }

        @Override
        protected void updateItem(Item item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) shown.decisionProperty().removeListener(decided);
            shown = empty ? null : item;
            if (shown == null) {
                setGraphic(null);
                return;
            }
            shown.decisionProperty().addListener(decided);
            image.setImage(Images.fromArgb(size()[0], size()[1], thumbnail(shown), null));
            show();
            setGraphic(box);
        }

        private int[] size() {
            return shown.view().thumbnailSize(W, H);
        }

        private void show() {
            Proposal p = shown.proposal();
            Decision d = shown.decisionProperty().get();
            caption.setText(
                    String.format(
                            "%s · IoU %.2f%s",
                            p.name(),
                            p.iou(),
                            d == Decision.PENDING ? "" : " · " + d.name().toLowerCase()));
            accept.setDisable(d != Decision.PENDING);
            reject.setDisable(d != Decision.PENDING);
            box.setOpacity(d == Decision.REJECTED ? 0.45 : 1);
        }

        /**
         * The view's small picture, dimmed, with the proposal in the SAM tool's proposal colour
         * (the object's own colour may be the object's colour in the picture too).
         */
        private int[] thumbnail(Item it) {
            int[] size = size();
            int tw = size[0], th = size[1];
            Proposal p = it.proposal();
            int[] picture = it.view().thumbnailProperty().get();
            int[] out = new int[tw * th];
            for (int y = 0; y < th; y++) {
                int sy = Math.min(p.height() - 1, (int) ((y + 0.5) * p.height() / th));
                for (int x = 0; x < tw; x++) {
                    int sx = Math.min(p.width() - 1, (int) ((x + 0.5) * p.width() / tw));
                    int base = picture == null ? 0x2a2d33 : picture[y * tw + x] & 0xffffff;
                    base = p.contains(sy * p.width() + sx) ? mix(base, 0x66e0ff) : dim(base);
                    out[y * tw + x] = 0xff000000 | base;
                }
            }
            return out;
        }
    }

    /** A proposal at full size in the SAM tool's proposal colour, for the canvas. */
    private static WritableImage image(Proposal p) {
        int[] argb = new int[p.width() * p.height()];
        for (int i = p.mask().nextSetBit(0); i >= 0; i = p.mask().nextSetBit(i + 1))
            argb[i] = 0x9966e0ff;
        return Images.fromArgb(p.width(), p.height(), argb, null);
    }

    private static int dim(int a) {
        return (a >> 1) & 0x7f7f7f;
    }

    private static int mix(int a, int b) {
        int r = ((a >> 16 & 0xff) + (b >> 16 & 0xff)) / 2;
        int g = ((a >> 8 & 0xff) + (b >> 8 & 0xff)) / 2;
        return r << 16 | g << 8 | ((a & 0xff) + (b & 0xff)) / 2;
    }
}
