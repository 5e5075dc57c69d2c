package org.flashsplat.studio.association;

import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.studio.model.Palette;

/**
 * One instance: colour, name (double-click renames), summary and what is wrong, then a filmstrip of
 * its masks, one per view (a horizontal list, so a 200-view instance only builds the thumbnails in
 * sight). Dropping masks on the row gives them to this instance. An instance with parts (see {@link
 * InstanceRow#parts}) shows a "N parts" button beside its name; its menu lists them, each item
 * splitting that part out to an instance of its own.
 */
final class InstanceRowCell extends ListCell<InstanceRow> {
    static final double HEIGHT = AssociationThumbnails.H + 58;

    private final AssociationViewModel vm;
    private final ColorPicker colour = new ColorPicker();
    private final Label name = new Label();
    private final TextField editor = new TextField();
    private final Label summary = new Label();
    private final Label problems = new Label();
    private final MenuButton parts = new MenuButton();
    private final VBox header = new VBox(4);
    private final ListView<AssocCell> strip = new ListView<>();
    private final HBox box = new HBox(8, header, strip);
    private final InvalidationListener changed = o -> show();
    private final InvalidationListener partsChanged = o -> showParts();
    private InstanceRow shown;
    private boolean updating;

    InstanceRowCell(AssociationViewModel vm) {
        this.vm = vm;
        getStyleClass().add("assoc-row");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        colour.getStyleClass().add(ColorPicker.STYLE_CLASS_BUTTON);
        colour.setStyle("-fx-color-label-visible: false;");
        colour.setOnAction(
                e -> {
                    // setValue in show() fires this too; only the user's pick is an edit.
                    if (shown != null && !shown.unassigned() && !updating)
                        vm.recolour(shown.id(), Palette.toRgb(colour.getValue()));
                });
        name.getStyleClass().add("assoc-name");
        name.setOnMouseClicked(
                e -> {
                    if (e.getClickCount() == 2 && shown != null && !shown.unassigned()) edit();
                });
        editor.setOnAction(e -> commit());
        editor.setOnKeyPressed(
                e -> {
                    if (e.getCode() == KeyCode.ESCAPE) {
                        stopEditing();
                        e.consume();
                    }
                });
        editor.focusedProperty()
                .addListener(
                        (o, was, now) -> {
                            if (!now && editing()) commit();
                        });
        summary.getStyleClass().add("dim");
        summary.setWrapText(true);
        problems.getStyleClass().add("assoc-problem");
        problems.setWrapText(true);
        problems.managedProperty().bind(problems.visibleProperty());
        header.setPrefWidth(230);
        header.setMinWidth(230);
        header.setMaxWidth(230);
        parts.getStyleClass().add("assoc-parts");
        parts.managedProperty().bind(parts.visibleProperty());
        parts.setVisible(false);
        parts.setMinWidth(Region.USE_PREF_SIZE); // the name gives way, not the button
        header.getChildren().addAll(new HBox(6, colour, name, parts), summary, problems);
        ((HBox) header.getChildren().getFirst()).setAlignment(Pos.CENTER_LEFT);
        strip.setOrientation(Orientation.HORIZONTAL);
        strip.getStyleClass().add("filmstrip");
        strip.setFixedCellSize(AssociationThumbnails.W + 10);
        strip.setPrefHeight(HEIGHT - 6);
        strip.setFocusTraversable(false);
        strip.setCellFactory(l -> new MaskThumbCell(vm, () -> shown));
        HBox.setHgrow(strip, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        setOnDragOver(
                e -> {
                    if (shown != null && MaskDrag.decode(e.getDragboard().getString()) != null) {
                        e.acceptTransferModes(TransferMode.MOVE);
                        if (!getStyleClass().contains("drop-target"))
                            getStyleClass().add("drop-target");
                    }
                    e.consume();
                });
        setOnDragExited(e -> getStyleClass().remove("drop-target"));
        setOnDragDropped(
                e -> {
                    List<MaskKey> keys = MaskDrag.decode(e.getDragboard().getString());
                    boolean ok = shown != null && keys != null && vm.reassign(keys, shown.id());
                    e.setDropCompleted(ok);
                    e.consume();
                });
    }

    @Override
    protected void updateItem(InstanceRow item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.nameProperty().removeListener(changed);
            shown.problemsProperty().removeListener(changed);
            shown.maskCountProperty().removeListener(changed);
            shown.colourProperty().removeListener(changed);
            shown.parts().removeListener(partsChanged);
        }
        shown = empty ? null : item;
        stopEditing();
        if (shown == null) {
            setGraphic(null);
            setId(null);
            strip.setItems(null);
            showParts();
            return;
        }
        setId("assoc-row-" + shown.id());
        strip.setId("filmstrip-" + shown.id());
        shown.nameProperty().addListener(changed);
        shown.problemsProperty().addListener(changed);
        shown.maskCountProperty().addListener(changed);
        shown.colourProperty().addListener(changed);
        shown.parts().addListener(partsChanged);
        strip.setItems(shown.cells());
        setGraphic(box);
        show();
        showParts();
    }

    private void show() {
        if (shown == null) return;
        name.setText(
                shown.unassigned()
                        ? "Unassigned masks"
                        : shown.id() + "  " + shown.nameProperty().get());
        int c = shown.colourProperty().get();
        Color fx = Color.rgb((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
        if (!fx.equals(colour.getValue())) {
            updating = true;
            colour.setValue(fx);
            updating = false;
            strip.refresh(); // thumbnails are tinted in the instance's colour
        }
        colour.setDisable(shown.unassigned());
        summary.setText(shown.summary());
        String p = shown.problemsProperty().get();
        problems.setText(p.isEmpty() ? "" : "⚠ " + p);
        problems.setVisible(!p.isEmpty());
        problems.setTooltip(p.isEmpty() ? null : new Tooltip(p));
        getStyleClass().remove("conflict");
        if (shown.hasConflict()) getStyleClass().add("conflict");
    }

    /** The parts button: hidden without parts, else one "split out" item per part. */
    private void showParts() {
        List<InstanceRow.Part> ps = shown == null ? List.of() : shown.parts();
        parts.setVisible(!ps.isEmpty());
        parts.setId(shown == null ? null : "assoc-parts-" + shown.id());
        parts.setText(ps.size() == 1 ? "1 part" : ps.size() + " parts");
        parts.getItems().clear();
        if (shown == null) return;
        int id = shown.id();
        for (InstanceRow.Part p : ps) {
            MenuItem item = new MenuItem("Split out " + p.describe());
            item.setId("assoc-split-part-" + id + "-" + p.part());
            item.setOnAction(e -> vm.splitPart(id, p.part()));
            parts.getItems().add(item);
        }
        parts.setTooltip(
                ps.isEmpty()
                        ? null
                        : new Tooltip(
                                "Parts of this object found inside it in the scene, labelled as"
                                        + " it; pick one to make it an instance of its own"));
    }

    private void edit() {
        editor.setText(shown.nameProperty().get());
        HBox top = (HBox) header.getChildren().getFirst();
        top.getChildren().set(1, editor);
        editor.requestFocus();
        editor.selectAll();
    }

    private void commit() {
        if (shown != null && editing()) {
            String text = editor.getText();
            stopEditing();
            vm.rename(shown.id(), text);
        }
    }

    private boolean editing() {
        return ((HBox) header.getChildren().getFirst()).getChildren().contains(editor);
    }

    private void stopEditing() {
        HBox top = (HBox) header.getChildren().getFirst();
        if (top.getChildren().contains(editor)) top.getChildren().set(1, name);
    }
}
