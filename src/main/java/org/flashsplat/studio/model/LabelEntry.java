package org.flashsplat.studio.model;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.paint.Color;

/**
 * One object (mask label >= 1): what the user names and styles, and what the last assignment found
 * for it. {@code gamma} is NaN while the object follows the global gamma.
 */
public final class LabelEntry {
    private final int id;
    private final StringProperty name;
    private final ObjectProperty<Color> color;
    private final BooleanProperty visible = new SimpleBooleanProperty(true);
    private final BooleanProperty solo = new SimpleBooleanProperty(false);
    private final DoubleProperty gamma = new SimpleDoubleProperty(Double.NaN);
    private final IntegerProperty count = new SimpleIntegerProperty(-1);
    private final DoubleProperty share = new SimpleDoubleProperty(Double.NaN);
    private final BooleanProperty retired = new SimpleBooleanProperty(false);
    private final DoubleProperty clean = new SimpleDoubleProperty(0);

    public LabelEntry(int id) {
        this.id = id;
        this.name = new SimpleStringProperty(id == 0 ? "background" : "object " + id);
        this.color = new SimpleObjectProperty<>(Palette.color(id));
    }

    public int id() {
        return id;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Color> colorProperty() {
        return color;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public BooleanProperty soloProperty() {
        return solo;
    }

    /** Per-object gamma override; NaN = use the global gamma. */
    public DoubleProperty gammaProperty() {
        return gamma;
    }

    /** Gaussians assigned to this object by the last assignment; -1 before any. */
    public IntegerProperty countProperty() {
        return count;
    }

    /** Share of this object's contribution mass its members hold; NaN before any assignment. */
    public DoubleProperty shareProperty() {
        return share;
    }

    /**
     * True once the object is gone (its association instance was merged into another or deleted):
     * it keeps its id, so labels stay what they are and an undo can bring it back, but lists and
     * the overlap matrix leave it out.
     */
    public BooleanProperty retiredProperty() {
        return retired;
    }

    /** Floater-removal strength applied to this object (0: none); see FloaterFilter. */
    public DoubleProperty cleanProperty() {
        return clean;
    }

    public int rgb() {
        return Palette.toRgb(color.get());
    }

    @Override
    public String toString() {
        return id + "  " + name.get();
    }
}
