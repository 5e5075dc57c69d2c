package org.flashsplat.studio.model;

import java.nio.file.Path;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flashsplat.camera.Camera;
import org.flashsplat.correct.ViewDisagreement;
import org.flashsplat.mask.LabelMask;

/**
 * One training view: its camera, editable mask, the picture under the mask (the image, or the scene
 * rendered from the camera where there is none) and the mask rendered back from the 3D result with
 * its IoU against the input mask.
 */
public final class ViewItem {
    private final int index;
    private final Camera camera;
    private final Path image;
    private final ViewMask mask;
    private final ObjectProperty<int[]> picture = new SimpleObjectProperty<>();
    private final ObjectProperty<int[]> thumbnail = new SimpleObjectProperty<>();
    private final ObjectProperty<LabelMask> novel = new SimpleObjectProperty<>();
    private final DoubleProperty iou = new SimpleDoubleProperty(Double.NaN);
    private final ObjectProperty<ViewDisagreement> disagreement = new SimpleObjectProperty<>();

    public ViewItem(int index, Camera camera, Path image, LabelMask initial) {
        this.index = index;
        this.camera = camera;
        this.image = image;
        this.mask = new ViewMask(camera.width(), camera.height(), initial);
    }

    public int index() {
        return index;
    }

    public Camera camera() {
        return camera;
    }

    public String name() {
        return camera.name();
    }

    /** The image file, null when the dataset has none. */
    public Path image() {
        return image;
    }

    public ViewMask mask() {
        return mask;
    }

    /** Thumbnail size that keeps the camera's aspect ratio within {@code maxW x maxH}. */
    public int[] thumbnailSize(int maxW, int maxH) {
        double s = Math.min((double) maxW / camera.width(), (double) maxH / camera.height());
        return new int[] {
            Math.max(1, (int) (camera.width() * s)), Math.max(1, (int) (camera.height() * s))
        };
    }

    /** The picture at {@link #thumbnailSize}(THUMB_W, THUMB_H); null until loaded. */
    public ObjectProperty<int[]> thumbnailProperty() {
        return thumbnail;
    }

    public static final int THUMB_W = 150, THUMB_H = 100;

    /**
     * ARGB at the camera's resolution while this view is the selected one (only that view keeps its
     * full picture in memory); null otherwise or until loaded.
     */
    public ObjectProperty<int[]> pictureProperty() {
        return picture;
    }

    public ObjectProperty<LabelMask> novelProperty() {
        return novel;
    }

    public DoubleProperty iouProperty() {
        return iou;
    }

    /**
     * This view's input mask against the mask the 3D result renders for it ({@link ViewRanking});
     * null without a mask or until scored.
     */
    public ObjectProperty<ViewDisagreement> disagreementProperty() {
        return disagreement;
    }
}
