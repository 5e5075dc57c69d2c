package org.flashsplat.studio.preview;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.CommandStack;

/**
 * The preview's 3D selection tools, a small panel over the frame's top-left corner (as in
 * SuperSplat; a toolbar would overflow in a narrow preview): Orbit, Box, Sphere and Lasso (a drag
 * with the primary button selects; Shift adds, Ctrl takes away; the right button still orbits),
 * what to do with the selection, and undo and redo of these 3D edits of objects.
 */
final class SelectionBar extends VBox {
    SelectionBar(StudioViewModel studio) {
        super(3);
        SelectionViewModel vm = studio.selection();
        setId("selection-bar");
        getStyleClass().add("selection-tools");
        setStyle(
                "-fx-background-color: rgba(20,22,26,0.75); -fx-padding: 4; -fx-background-radius: 4;");
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        // A click on the panel is no gesture in the preview under it (it would clear the
        // selection).
        addEventHandler(javafx.scene.input.MouseEvent.ANY, javafx.event.Event::consume);
        addEventHandler(javafx.scene.input.ScrollEvent.ANY, javafx.event.Event::consume);
        java.util.List<ToggleButton> tools = new java.util.ArrayList<>();
        ToggleGroup group = new ToggleGroup();
        for (SelectionViewModel.Tool t : SelectionViewModel.Tool.values()) {
            ToggleButton b = new ToggleButton(t.text);
            b.setId("select-" + t.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(t);
            b.setToggleGroup(group);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip(tip(t)));
            b.setMaxWidth(Double.MAX_VALUE);
            tools.add(b);
        }
        group.selectedToggleProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now == null) group.selectToggle(was); // one tool is always on
                            else vm.toolProperty().set((SelectionViewModel.Tool) now.getUserData());
                        });
        vm.toolProperty()
                .addListener(
                        (o, was, t) ->
                                group.getToggles().stream()
                                        .filter(x -> x.getUserData() == t)
                                        .findFirst()
                                        .ifPresent(group::selectToggle));
        group.selectToggle(group.getToggles().getFirst());

        var none = vm.countProperty().isEqualTo(0);
        Button add =
                button(
                        "select-add",
                        "Add to object",
                        "Add the selection to the objects picked in the Segments list",
                        none);
        add.setOnAction(e -> vm.addToObjects());
        Button remove =
                button(
                        "select-remove",
                        "Remove from object",
                        "Take the selection out of the objects picked in the Segments list",
                        none);
        remove.setOnAction(e -> vm.removeFromObjects());
        Button make = button("select-new", "New", "Make the selection a new object", none);
        make.setOnAction(e -> vm.newObject());
        Button clear = button("select-clear", "Clear", "Select nothing", none);
        clear.setOnAction(e -> vm.clear());
        CommandStack h = studio.segments().edits().history();
        Button undo = button("select-undo", "↶ Undo", null, h.canUndoProperty().not());
        undo.setOnAction(e -> h.undo());
        undo.tooltipProperty()
                .bind(
                        Bindings.createObjectBinding(
                                () -> new Tooltip(h.undoTextProperty().get()),
                                h.undoTextProperty()));
        Button redo = button("select-redo", "↷ Redo", null, h.canRedoProperty().not());
        redo.setOnAction(e -> h.redo());
        redo.tooltipProperty()
                .bind(
                        Bindings.createObjectBinding(
                                () -> new Tooltip(h.redoTextProperty().get()),
                                h.redoTextProperty()));
        getChildren()
                .addAll(
                        row(tools.get(0), tools.get(1)),
                        row(tools.get(2), tools.get(3)),
                        row(add, remove),
                        row(make, clear),
                        row(undo, redo));
    }

    /** What the last selection or action did: shown over the frame's top edge. */
    static Label message(SelectionViewModel vm) {
        Label message = new Label();
        message.setId("select-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("overlay-text");
        message.setWrapText(true);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        return message;
    }

    private static HBox row(javafx.scene.control.ButtonBase a, javafx.scene.control.ButtonBase b) {
        for (var x : new javafx.scene.control.ButtonBase[] {a, b}) {
            x.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            x.setPrefWidth(62);
            x.setStyle("-fx-font-size: 11px; -fx-padding: 2 4 2 4;");
        }
        return new HBox(3, a, b);
    }

    private static Button button(
            String id,
            String text,
            String tip,
            javafx.beans.value.ObservableBooleanValue disabled) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        if (tip != null) b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(disabled);
        return b;
    }

    private static String tip(SelectionViewModel.Tool t) {
        return switch (t) {
            case ORBIT -> "Drag to orbit, right-drag or Shift to pan";
            case BOX ->
                    "Drag a box at the pivot's depth (pan moves the pivot); Shift adds, Ctrl takes away";
            case SPHERE ->
                    "Drag from the centre out to select a sphere; Shift adds, Ctrl takes away";
            case LASSO ->
                    "Draw round Gaussians to select them at every depth; Shift adds, Ctrl takes away";
        };
    }
}
