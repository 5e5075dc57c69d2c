package org.flashsplat.studio.preview;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.CommandStack;

/**
 * The preview's 3D selection tools: Orbit, Box, Sphere and Lasso (a drag with the primary button
 * selects; Shift adds, Ctrl takes away; the right button still orbits), what to do with the
 * selection, and undo and redo of these 3D edits of objects.
 */
final class SelectionBar extends ToolBar {
    SelectionBar(StudioViewModel studio) {
        SelectionViewModel vm = studio.selection();
        setId("selection-bar");
        ToggleGroup group = new ToggleGroup();
        for (SelectionViewModel.Tool t : SelectionViewModel.Tool.values()) {
            ToggleButton b = new ToggleButton(t.text);
            b.setId("select-" + t.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(t);
            b.setToggleGroup(group);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip(tip(t)));
            getItems().add(b);
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
        Button make = button("select-new", "New object", "Make the selection a new object", none);
        make.setOnAction(e -> vm.newObject());
        Button clear = button("select-clear", "Clear", "Select nothing", none);
        clear.setOnAction(e -> vm.clear());
        CommandStack h = studio.segments().edits().history();
        Button undo = button("select-undo", "↶", null, h.canUndoProperty().not());
        undo.setOnAction(e -> h.undo());
        undo.tooltipProperty()
                .bind(
                        Bindings.createObjectBinding(
                                () -> new Tooltip(h.undoTextProperty().get()),
                                h.undoTextProperty()));
        Button redo = button("select-redo", "↷", null, h.canRedoProperty().not());
        redo.setOnAction(e -> h.redo());
        redo.tooltipProperty()
                .bind(
                        Bindings.createObjectBinding(
                                () -> new Tooltip(h.redoTextProperty().get()),
                                h.redoTextProperty()));
        Label message = new Label();
        message.setId("select-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("dim");
        getItems().addAll(add, remove, make, clear, undo, redo, message);
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
