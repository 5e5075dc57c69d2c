package org.flashsplat.studio.views;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.shape.Rectangle;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.editing.MaskCanvas;
import org.flashsplat.studio.editing.NovelPane;
import org.flashsplat.studio.editing.Tool;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ViewItem;

/** Training views: the thumbnail strip, the selected view large, and the mask tools above it. */
public final class ViewsPanel extends BorderPane {
    private final StudioViewModel vm;
    private final MaskCanvas canvas;
    private final ListView<ViewItem> strip = new ListView<>();
    private javafx.scene.layout.StackPane canvasStack;

    public ViewsPanel(StudioViewModel vm) {
        this.vm = vm;
        this.canvas = new MaskCanvas(vm);
        strip.setId("view-strip");
        strip.setItems(vm.ranking().ordered());
        strip.setCellFactory(l -> new ThumbnailCell(vm));
        strip.setPrefWidth(ThumbnailCell.W + 34);
        strip.setMinWidth(ThumbnailCell.W + 34);
        strip.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) vm.currentProperty().set(b);
                        });
        vm.currentProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null && strip.getSelectionModel().getSelectedItem() != b) {
                                strip.getSelectionModel().select(b);
                                strip.scrollTo(b);
                            }
                        });
        setLeft(strip);
        canvasStack = new javafx.scene.layout.StackPane(canvas);
        org.flashsplat.studio.sam.SamTool.install(vm, canvas, canvasStack);
        // Input mask (editable) above, the mask rendered from the 3D result below.
        javafx.scene.control.SplitPane stack =
                new javafx.scene.control.SplitPane(canvasStack, new NovelPane(vm));
        stack.setOrientation(Orientation.VERTICAL);
        stack.setDividerPositions(0.55);
        BorderPane centre = new BorderPane(stack);
        centre.setTop(toolBar());
        centre.setBottom(infoBar());
        setCenter(centre);
    }

    public MaskCanvas canvas() {
        return canvas;
    }

    private ToolBar toolBar() {
        ToolBar bar = new ToolBar();
        bar.getStyleClass().add("tool-strip");
        ToggleGroup group = new ToggleGroup();
        var noViews = Bindings.isEmpty(vm.views());
        for (Tool t : Tool.values()) {
            if (t == Tool.PAN) continue; // right-drag or Shift+drag pans; H in the Tools menu
            ToggleButton b = new ToggleButton(icon(t));
            b.setId("tool-" + t.name().toLowerCase(java.util.Locale.ROOT));
            b.setTooltip(new Tooltip(t.text + "  (" + t.key + ")"));
            b.setToggleGroup(group);
            b.setUserData(t);
            b.setFocusTraversable(false);
            b.setSelected(vm.editing().toolProperty().get() == t);
            b.disableProperty().bind(noViews); // a scene PLY on its own: nothing to draw on
            bar.getItems().add(b);
        }
        group.selectedToggleProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b == null) group.selectToggle(a); // one tool is always active
                            else vm.editing().toolProperty().set((Tool) b.getUserData());
                        });
        vm.editing()
                .toolProperty()
                .addListener(
                        (o, a, t) ->
                                group.getToggles().stream()
                                        .filter(x -> x.getUserData() == t)
                                        .findFirst()
                                        .ifPresent(group::selectToggle));
        Slider size = new Slider(1, 60, vm.editing().brushRadiusProperty().get());
        size.setPrefWidth(70);
        size.valueProperty().bindBidirectional(vm.editing().brushRadiusProperty());
        size.setTooltip(new Tooltip("Brush radius in mask pixels  ([ and ], Ctrl+wheel)"));
        Label sizeText = new Label();
        sizeText.textProperty()
                .bind(Bindings.format("%.0f px", vm.editing().brushRadiusProperty()));
        sizeText.setMinWidth(40);
        ComboBox<LabelEntry> label = new ComboBox<>(vm.segments().shownObjects());
        label.setId("draw-label");
        label.setTooltip(
                new Tooltip("Label the brush, polygon and flood fill write (I picks one)"));
        label.setCellFactory(l -> labelCell());
        label.setButtonCell(labelCell());
        label.setPrefWidth(140);
        label.disableProperty().bind(noViews);
        Runnable syncLabel =
                () ->
                        label.getSelectionModel()
                                .select(
                                        vm.segments()
                                                .object(vm.editing().drawLabelProperty().get()));
        vm.editing().drawLabelProperty().addListener(o -> syncLabel.run());
        // The combo lists the shown objects: follow that list, which changes after the objects.
        vm.segments()
                .shownObjects()
                .addListener((javafx.beans.InvalidationListener) o -> syncLabel.run());
        label.valueProperty()
                .addListener(
                        (o, a, b) -> {
                            if (b != null) vm.editing().drawLabelProperty().set(b.id());
                        });
        syncLabel.run();
        Slider opacity = new Slider(0, 1, vm.overlayOpacityProperty().get());
        opacity.setId("overlay-opacity");
        opacity.setPrefWidth(80);
        opacity.valueProperty().bindBidirectional(vm.overlayOpacityProperty());
        opacity.setTooltip(new Tooltip("Mask overlay opacity"));
        ToggleButton novel = new ToggleButton("3D mask");
        novel.setId("show-novel");
        novel.setFocusTraversable(false);
        novel.selectedProperty().bindBidirectional(vm.showNovelProperty());
        novel.setTooltip(
                new Tooltip(
                        "Show the mask rendered from the 3D result instead of the input mask (M)"));
        bar.getItems()
                .addAll(
                        new Separator(Orientation.VERTICAL),
                        size,
                        sizeText,
                        new Separator(Orientation.VERTICAL),
                        label);
        ToggleButton worst = new ToggleButton("Worst first");
        worst.setId("sort-worst");
        worst.setFocusTraversable(false);
        worst.selectedProperty().bindBidirectional(vm.ranking().worstFirstProperty());
        worst.setTooltip(
                new Tooltip(
                        "Sort the views by how far their masks are from the 3D result, worst"
                                + " first (W)"));
        Label scoring = new Label("scoring views…");
        scoring.setId("ranking-busy");
        scoring.visibleProperty().bind(vm.ranking().computingProperty());
        scoring.managedProperty().bind(scoring.visibleProperty());
        Label overlay = new Label("Overlay");
        // These keep their full text; the IoU line beside them gives way instead (it was the
        // buttons that collapsed to "…" at 1600x1000).
        for (javafx.scene.control.Control c :
                List.<javafx.scene.control.Control>of(overlay, novel, worst, opacity))
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bottom = new HBox(8, overlay, opacity, novel, worst, scoring);
        bottom.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    private HBox bottom;

    private HBox infoBar() {
        Label name = new Label();
        Label iou = new Label();
        iou.setId("iou-label");
        vm.currentProperty()
                .addListener(
                        (o, a, v) -> {
                            iou.textProperty().unbind();
                            if (v == null) {
                                name.setText("");
                                iou.setText("");
                                return;
                            }
                            name.setText(
                                    v.name()
                                            + "  ("
                                            + v.camera().width()
                                            + "x"
                                            + v.camera().height()
                                            + (v.image() == null ? ", no image: scene render" : "")
                                            + ")");
                            iou.textProperty()
                                    .bind(
                                            Bindings.createStringBinding(
                                                    () -> iouText(v),
                                                    v.iouProperty(),
                                                    v.disagreementProperty()));
                        });
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        name.getStyleClass().add("overlay-text");
        javafx.scene.layout.StackPane.setAlignment(name, javafx.geometry.Pos.TOP_LEFT);
        javafx.scene.layout.StackPane.setMargin(name, new Insets(6));
        canvasStack.getChildren().add(name);
        name.setMouseTransparent(true);
        iou.getStyleClass().add("iou");
        iou.setMinWidth(0);
        // The full line (with missing / extra / wrong-object pixels) stays readable on hover.
        Tooltip full = new Tooltip();
        full.textProperty().bind(iou.textProperty());
        iou.setTooltip(full);
        HBox bar = new HBox(12, bottom, spacer, iou);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.getStyleClass().add("info-bar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private static String iouText(ViewItem v) {
        if (Double.isNaN(v.iouProperty().get())) return "3D mask: run accumulate";
        var d = v.disagreementProperty().get();
        String s = String.format("3D mask vs input: mean IoU %.3f", v.iouProperty().get());
        if (d == null) return s;
        return s
                + String.format(
                        ", %.1f%% off (missing %d, extra %d, wrong object %d px)",
                        100 * d.score(), d.missing(), d.extra(), d.wrongObject());
    }

    static ListCell<LabelEntry> labelCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(LabelEntry e, boolean empty) {
                super.updateItem(e, empty);
                textProperty().unbind();
                if (empty || e == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Rectangle r = new Rectangle(12, 12);
                r.fillProperty().bind(e.colorProperty());
                setGraphic(r);
                textProperty().bind(Bindings.concat(e.id() + "  ", e.nameProperty()));
            }
        };
    }

    private static String icon(Tool t) {
        return switch (t) {
            case BRUSH -> "Brush";
            case ERASER -> "Erase";
            case POLYGON -> "Lasso";
            case FLOOD -> "Fill";
            case PICK -> "Pick";
            case PAN -> "Pan";
            case SAM -> "SAM";
        };
    }
}
