package org.flashsplat.studio.views;

import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.common.Images;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;

/**
 * A training view in the strip: picture with mask overlay and the view's mask status. Redraws at
 * most a few times a second while a stroke is being drawn on that view.
 */
final class ThumbnailCell extends ListCell<ViewItem> {
    static final int W = ViewItem.THUMB_W, H = ViewItem.THUMB_H;

    private final StudioViewModel vm;
    private final ImageView image = new ImageView();
    private final Label caption = new Label();
    private final VBox box = new VBox(3, image, caption);
    private final PauseTransition later = new PauseTransition(Duration.millis(250));
    private final InvalidationListener changed = o -> later.playFromStart();
    private ViewItem shown;
    private WritableImage buffer;

    ThumbnailCell(StudioViewModel vm) {
        this.vm = vm;
        box.setAlignment(Pos.CENTER);
        caption.getStyleClass().add("thumb-caption");
        // Wraps inside the thumbnail's width: a long caption ("view_004 · edited · 3% off") was
        // clipped and gave the strip a horizontal scrollbar.
        caption.setWrapText(true);
        caption.setMaxWidth(W);
        caption.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        caption.setAlignment(Pos.CENTER);
        getStyleClass().add("thumb-cell");
        later.setOnFinished(e -> refresh());
    }

    @Override
    protected void updateItem(ViewItem item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.thumbnailProperty().removeListener(changed);
            shown.mask().revisionProperty().removeListener(changed);
            shown.mask().statusProperty().removeListener(changed);
            shown.disagreementProperty().removeListener(changed);
        }
        shown = empty ? null : item;
        if (shown == null) {
            setGraphic(null);
            return;
        }
        shown.thumbnailProperty().addListener(changed);
        shown.mask().revisionProperty().addListener(changed);
        shown.mask().statusProperty().addListener(changed);
        shown.disagreementProperty().addListener(changed);
        refresh();
        setGraphic(box);
    }

    private void refresh() {
        ViewItem v = shown;
        if (v == null) return;
        int w = v.camera().width(), h = v.camera().height();
        int[] size = v.thumbnailSize(W, H);
        int tw = size[0], th = size[1];
        int[] argb =
                Images.thumbnail(
                        w,
                        h,
                        v.thumbnailProperty().get(),
                        v.mask().hasMask() ? v.mask().labels() : null,
                        Images.labelColours(vm.segments().objects()),
                        tw,
                        th);
        buffer = Images.fromArgb(tw, th, argb, buffer);
        image.setImage(buffer);
        ViewMask.Status st = v.mask().statusProperty().get();
        var d = v.disagreementProperty().get();
        caption.setText(
                v.name()
                        + "  ·  "
                        + st.text
                        + (d == null ? "" : String.format("  ·  %.0f%% off", 100 * d.score())));
        caption.getStyleClass().removeAll("status-none", "status-imported", "status-edited");
        caption.getStyleClass().add("status-" + st.name().toLowerCase(java.util.Locale.ROOT));
    }
}
