package org.flashsplat.studio.preview;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.InvalidationListener;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.flashsplat.camera.Camera;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ObjectSelection;
import org.flashsplat.studio.segments.SegmentsViewModel;

/**
 * The 3D preview: the camera (free orbit, or exactly a training camera after a jump), what to show
 * of the segmentation, and the latest frame. Every change asks the render thread for a frame;
 * camera gestures ask for an interactive (low-resolution) one.
 */
public final class PreviewViewModel implements AutoCloseable, ObjectSelection {
    private static final System.Logger LOG = System.getLogger("org.flashsplat.studio.preview");

    private final Executor ui;
    private final SegmentsViewModel segments;
    private final PreviewRenderer renderer;
    private final ObjectProperty<GaussianScene> scene = new SimpleObjectProperty<>();
    private final ObjectProperty<OrbitCamera> orbit = new SimpleObjectProperty<>();
    private final ObjectProperty<Camera> trainingCamera = new SimpleObjectProperty<>();
    private final ObjectProperty<PreviewStyle.Mode> mode =
            new SimpleObjectProperty<>(PreviewStyle.Mode.ALL);
    private final BooleanProperty tint = new SimpleBooleanProperty(true);
    private final IntegerProperty highlightA = new SimpleIntegerProperty();
    private final IntegerProperty highlightB = new SimpleIntegerProperty();
    private final ObservableSet<Integer> selected = FXCollections.observableSet();
    private final ObjectProperty<java.util.BitSet> selectionMarks = new SimpleObjectProperty<>();
    private final ObjectProperty<java.util.BitSet> floaterMarks = new SimpleObjectProperty<>();
    private final IntegerProperty width = new SimpleIntegerProperty(640);
    private final IntegerProperty height = new SimpleIntegerProperty(480);
    private final ObjectProperty<PreviewRenderer.Image> frame = new SimpleObjectProperty<>();
    private final DoubleProperty fullFrameMillis = new SimpleDoubleProperty(Double.NaN);
    private final StringProperty info = new SimpleStringProperty("");
    private double[] up = {0, -1, 0};
    private final ObjectProperty<UpAxis> upAxis = new SimpleObjectProperty<>(UpAxis.CAMERAS);
    private java.util.List<Camera> cameras = java.util.List.of();
    private double[] centre = {0, 0, 0};
    private PreviewStyle style;

    public PreviewViewModel(
            Executor ui, SegmentsViewModel segments, Supplier<Renderer> rendererFactory) {
        this.ui = ui;
        this.segments = segments;
        this.renderer = new PreviewRenderer(rendererFactory, img -> ui.execute(() -> show(img)));
        InvalidationListener restyle = o -> restyle();
        segments.segmentationProperty().addListener(restyle);
        mode.addListener(restyle);
        tint.addListener(restyle);
        highlightA.addListener(restyle);
        highlightB.addListener(restyle);
        selectionMarks.addListener(restyle);
        floaterMarks.addListener(restyle);
        selected.addListener((javafx.collections.SetChangeListener<Integer>) c -> restyle());
        segments.objects()
                .addListener(
                        (javafx.collections.ListChangeListener<LabelEntry>)
                                c -> {
                                    while (c.next()) {
                                        for (LabelEntry e : c.getAddedSubList()) {
                                            e.visibleProperty().addListener(restyle);
                                            e.soloProperty().addListener(restyle);
                                            e.colorProperty().addListener(restyle);
                                        }
                                    }
                                    restyle();
                                });
        upAxis.addListener(o -> resetView());
        InvalidationListener redraw = o -> request(false);
        width.addListener(redraw);
        height.addListener(redraw);
    }

