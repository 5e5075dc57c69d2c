package org.flashsplat.studio;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * A user action declared once (id, text, shortcut, handler, enabled state) and turned into menu
 * items, toolbar buttons and the F1 shortcut overview, so they never disagree.
 */
public final class StudioAction {
    private final String id, text, group;
    private final KeyCombination key;
    private final Runnable handler;
    private final ObservableBooleanValue enabled;

    public StudioAction(
            String id,
            String group,
            String text,
            String key,
            ObservableBooleanValue enabled,
            Runnable handler) {
        this.id = id;
        this.group = group;
        this.text = text;
        this.key = key == null ? null : parse(key);
        this.enabled = enabled;
        this.handler = handler;
    }

    /**
     * "Shortcut+Shift+Z", "OPEN_BRACKET", "PAGE_DOWN": always a key-code combination. The stock
     * parser turns names it does not know into character combinations, which need a key-for-char
     * lookup that headless test platforms lack.
     */
    static KeyCombination parse(String spec) {
        String[] parts = spec.split("\\+");
        String last = parts[parts.length - 1];
        KeyCode code = KeyCode.getKeyCode(last);
        if (code == null) code = KeyCode.valueOf(last);
        java.util.List<KeyCombination.Modifier> mods = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            mods.add(
                    switch (parts[i]) {
                        case "Shortcut" -> KeyCombination.SHORTCUT_DOWN;
                        case "Shift" -> KeyCombination.SHIFT_DOWN;
                        case "Alt" -> KeyCombination.ALT_DOWN;
                        case "Ctrl" -> KeyCombination.CONTROL_DOWN;
                        default -> throw new IllegalArgumentException(spec);
                    });
        }
        return new KeyCodeCombination(code, mods.toArray(KeyCombination.Modifier[]::new));
    }

    public String id() {
        return id;
    }

    public String group() {
        return group;
    }

    public String text() {
        return text;
    }

    public KeyCombination key() {
        return key;
    }

    public String shortcutText() {
        return key == null ? "" : key.getDisplayText();
    }

    public boolean isEnabled() {
        return enabled == null || enabled.get();
    }

    /** Runs the action unless disabled. */
    public void fire() {
        if (isEnabled()) handler.run();
    }

    /**
     * Plain-key shortcuts (B, [, ...) must not fire while the user types into a text field; menu
     * accelerators see the key before the field does.
     */
    public boolean isPlainKey() {
        return key != null
                && key.getControl() == KeyCombination.ModifierValue.UP
                && key.getShortcut() == KeyCombination.ModifierValue.UP
                && key.getAlt() == KeyCombination.ModifierValue.UP
                && key.getMeta() == KeyCombination.ModifierValue.UP
                && !shortcutText().startsWith("F");
    }

    public MenuItem menuItem() {
        MenuItem m = new MenuItem(text);
        m.setId("menu-" + id);
        if (key != null) m.setAccelerator(key);
        if (enabled != null) m.disableProperty().bind(Bindings.not(enabled));
        m.setOnAction(
                e -> {
                    if (isPlainKey() && typing.getAsBoolean()) return;
                    fire();
                });
        return m;
    }

    /** Whether a text field has the focus; set by the window that owns the action. */
    private java.util.function.BooleanSupplier typing = () -> false;

    void typingCheck(javafx.stage.Window w) {
        typing =
                () ->
                        w.getScene() != null
                                && w.getScene().getFocusOwner() instanceof TextInputControl;
    }

    public Button button(String label) {
        Button b = new Button(label);
        b.setId("btn-" + id);
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(text + (key == null ? "" : "  (" + shortcutText() + ")")));
        if (enabled != null) b.disableProperty().bind(Bindings.not(enabled));
        b.setOnAction(e -> fire());
        return b;
    }
}
