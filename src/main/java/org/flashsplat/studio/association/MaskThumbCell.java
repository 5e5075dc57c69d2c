package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.collections.SetChangeListener;
import javafx.collections.WeakSetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.studio.common.Images;

/**
 * One mask in an instance's filmstrip: its thumbnail and view name. A red frame marks a view with
 * two masks in the instance, an orange caption low confidence; the tooltip says why. Click selects
 * (Ctrl/Cmd adds), dragging moves the mask (or every selected mask) to the row it is dropped on. A
 * mask of a part of the instance is framed as such, and its context menu splits that part out.
 */
final class MaskThumbCell extends ListCell<AssocCell> {
    private final AssociationViewModel vm;
    private final Supplier<InstanceRow> row; // the filmstrip's row changes as cells are reused
    private final ImageView image = new ImageView();
    private final Label caption = new Label();
    private final VBox box = new VBox(2, image, caption);
    private final Tooltip tip = new Tooltip();
    private final MenuItem splitPart = new MenuItem();
    private final ContextMenu partMenu = new ContextMenu(splitPart);
    private final SetChangeListener<MaskKey> selectionChanged = c -> restyle();

    MaskThumbCell(AssociationViewModel vm, Supplier<InstanceRow> row) {
        this.vm = vm;
        this.row = row;
        box.setAlignment(Pos.CENTER);
        image.setFitWidth(AssociationThumbnails.W);
        image.setFitHeight(AssociationThumbnails.H);
        caption.getStyleClass().add("assoc-caption");
        getStyleClass().add("assoc-thumb");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // Weak: the lists recreate their cells (refresh), and the selection outlives them.
        vm.selectedCells().addListener(new WeakSetChangeListener<>(selectionChanged));
        splitPart.setId("assoc-thumb-split-part");
        splitPart.setOnAction(
                e -> {
                    AssocCell it = getItem();
                    if (it != null && it.part() != 0) vm.splitPart(it.instance(), it.part());
                });
        setOnMouseClicked(
                e -> {
                    AssocCell it = getItem();
                    if (it == null) return;
                    if (e.isShortcutDown()) {
                        if (!vm.selectedCells().remove(it.key())) vm.selectedCells().add(it.key());
                    } else {
                        vm.selectedCells().clear();
                        vm.selectedCells().add(it.key());
                    }
                    e.consume();
                });
        setOnDragDetected(
                e -> {
                    AssocCell it = getItem();
                    if (it == null) return;
                    List<MaskKey> keys = new ArrayList<>();
                    if (vm.selectedCells().contains(it.key())) keys.addAll(vm.selectedCells());
                    else keys.add(it.key());
                    Dragboard db = startDragAndDrop(TransferMode.MOVE);
                    ClipboardContent content = new ClipboardContent();
                    content.putString(MaskDrag.encode(keys));
                    db.setContent(content);
                    if (image.getImage() != null) db.setDragView(image.getImage());
                    e.consume();
                });
    }

    @Override
    protected void updateItem(AssocCell item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setTooltip(null);
            setContextMenu(null);
            image.setImage(null);
            restyle();
            return;
        }
        caption.setText(
                String.format(Locale.ROOT, "%s · %.2f", item.viewName(), item.confidence()));
        tip.setText(item.describe());
        setTooltip(tip);
        splitPart.setText("Split part " + item.part() + " out");
        setContextMenu(item.part() != 0 ? partMenu : null);
        setGraphic(box);
        image.setImage(null);
        InstanceRow r = row.get();
        if (r == null) return;
        int rgb = r.colourProperty().get();
        vm.thumbnails()
                .request(
                        item,
                        rgb,
                        t -> {
                            AssocCell now = getItem();
                            if (now != null
                                    && now.view() == item.view()
                                    && now.local() == item.local()
                                    && row.get() == r
                                    && r.colourProperty().get() == rgb)
                                image.setImage(
                                        Images.fromArgb(t.width(), t.height(), t.argb(), null));
                        });
        restyle();
    }

    private void restyle() {
        AssocCell it = isEmpty() ? null : getItem();
        toggle("conflict", it != null && it.conflict());
        toggle("low", it != null && it.low());
        toggle("part", it != null && it.part() != 0);
        toggle("picked", it != null && vm.selectedCells().contains(it.key()));
        caption.getStyleClass().remove("low");
        if (it != null && it.low()) caption.getStyleClass().add("low");
    }

    private void toggle(String cls, boolean on) {
        getStyleClass().remove(cls);
        if (on) getStyleClass().add(cls);
    }
}