    /** Sets the scene and starts from {@code start} (a training camera), or an overview. */
    public void setScene(GaussianScene s, java.util.List<Camera> cameras) {
        scene.set(s);
        this.cameras = java.util.List.copyOf(cameras);
        up = OrbitCamera.upFrom(cameras);
        double[] b = s.bounds();
        centre = new double[] {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        if (!cameras.isEmpty()) jumpTo(cameras.getFirst());
        else {
            double r = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
            trainingCamera.set(null);
            orbit.set(new OrbitCamera(centre, 1.5 * r, 0.4, 0.4, up, Math.toRadians(50)));
            request(false);
        }
    }

    /** Shows exactly what training camera {@code c} sees; the next gesture orbits from there. */
    public void jumpTo(Camera c) {
        trainingCamera.set(c);
        orbit.set(OrbitCamera.from(c, up, centre));
        request(false);
    }

    public void orbitBy(double dYaw, double dPitch, boolean moving) {
        move(orbit.get().orbit(dYaw, dPitch), moving);
    }

    public void panBy(double dx, double dy, boolean moving) {
        move(orbit.get().pan(dx, dy), moving);
    }

    public void zoomBy(double factor, boolean moving) {
        move(orbit.get().zoom(factor), moving);
    }

    private void move(OrbitCamera o, boolean moving) {
        if (o == null) return;
        trainingCamera.set(null);
        orbit.set(o);
        request(moving);
    }

    /** The camera of the next frame, fitted to the view size. */
    public Camera currentCamera() {
        int w = Math.max(16, width.get()), h = Math.max(16, height.get());
        Camera tc = trainingCamera.get();
        if (tc != null) {
            // Fit the training camera's picture inside the view, keeping its aspect ratio.
            double s = Math.min((double) w / tc.width(), (double) h / tc.height());
            return tc.resized(
                    Math.max(16, (int) (tc.width() * s)), Math.max(16, (int) (tc.height() * s)));
        }
        OrbitCamera o = orbit.get();
        return o == null ? null : o.camera(w, h);
    }

    /** Asks for a frame; {@code interactive} while the camera moves. */
    public void request(boolean interactive) {
        GaussianScene s = scene.get();
        Camera c = currentCamera();
        if (s == null || c == null) return;
        if (style == null) style = buildStyle();
        renderer.submit(
                new PreviewRenderer.Request(
                        s, c, style, interactive, new float[] {0.11f, 0.12f, 0.14f}));
    }

    /**
     * A new look (gamma moved, an object hidden): a quick low-resolution frame at once, the full
     * one as soon as nothing else changes, so dragging the gamma slider stays live.
     */
    private void restyle() {
        style = null;
        request(true);
    }

    PreviewStyle buildStyle() {
        Segmentation seg = segments.segmentationProperty().get();
        int k = segments.objects().size();
        int[] colours = new int[k + 1];
        boolean[] visible = new boolean[k + 1], solo = new boolean[k + 1], sel = new boolean[k + 1];
        for (LabelEntry e : segments.objects()) {
            colours[e.id()] = e.rgb();
            visible[e.id()] = e.visibleProperty().get();
            solo[e.id()] = e.soloProperty().get();
            sel[e.id()] = selected.contains(e.id());
        }
        return new PreviewStyle(
                seg == null ? null : seg.memberships(),
                colours,
                visible,
                solo,
                sel,
                mode.get(),
                tint.get(),
                highlightA.get(),
                highlightB.get(),
                selectionMarks.get(),
                floaterMarks.get());
    }

    private void show(PreviewRenderer.Image img) {
        frame.set(img);
        if (!img.interactive()) {
            fullFrameMillis.set(img.millis());
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "preview {0}x{1}: {2} ms",
                    img.width(),
                    img.height(),
                    String.format("%.1f", img.millis()));
        }
        info.set(
                String.format(
                        "%dx%d%s  %.0f ms",
                        img.width(),
                        img.height(),
                        img.interactive() ? " (moving)" : "",
                        img.millis()));
    }

    public ObjectProperty<PreviewRenderer.Image> frameProperty() {
        return frame;
    }

    public ObjectProperty<GaussianScene> sceneProperty() {
        return scene;
    }

    /** The point the view orbits (null before a scene): where selection shapes sit in depth. */
    public double[] pivot() {
        OrbitCamera o = orbit.get();
        return o == null ? null : o.target();
    }

    /** Gaussians selected in 3D, drawn in the selection colour (null: none). */
    public ObjectProperty<java.util.BitSet> selectionMarksProperty() {
        return selectionMarks;
    }

