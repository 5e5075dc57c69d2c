package org.flashsplat.studio.editing;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.ViewItem;
import org.flashsplat.studio.model.ViewMask;

/**
 * Mask drawing on the selected view. The canvas forwards gestures in mask pixel coordinates; each
 * gesture becomes one undo step on that view's own history.
 */
public final class EditingViewModel {
    public static final double MIN_RADIUS = 0.5, MAX_RADIUS = 200;

    private final StudioViewModel studio;
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.BRUSH);
    private final DoubleProperty brushRadius = new SimpleDoubleProperty(6);
    private final IntegerProperty drawLabel = new SimpleIntegerProperty(1);
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();
    private double lastX, lastY;
    private boolean stroking;

    public EditingViewModel(StudioViewModel studio) {
        this.studio = studio;
        studio.currentProperty().addListener(o -> updateHistory());
    }

    private ViewMask mask() {
        ViewItem v = studio.currentProperty().get();
        return v == null ? null : v.mask();
    }

    /** Brush or eraser pressed at (x, y) in mask pixels. */
    public void strokeBegin(double x, double y) {
        ViewMask m = mask();
        if (m == null) return;
        m.begin(tool.get() == Tool.ERASER ? 0 : drawLabel.get());
        m.stamp(x, y, brushRadius.get());
        lastX = x;
        lastY = y;
        stroking = true;
    }

    public void strokeTo(double x, double y) {
        ViewMask m = mask();
        if (m == null || !stroking) return;
        m.segment(lastX, lastY, x, y, brushRadius.get());
        lastX = x;
        lastY = y;
    }

    public void strokeEnd() {
        ViewMask m = mask();
        if (m == null || !stroking) return;
        stroking = false;
        m.commit(tool.get().text);
        updateHistory();
    }

    /** Fills a closed polygon or lasso path (x0, y0, x1, y1, ...) with the drawing label. */
    public void fillPolygon(double[] xy) {
        ViewMask m = mask();
        if (m == null || xy.length < 6) return;
        m.begin(drawLabel.get());
        m.fillPolygon(xy);
        m.commit("polygon fill");
        updateHistory();
    }

    public void floodAt(int u, int v) {
        ViewMask m = mask();
        if (m == null) return;
        m.begin(drawLabel.get());
        m.flood(u, v);
        m.commit("flood fill");
        updateHistory();
    }

    /** Takes the label under (u, v) as the drawing label. */
    public void pickAt(int u, int v) {
        ViewMask m = mask();
        if (m == null) return;
        int l = m.labelAt(u, v);
        if (l > 0) {
            studio.segments().ensureObjects(l);
            drawLabel.set(l);
        }
    }

    public void undo() {
        ViewMask m = mask();
        if (m != null) m.undo();
        updateHistory();
    }

    public void redo() {
        ViewMask m = mask();
        if (m != null) m.redo();
        updateHistory();
    }

    public void newLabel() {
        drawLabel.set(studio.segments().addObject().id());
    }

    /** Brush size steps multiply, so small and large brushes change at the same pace. */
    public void growBrush(int steps) {
        double r = brushRadius.get() * Math.pow(1.2, steps);
        brushRadius.set(Math.max(MIN_RADIUS, Math.min(MAX_RADIUS, r)));
    }

    /**
     * Refreshes undo/redo and the view's IoU after an edit made outside this class (the SAM tool).
     */
    public void updateHistory() {
        ViewItem v = studio.currentProperty().get();
        if (v != null) studio.updateIoU(v);
        ViewMask m = mask();
        canUndo.set(m != null && m.history().undoSize() > 0);
        canRedo.set(m != null && m.history().redoSize() > 0);
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    public DoubleProperty brushRadiusProperty() {
        return brushRadius;
    }

    public IntegerProperty drawLabelProperty() {
        return drawLabel;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    public BooleanProperty canRedoProperty() {
        return canRedo;
    }
}
