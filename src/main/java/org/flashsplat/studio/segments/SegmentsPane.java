package org.flashsplat.studio.segments;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Slider;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.LabelEntry;

/**
 * Objects and assignment: global gamma (slider and field), normalisation, novel-view tau, and the
 * object table (colour, name, visibility, solo, per-object gamma, Gaussian count, contribution
 * share). The table's selection is the "selected objects" of the preview modes and exports.
 */
public final class SegmentsPane extends VBox {
    private final TableView<LabelEntry> table = new TableView<>();

    public SegmentsPane(StudioViewModel studio) {
        SegmentsViewModel vm = studio.segments();
        setId("segments");
        setSpacing(6);
        setPadding(new Insets(6));
        Label title = new Label("Segments");
        title.getStyleClass().add("pane-title");

        Slider gamma = new Slider(-1, 1, 0);
        gamma.setId("gamma-slider");
        gamma.setMajorTickUnit(0.5);
        gamma.setShowTickMarks(true);
        gamma.valueProperty().bindBidirectional(vm.gammaProperty());
        gamma.setTooltip(
                new Tooltip(
                        "Background bias: positive removes noisy foreground, negative keeps more"));
        TextField gammaField = numberField(vm.gammaProperty(), -1, 1, "gamma-field");
        ChoiceBox<Normalisation> norm = new ChoiceBox<>();
        norm.getItems().addAll(Normalisation.values());
        norm.valueProperty().bindBidirectional(vm.normalisationProperty());
        norm.setTooltip(new Tooltip("L1: the paper; L2: reproduces the original code"));
        Slider tau = new Slider(0.05, 0.95, 0.5);
        tau.valueProperty().bindBidirectional(vm.tauProperty());
        tau.setTooltip(new Tooltip("Novel-view mask threshold on accumulated object weight"));
        TextField tauField = numberField(vm.tauProperty(), 0.01, 0.99, "tau-field");

        GridPane grid = new GridPane(8, 4);
        grid.addRow(0, new Label("Gamma"), gamma, gammaField);
        grid.addRow(1, new Label("Normalise"), norm);
        grid.addRow(2, new Label("Novel-view τ"), tau, tauField);
        GridPane.setHgrow(gamma, Priority.ALWAYS);

        Label summary = new Label("Run accumulate to assign Gaussians to objects.");
        summary.setId("segments-summary");
        summary.getStyleClass().add("dim");
        summary.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> {
                                    var s = vm.segmentationProperty().get();
                                    if (s == null)
                                        return "Run accumulate to assign Gaussians to objects.";
                                    return String.format(
                                            "%,d Gaussians: %,d in objects, %,d unseen · assigned in %.1f ms",
                                            s.count(),
                                            s.stats().inAny(),
                                            s.stats().unseen(),
                                            vm.assignMillisProperty().get());
                                },
                                vm.segmentationProperty(),
                                vm.assignMillisProperty()));
        summary.setWrapText(true);

        // Shown when mask edits could not be followed: the counts and 3D result are old.
        Label stale = new Label("Segments out of date: run accumulate");
        stale.setId("segments-stale");
        stale.setStyle("-fx-text-fill: #e0a030;");
        stale.setWrapText(true);
        stale.visibleProperty().bind(vm.staleProperty());
        stale.managedProperty().bind(vm.staleProperty());

        buildTable(vm);
        table.getSelectionModel()
                .getSelectedItems()
                .addListener(
                        (javafx.collections.ListChangeListener<LabelEntry>)
                                c -> {
                                    var sel = studio.objectSelection().selected();
                                    sel.clear();
                                    for (LabelEntry e :
                                            table.getSelectionModel().getSelectedItems())
                                        if (e != null) sel.add(e.id());
                                });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, grid, summary, stale, table, cleanupRow(studio.cleanup()));
    }

    /**
     * Floater removal of the object picked in the table: slide to see in red what would go, Apply
     * to make it the object's own (Edit history of the preview's 3D edits undoes it).
     */
    private javafx.scene.Node cleanupRow(CleanupViewModel vm) {
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> vm.objectProperty().set(now == null ? 0 : now.id()));
        Slider strength = new Slider(0, 1, 0);
        strength.setId("clean-strength");
        strength.setPrefWidth(110);
        strength.valueProperty().bindBidirectional(vm.strengthProperty());
        strength.setTooltip(
                new Tooltip(
                        "Floater removal of the object picked above: 0 keeps all; the CLI's --clean"
                                + " default is 0.5. Red in the preview: what it would remove."));
        Label found = new Label();
        found.setId("clean-found");
        found.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> {
                                    if (vm.objectProperty().get() == 0) return "pick an object";
                                    int n = vm.floaterCountProperty().get();
                                    if (!vm.tryingProperty().get())
                                        return String.format(
                                                Locale.ROOT, "%.2f", vm.strengthProperty().get());
                                    return n < 0 ? "…" : String.format("%,d to remove", n);
                                },
                                vm.floaterCountProperty(),
                                vm.tryingProperty(),
                                vm.objectProperty(),
                                vm.strengthProperty()));
        javafx.scene.control.Button apply = new javafx.scene.control.Button("Apply");
        apply.setId("clean-apply");
        apply.disableProperty().bind(vm.tryingProperty().not());
        apply.setOnAction(e -> vm.apply());
        javafx.scene.control.Button revert = new javafx.scene.control.Button("Revert");
        revert.setId("clean-revert");
        revert.disableProperty().bind(vm.tryingProperty().not());
        revert.setOnAction(e -> vm.revert());
        strength.disableProperty().bind(vm.objectProperty().isEqualTo(0));
        javafx.scene.layout.HBox row =
                new javafx.scene.layout.HBox(
                        6, new Label("Floaters"), strength, found, apply, revert);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    public TableView<LabelEntry> table() {
        return table;
    }

    private void buildTable(SegmentsViewModel vm) {
        table.setId("segments-table");
        table.setItems(vm.shownObjects());
        table.setEditable(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No objects yet: import masks or draw with a new label"));

        TableColumn<LabelEntry, Color> colour = new TableColumn<>("");
        colour.setCellValueFactory(d -> d.getValue().colorProperty());
        colour.setCellFactory(c -> new ColourCell());
        colour.setPrefWidth(30);
        colour.setMaxWidth(34);
        colour.setSortable(false);

        TableColumn<LabelEntry, String> name = new TableColumn<>("Object");
        name.setCellValueFactory(d -> d.getValue().nameProperty());
        name.setCellFactory(TextFieldTableCell.forTableColumn());
        name.setPrefWidth(100);

        TableColumn<LabelEntry, Boolean> visible = new TableColumn<>("Show");
        visible.setCellValueFactory(d -> d.getValue().visibleProperty());
        visible.setCellFactory(CheckBoxTableCell.forTableColumn(visible));
        visible.setPrefWidth(44);
        visible.setId("col-visible");

        TableColumn<LabelEntry, Boolean> solo = new TableColumn<>("Solo");
        solo.setCellValueFactory(d -> d.getValue().soloProperty());
        solo.setCellFactory(CheckBoxTableCell.forTableColumn(solo));
        solo.setPrefWidth(40);

        TableColumn<LabelEntry, Number> gamma = new TableColumn<>("γ");
        gamma.setCellValueFactory(d -> d.getValue().gammaProperty());
        gamma.setCellFactory(TextFieldTableCell.forTableColumn(gammaConverter()));
        gamma.setOnEditCommit(
                e -> e.getRowValue().gammaProperty().set(e.getNewValue().doubleValue()));
        gamma.setPrefWidth(50);

        TableColumn<LabelEntry, Number> count = new TableColumn<>("Gaussians");
        count.setCellValueFactory(d -> d.getValue().countProperty());
        count.setCellFactory(
                c -> rightCell(v -> v.intValue() < 0 ? "–" : String.format("%,d", v.intValue())));
        count.setPrefWidth(74);

        TableColumn<LabelEntry, Number> share = new TableColumn<>("Share");
        share.setCellValueFactory(d -> d.getValue().shareProperty());
        share.setCellFactory(
                c ->
                        rightCell(
                                v ->
                                        Double.isNaN(v.doubleValue())
                                                ? "–"
                                                : String.format("%.1f%%", 100 * v.doubleValue())));
        share.setPrefWidth(58);
        share.setText("Share");
        table.getColumns()
                .setAll(java.util.List.of(colour, name, visible, solo, gamma, count, share));
        Tooltip.install(table, new Tooltip("Select objects for the preview modes and exports"));
    }

    private static StringConverter<Number> gammaConverter() {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n == null || Double.isNaN(n.doubleValue())
                        ? "global"
                        : String.format(Locale.ROOT, "%.2f", n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                try {
                    double v = Double.parseDouble(s.trim());
                    return Math.max(-1, Math.min(1, v));
                } catch (NumberFormatException e) {
                    return Double.NaN; // blank or text: follow the global gamma again
                }
            }
        };
    }

    private static TableCell<LabelEntry, Number> rightCell(
            java.util.function.Function<Number, String> fmt) {
        TableCell<LabelEntry, Number> c =
                new TableCell<>() {
                    @Override
                    protected void updateItem(Number v, boolean empty) {
                        super.updateItem(v, empty);
                        setText(empty || v == null ? null : fmt.apply(v));
                    }
                };
        c.getStyleClass().add("number-cell");
        return c;
    }

    /** A numeric field bound both ways to a property, committed on Enter or focus loss. */
    static TextField numberField(
            javafx.beans.property.DoubleProperty p, double min, double max, String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(4);
        Runnable show = () -> f.setText(String.format(Locale.ROOT, "%.2f", p.get()));
        p.addListener(o -> show.run());
        show.run();
        Runnable commit =
                () -> {
                    try {
                        p.set(Math.max(min, Math.min(max, Double.parseDouble(f.getText().trim()))));
                    } catch (NumberFormatException e) {
                        show.run();
                    }
                };
        f.setOnAction(e -> commit.run());
        f.focusedProperty()
                .addListener(
                        (o, was, now) -> {
                            if (!now) commit.run();
                        });
        return f;
    }

    private static final class ColourCell extends TableCell<LabelEntry, Color> {
        private final ColorPicker picker = new ColorPicker();

        ColourCell() {
            picker.getStyleClass().add(ColorPicker.STYLE_CLASS_BUTTON);
            picker.getStyleClass().add("swatch-picker");
            picker.setOnAction(
                    e -> {
                        LabelEntry row = getTableRow() == null ? null : getTableRow().getItem();
                        if (row != null) row.colorProperty().set(picker.getValue());
                    });
        }

        @Override
        protected void updateItem(Color c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            picker.setValue(c);
            setGraphic(picker);
        }
    }
}