    /** Gaussians a cleanup being tried would remove, drawn in red (null: none). */
    public ObjectProperty<java.util.BitSet> floaterMarksProperty() {
        return floaterMarks;
    }

    public ObjectProperty<PreviewStyle.Mode> modeProperty() {
        return mode;
    }

    public BooleanProperty tintProperty() {
        return tint;
    }

    public IntegerProperty highlightAProperty() {
        return highlightA;
    }

    public IntegerProperty highlightBProperty() {
        return highlightB;
    }

    /** Object ids selected in the segments panel ("selected objects" of the modes and exports). */
    public ObservableSet<Integer> selected() {
        return selected;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public DoubleProperty fullFrameMillisProperty() {
        return fullFrameMillis;
    }

    public StringProperty infoProperty() {
        return info;
    }

    public ObjectProperty<Camera> trainingCameraProperty() {
        return trainingCamera;
    }

    public ObjectProperty<OrbitCamera> orbitProperty() {
        return orbit;
    }

    /** Shows the overlap of objects a and b; asking for the pair shown already clears it. */
    public void toggleHighlight(int a, int b) {
        if (highlightA.get() == a && highlightB.get() == b) clearHighlight();
        else {
            highlightA.set(a);
            highlightB.set(b);
        }
    }

    public void clearHighlight() {
        highlightA.set(0);
        highlightB.set(0);
    }

    /** Preview > All: everything, without a highlight left over from the overlap matrix. */
    public void showAll() {
        clearHighlight();
        mode.set(PreviewStyle.Mode.ALL);
    }

    /** Back to showing everything with nothing selected (a new scene). */
    public void resetStyle() {
        clearHighlight();
        selected.clear();
        mode.set(PreviewStyle.Mode.ALL);
    }

    /**
     * Why the preview shows nothing, or "" when it shows something: a highlighted pair with no
     * Gaussian in both, or "selected objects only" with nothing selected.
     */
    public String emptyReason() {
        if (scene.get() == null) return "";
        if (highlightA.get() > 0) {
            Segmentation seg = segments.segmentationProperty().get();
            if (seg == null) return "";
            var m = seg.memberships();
            int a = highlightA.get() - 1, b = highlightB.get() - 1;
            if (a >= m.objects() || b >= m.objects()) return "The highlighted objects are gone";
            for (int i = 0; i < m.count(); i++) if (m.contains(a, i) && m.contains(b, i)) return "";
            return "No Gaussian is in both "
                    + (a + 1)
                    + " and "
                    + (b + 1)
                    + " now: Clear highlight";
        }
        if (mode.get() == PreviewStyle.Mode.SELECTED && selected.isEmpty())
            return "Nothing selected: pick objects in the list, or Preview > All (1)";
        return "";
    }

    /** The up direction: the training cameras' own, or an axis the user picks. */
    public enum UpAxis {
        CAMERAS("Up: from cameras", null),
        MINUS_Y("Up: -Y", new double[] {0, -1, 0}),
        PLUS_Y("Up: +Y", new double[] {0, 1, 0}),
        PLUS_Z("Up: +Z", new double[] {0, 0, 1}),
        MINUS_Z("Up: -Z", new double[] {0, 0, -1});

        public final String text;
        private final double[] axis;

        UpAxis(String text, double[] axis) {
            this.text = text;
            this.axis = axis;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public ObjectProperty<UpAxis> upAxisProperty() {
        return upAxis;
    }

    /**
     * The view the scene opened with: the first training camera (so the scene is seen as it was
     * photographed, upright), or an overview around the scene's centre without cameras.
     */
    public void resetView() {
        GaussianScene s = scene.get();
        if (s == null) return;
        UpAxis u = upAxis.get();
        up = u == null || u.axis == null ? OrbitCamera.upFrom(cameras) : u.axis.clone();
        if (!cameras.isEmpty() && (u == null || u.axis == null)) {
            jumpTo(cameras.getFirst());
            return;
        }
        double[] b = s.bounds();
        double r = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        trainingCamera.set(null);
        orbit.set(new OrbitCamera(centre, 1.5 * r, 0.4, 0.4, up, Math.toRadians(50)));
        request(false);
    }

    @Override
    public void close() {
        renderer.close();
    }
}
