package org.flashsplat.studio.preview;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.common.Images;
import org.flashsplat.studio.model.ViewItem;

/**
 * The 3D preview: frames from the preview render thread shown in an ImageView, drag to orbit (right
 * or middle button, or Shift, to pan), wheel to zoom. It asks for frames only; the view model
 * coalesces them.
 */
public final class PreviewPane extends BorderPane {
    private final PreviewViewModel vm;
    private final ImageView view = new ImageView();
    private final StackPane stage = new StackPane(view);
    private final Label empty = new Label(); // why the frame is black, when it is
    private WritableImage buffer;
    private double lastX, lastY;
    private final SelectionViewModel selection;
    // The shape being dragged out, drawn over the frame (never takes the mouse).
    private final javafx.scene.layout.Pane overlay = new javafx.scene.layout.Pane();
    private final javafx.scene.shape.Rectangle rect = new javafx.scene.shape.Rectangle();
    private final javafx.scene.shape.Circle circle = new javafx.scene.shape.Circle();
    private final javafx.scene.shape.Polyline lasso = new javafx.scene.shape.Polyline();
    private double pressX, pressY;
    private boolean selecting;

    public PreviewPane(StudioViewModel studio) {
        this.vm = studio.preview();
        this.selection = studio.selection();
        setId("preview");
        stage.getStyleClass().add("preview-stage");
        stage.setMinSize(120, 120);
        Label info = new Label();
        info.getStyleClass().add("overlay-text");
        info.textProperty().bind(vm.infoProperty());
        StackPane.setAlignment(info, Pos.BOTTOM_RIGHT);
        Label hint = new Label("drag: orbit · right-drag: pan · wheel: zoom");
        hint.getStyleClass().add("overlay-text");
        StackPane.setAlignment(hint, Pos.BOTTOM_LEFT);
        empty.setId("preview-empty");
        empty.getStyleClass().add("overlay-text");
        empty.visibleProperty().bind(empty.textProperty().isNotEmpty());
        StackPane.setAlignment(empty, Pos.CENTER);
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        for (javafx.scene.shape.Shape sh : new javafx.scene.shape.Shape[] {rect, circle, lasso}) {
            sh.setFill(javafx.scene.paint.Color.color(1, 0.83, 0, 0.12));
            sh.setStroke(javafx.scene.paint.Color.web("#ffd400"));
            sh.getStrokeDashArray().setAll(6.0, 4.0);
            sh.setVisible(false);
        }
        overlay.getChildren().addAll(rect, circle, lasso);
        SelectionBar tools = new SelectionBar(studio);
        StackPane.setAlignment(tools, Pos.TOP_LEFT);
        StackPane.setMargin(tools, new javafx.geometry.Insets(6));
        Label message = SelectionBar.message(selection);
        StackPane.setAlignment(message, Pos.TOP_RIGHT);
        StackPane.setMargin(message, new javafx.geometry.Insets(6, 6, 0, 150));
        stage.getChildren().addAll(hint, info, empty, overlay, message, tools);
        setCenter(stage);
        setTop(toolBar(studio));

        // Render at the size the preview occupies, never larger than the screen shows.
        stage.widthProperty().addListener(o -> vm.widthProperty().set((int) stage.getWidth()));
        stage.heightProperty().addListener(o -> vm.heightProperty().set((int) stage.getHeight()));
        vm.frameProperty().addListener((o, a, img) -> show(img));

        stage.setOnMousePressed(this::pressed);
        stage.setOnMouseDragged(this::dragged);
        stage.setOnMouseReleased(this::released);
        stage.setOnScroll(
                e -> {
                    if (e.getDeltaY() != 0) vm.zoomBy(e.getDeltaY() > 0 ? 0.9 : 1 / 0.9, true);
                });
    }

    /** A primary-button drag with a selection tool selects; every other drag moves the view. */
    private boolean selects(javafx.scene.input.MouseEvent e) {
        return e.getButton() == MouseButton.PRIMARY
                && selection.toolProperty().get() != SelectionViewModel.Tool.ORBIT;
    }

    private void pressed(javafx.scene.input.MouseEvent e) {
        lastX = pressX = e.getX();
        lastY = pressY = e.getY();
        selecting = selects(e);
        if (selecting && selection.toolProperty().get() == SelectionViewModel.Tool.LASSO)
            lasso.getPoints().setAll(e.getX(), e.getY());
    }

    private void dragged(javafx.scene.input.MouseEvent e) {
        if (selecting) {
            drawShape(e.getX(), e.getY());
            return;
        }
        double dx = e.getX() - lastX, dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        double h = Math.max(1, stage.getHeight());
        boolean orbit =
                (e.getButton() == MouseButton.PRIMARY && !e.isShiftDown())
                        || (e.getButton() == MouseButton.SECONDARY
                                && selection.toolProperty().get() != SelectionViewModel.Tool.ORBIT);
        if (orbit) vm.orbitBy(-dx / h * Math.PI, dy / h * Math.PI, true);
        else vm.panBy(dx / h, dy / h, true);
    }

