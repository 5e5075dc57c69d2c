package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.flashsplat.studio.StudioAction;

/**
 * The association view in a window of its own beside the main one, so its Undo/Redo keys (the
 * table's history, not a view's mask history) never reach the mask editor. Opened after an import
 * and by View > Association view.
 */
public final class AssociationWindow {
    private final Stage stage = new Stage();
    private final AssociationPane pane;
    private final List<StudioAction> actions = new ArrayList<>();

    /**
     * @param shared main-window actions whose keys work here too (Save project: a fix here marks
     *     the project unsaved)
     */
    public AssociationWindow(AssociationViewModel vm, Window owner, List<StudioAction> shared) {
        stage.initOwner(owner);
        stage.setTitle("Association — FlashSplat Studio");
        List<Node> buttons = new ArrayList<>();
        pane = new AssociationPane(vm);
        var open = vm.tableProperty().isNotNull();
        buttons.add(
                add(
                        "assoc-merge",
                        "Merge selected instances",
                        "Shortcut+M",
                        pane.selected(2),
                        () -> vm.merge(pane.selectedIds()),
                        "Merge"));
        buttons.add(
                add(
                        "assoc-split",
                        "Split selected masks into a new instance",
                        "Shortcut+K",
                        Bindings.isNotEmpty(vm.selectedCells()),
                        () -> vm.split(List.copyOf(vm.selectedCells())),
                        "Split"));
        buttons.add(
                add(
                        "assoc-delete",
                        "Delete selected instances",
                        "DELETE",
                        pane.selected(1),
                        () -> vm.delete(pane.selectedIds()),
                        "Delete"));
        Button undo =
                add("assoc-undo", "Undo", "Shortcut+Z", vm.canUndoProperty(), vm::undo, "Undo");
        undo.textProperty().bind(vm.undoTextProperty());
        Button redo =
                add(
                        "assoc-redo",
                        "Redo",
                        "Shortcut+Shift+Z",
                        vm.canRedoProperty(),
                        vm::redo,
                        "Redo");
        redo.textProperty().bind(vm.redoTextProperty());
        buttons.add(undo);
        buttons.add(redo);
        add(
                "assoc-redo-y",
                "Redo (alternative)",
                "Shortcut+Y",
                vm.canRedoProperty(),
                vm::redo,
                null);
        pane.addButtons(buttons);
        pane.disableProperty().bind(open.not());
        Scene scene = new Scene(pane, 1100, 700);
        var css = AssociationWindow.class.getResource("/org/flashsplat/resources/studio.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        var own = AssociationWindow.class.getResource("/org/flashsplat/resources/association.css");
        if (own != null) scene.getStylesheets().add(own.toExternalForm());
        for (StudioAction a : actions)
            scene.getAccelerators()
                    .put(
                            a.key(),
                            () -> {
                                if (!(a.isPlainKey()
                                        && scene.getFocusOwner()
                                                instanceof javafx.scene.control.TextInputControl))
                                    a.fire();
                            });
        for (StudioAction a : shared)
            if (a != null && a.key() != null) scene.getAccelerators().put(a.key(), a::fire);
        stage.setScene(scene);
    }

    private Button add(
            String id,
            String text,
            String key,
            javafx.beans.value.ObservableBooleanValue enabled,
            Runnable r,
            String label) {
        StudioAction a = new StudioAction(id, "Association", text, key, enabled, r);
        actions.add(a);
        return label == null ? null : a.button(label);
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public AssociationPane pane() {
        return pane;
    }
}
