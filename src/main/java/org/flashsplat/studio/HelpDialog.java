package org.flashsplat.studio;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** F1: every action with its shortcut, grouped by menu, generated from the action list. */
final class HelpDialog {
    /** The open window, if any: F1 brings it to the front instead of opening a second one. */
    private static Stage open;

    private HelpDialog() {}

    static void show(Window owner, StudioActions actions) {
        if (open != null && open.isShowing()) {
            open.toFront();
            open.requestFocus();
            return;
        }
        GridPane g = new GridPane(18, 3);
        g.setId("help-grid");
        g.getStyleClass().add("help-grid");
        int row = 0;
        String group = "";
        List<StudioAction> all = actions.all();
        for (StudioAction a : all) {
            if (!a.group().equals(group)) {
                group = a.group();
                Label h = new Label(group);
                h.getStyleClass().add("pane-title");
                g.add(h, 0, row++, 2, 1);
            }
            // Actions without a shortcut get no (empty) key badge, just the menu they are in.
            Label key =
                    a.shortcutText().isEmpty()
                            ? new Label("menu " + a.group())
                            : new Label(a.shortcutText());
            if (!a.shortcutText().isEmpty()) key.getStyleClass().add("key");
            else key.getStyleClass().add("no-key");
            g.addRow(row++, new Label(a.text()), key);
        }
        g.addRow(row++, new Label("Pan the view"), keyLabel("Right/middle drag, Shift+drag"));
        g.addRow(row++, new Label("Zoom the view"), keyLabel("Wheel"));
        g.addRow(row, new Label("Brush size"), keyLabel("Ctrl+wheel, [ ]"));
        ScrollPane sp = new ScrollPane(g);
        sp.setFitToWidth(true);
        Stage s = new Stage();
        s.initOwner(owner);
        s.initModality(Modality.NONE);
        s.setTitle("Keyboard shortcuts");
        Scene scene = new Scene(sp, 600, 640);
        // Esc or F1 again closes it, as users expect of a help window.
        scene.setOnKeyPressed(
                e -> {
                    if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.F1) s.close();
                });
        if (owner != null && owner.getScene() != null)
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        s.setScene(scene);
        s.setOnHidden(e -> open = null);
        open = s;
        s.show();
    }

    private static Label keyLabel(String t) {
        Label l = new Label(t);
        l.getStyleClass().add("key");
        return l;
    }
}