    private void released(javafx.scene.input.MouseEvent e) {
        if (!selecting) {
            vm.request(false);
            return;
        }
        selecting = false;
        rect.setVisible(false);
        circle.setVisible(false);
        lasso.setVisible(false);
        SelectionViewModel.Combine c =
                e.isShiftDown()
                        ? SelectionViewModel.Combine.ADD
                        : e.isControlDown() || e.isShortcutDown()
                                ? SelectionViewModel.Combine.SUBTRACT
                                : SelectionViewModel.Combine.REPLACE;
        double[] o = frameOffset();
        double u0 = pressX - o[0], v0 = pressY - o[1], u1 = e.getX() - o[0], v1 = e.getY() - o[1];
        switch (selection.toolProperty().get()) {
            case BOX -> {
                if (Math.abs(u1 - u0) >= 2 && Math.abs(v1 - v0) >= 2)
                    selection.selectBox(u0, v0, u1, v1, c);
                else if (c == SelectionViewModel.Combine.REPLACE) selection.clear(); // a click
            }
            case SPHERE -> {
                if (Math.hypot(u1 - u0, v1 - v0) >= 2) selection.selectSphere(u0, v0, u1, v1, c);
                else if (c == SelectionViewModel.Combine.REPLACE) selection.clear();
            }
            case LASSO -> {
                var pts = lasso.getPoints();
                int n = pts.size() / 2;
                double[] xs = new double[n], ys = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = pts.get(2 * i) - o[0];
                    ys[i] = pts.get(2 * i + 1) - o[1];
                }
                if (n >= 3) selection.selectLasso(xs, ys, c);
                else if (c == SelectionViewModel.Combine.REPLACE) selection.clear();
            }
            case ORBIT -> {}
        }
    }

    private void drawShape(double x, double y) {
        switch (selection.toolProperty().get()) {
            case BOX -> {
                rect.setX(Math.min(pressX, x));
                rect.setY(Math.min(pressY, y));
                rect.setWidth(Math.abs(x - pressX));
                rect.setHeight(Math.abs(y - pressY));
                rect.setVisible(true);
            }
            case SPHERE -> {
                circle.setCenterX(pressX);
                circle.setCenterY(pressY);
                circle.setRadius(Math.hypot(x - pressX, y - pressY));
                circle.setVisible(true);
            }
            case LASSO -> {
                lasso.getPoints().addAll(x, y);
                lasso.setVisible(true);
            }
            case ORBIT -> {}
        }
    }

    /**
     * Where the frame's pixel (0, 0) lies in the stage: frames are centred, and a training camera's
     * keeps its own aspect ratio.
     */
    private double[] frameOffset() {
        var cam = vm.currentCamera();
        if (cam == null) return new double[2];
        return new double[] {
            (stage.getWidth() - cam.width()) / 2, (stage.getHeight() - cam.height()) / 2
        };
    }

    private void show(PreviewRenderer.Image img) {
        if (img == null) return;
        empty.setText(vm.emptyReason());
        buffer = Images.fromArgb(img.width(), img.height(), img.argb(), buffer);
        view.setImage(buffer);
        // Low-resolution frames are stretched to the same on-screen size as full ones.
        double s =
                Math.min(
                        stage.getWidth() / Math.max(1, img.request().camera().width()),
                        stage.getHeight() / Math.max(1, img.request().camera().height()));
        view.setFitWidth(img.request().camera().width() * Math.min(1, s));
        view.setFitHeight(img.request().camera().height() * Math.min(1, s));
        view.setSmooth(true);
    }

    private ToolBar toolBar(StudioViewModel studio) {
        ChoiceBox<PreviewStyle.Mode> mode = new ChoiceBox<>();
        mode.setId("preview-mode");
        mode.getItems().addAll(PreviewStyle.Mode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setTooltip(new Tooltip("What to show (1, 2, 3)"));
        ToggleButton tint = new ToggleButton("Tint");
        tint.setId("preview-tint");
        tint.selectedProperty().bindBidirectional(vm.tintProperty());
        tint.setTooltip(new Tooltip("Tint objects in their colours (T)"));
        ComboBox<ViewItem> jump = new ComboBox<>(studio.views());
        jump.setPromptText("Jump to camera");
        jump.setId("preview-jump");
        jump.setTooltip(
                new Tooltip("Show the scene from a training camera (J: the selected view)"));
        jump.setCellFactory(l -> nameCell());
        jump.setButtonCell(nameCell());
        jump.setOnAction(
                e -> {
                    ViewItem v = jump.getValue();
                    if (v == null) return;
                    vm.jumpTo(v.camera());
                    // Back to the prompt, so the same camera can be chosen again later.
                    javafx.application.Platform.runLater(() -> jump.setValue(null));
                });
        Button clear = new Button("Clear highlight");
        clear.setId("preview-clear-highlight");
        clear.visibleProperty().bind(vm.highlightAProperty().greaterThan(0));
        clear.managedProperty().bind(clear.visibleProperty());
        clear.setOnAction(e -> vm.clearHighlight());
        jump.setPrefWidth(130);
        Button reset = new Button("Reset view");
        reset.setId("preview-reset-view");
        reset.setTooltip(new Tooltip("Back to the first training camera (Home)"));
        reset.setOnAction(e -> vm.resetView());
        ChoiceBox<PreviewViewModel.UpAxis> up = new ChoiceBox<>();
        up.setId("preview-up");
        up.getItems().addAll(PreviewViewModel.UpAxis.values());
        up.valueProperty().bindBidirectional(vm.upAxisProperty());
        up.setTooltip(new Tooltip("Which way is up in this scene"));
        // The highlight's Clear comes first: at the end it fell into the toolbar's overflow.
        return new ToolBar(clear, mode, tint, reset, up, jump);
    }

    private static javafx.scene.control.ListCell<ViewItem> nameCell() {
        return new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ViewItem v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.name());
            }
        };
    }
}
