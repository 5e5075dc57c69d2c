package org.flashsplat.studio.sam;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import org.flashsplat.sam.SamMask;
import org.flashsplat.sam.SamPrompt;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.editing.MaskCanvas;
import org.flashsplat.studio.editing.Tool;

/**
 * The SAM tool's view: a bar over the mask canvas (model folder, status, apply, clear) shown while
 * the tool is selected, and the proposal, clicks and box drawn over the mask.
 */
public final class SamTool extends HBox implements MaskCanvas.ToolHook {
    private final StudioViewModel studio;
    private final SamToolViewModel sam;
    private final MaskCanvas canvas;
    private WritableImage proposalImage;

    private SamTool(StudioViewModel studio, SamToolViewModel sam, MaskCanvas canvas) {
        super(8);
        this.studio = studio;
        this.sam = sam;
        this.canvas = canvas;
        setId("sam-bar");
        getStyleClass().add("sam-bar");
        setAlignment(Pos.CENTER_LEFT);
        setMaxHeight(USE_PREF_SIZE);
        setMaxWidth(Double.MAX_VALUE);
        setStyle("-fx-background-color: #1b1d21e0; -fx-padding: 4 8 4 8;");
        Button choose = new Button("SAM model...");
        choose.setId("sam-model");
        choose.setOnAction(e -> chooseModel());
        Label status = new Label();
        status.setId("sam-status");
        status.setStyle("-fx-text-fill: #e0e0e0;");
        status.textProperty().bind(sam.statusProperty());
        Button apply = new Button("Apply (Enter)");
        apply.setId("sam-apply");
        apply.disableProperty().bind(sam.proposalProperty().isNull());
        apply.setOnAction(e -> commit());
        Button clear = new Button("Clear (Backspace)");
        clear.setId("sam-clear");
        clear.setOnAction(e -> cancel());
        getChildren().addAll(choose, apply, clear, status);
        visibleProperty().bind(studio.editing().toolProperty().isEqualTo(Tool.SAM));
        managedProperty().bind(visibleProperty());
        sam.proposalProperty()
                .addListener(
                        (o, a, p) -> {
                            proposalImage = p == null ? null : image(p);
                            canvas.refresh();
                        });
        sam.points().addListener((javafx.beans.InvalidationListener) o -> canvas.refresh());
    }

    /**
     * Adds the SAM tool to a canvas inside its stack pane; the view model follows the selected view
     * and opens the model folder chosen last time.
     */
    public static SamToolViewModel install(
            StudioViewModel studio, MaskCanvas canvas, StackPane canvasStack) {
        ExecutorService worker =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "sam");
                            t.setDaemon(true);
                            return t;
                        });
        Preferences prefs = Preferences.userNodeForPackage(SamTool.class);
        SamToolViewModel.ModelMemory memory =
                new SamToolViewModel.ModelMemory() {
                    @Override
                    public Path recall() {
                        String p = prefs.get("model", null);
                        return p == null ? null : Path.of(p);
                    }

                    @Override
                    public void remember(Path folder) {
                        prefs.put("model", folder.toAbsolutePath().toString());
                    }
                };
        SamToolViewModel sam =
                new SamToolViewModel(
                        Platform::runLater, worker, SamToolViewModel.cacheFolder(), memory);
        sam.follow(studio.currentProperty());
        SamTool bar = new SamTool(studio, sam, canvas);
        canvasStack.getChildren().add(bar);
        StackPane.setAlignment(bar, Pos.TOP_LEFT);
        canvas.setSamHook(bar);
        // Propagation refines with the model the SAM tool has open; its filmstrip sits at the
        // bottom of the canvas.
        studio.propagation().modelProperty().bind(sam.modelProperty());
        PropagationStrip strip = new PropagationStrip(studio, studio.propagation(), canvas);
        canvasStack.getChildren().add(strip);
        StackPane.setAlignment(strip, Pos.BOTTOM_CENTER);
        studio.editing()
                .toolProperty()
                .addListener(
                        (o, was, now) -> {
                            if (now == Tool.SAM && sam.modelProperty().get() == null)
                                sam.openRemembered();
                        });
        return sam;
    }

    public SamToolViewModel viewModel() {
        return sam;
    }

    private void chooseModel() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("SAM model folder (encoder.onnx + decoder.onnx)");
        var dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) sam.chooseModel(dir.toPath());
    }

    private static WritableImage image(SamMask m) {
        WritableImage img = new WritableImage(m.width(), m.height());
        int[] argb = new int[m.width() * m.height()];
        for (int i = 0; i < argb.length; i++) argb[i] = m.mask()[i] ? 0x9966e0ff : 0;
        img.getPixelWriter()
                .setPixels(
                        0,
                        0,
                        m.width(),
                        m.height(),
                        javafx.scene.image.PixelFormat.getIntArgbInstance(),
                        argb,
                        0,
                        m.width());
        return img;
    }

    @Override
    public void click(double x, double y, boolean negative) {
        sam.addPoint(x, y, !negative);
    }

    @Override
    public void box(double x0, double y0, double x1, double y1) {
        sam.setBox(x0, y0, x1, y1);
    }

    @Override
    public void commit() {
        if (sam.commit(studio.editing().drawLabelProperty().get()))
            studio.editing().updateHistory();
        canvas.refresh();
    }

    @Override
    public void cancel() {
        sam.clearPrompt();
        canvas.refresh();
    }

    @Override
    public void draw(GraphicsContext g, double ox, double oy, double zoom) {
        if (proposalImage != null)
            g.drawImage(
                    proposalImage,
                    ox,
                    oy,
                    proposalImage.getWidth() * zoom,
                    proposalImage.getHeight() * zoom);
        SamPrompt.Box b = sam.boxProperty().get();
        if (b != null) {
            g.setStroke(Color.web("#66e0ff"));
            g.strokeRect(
                    ox + b.x0() * zoom,
                    oy + b.y0() * zoom,
                    (b.x1() - b.x0()) * zoom,
                    (b.y1() - b.y0()) * zoom);
        }
        for (SamPrompt.Point p : sam.points()) {
            double cx = ox + p.x() * zoom, cy = oy + p.y() * zoom;
            g.setFill(p.positive() ? Color.web("#3ddc84") : Color.web("#ff5c5c"));
            g.fillOval(cx - 5, cy - 5, 10, 10);
            g.setStroke(Color.WHITE);
            g.strokeOval(cx - 5, cy - 5, 10, 10);
        }
    }
}
