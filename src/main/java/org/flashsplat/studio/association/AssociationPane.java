package org.flashsplat.studio.association;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The association view: one row per instance with its masks as a filmstrip, conflicts framed in
 * red. Select rows and Merge, select masks and Split, drag masks onto a row to move them; the
 * buttons and keys come from the window's actions.
 */
public final class AssociationPane extends BorderPane {
    private final AssociationViewModel vm;
    private final ListView<InstanceRow> list = new ListView<>();
    private final Label counts = new Label();
    private final ToolBar bar = new ToolBar();

    public AssociationPane(AssociationViewModel vm) {
        this.vm = vm;
        setId("association-pane");
        list.setId("assoc-rows");
        list.setItems(vm.shownRows());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setFixedCellSize(InstanceRowCell.HEIGHT);
        list.setCellFactory(l -> new InstanceRowCell(vm));
        CheckBox only = new CheckBox("Conflicts only");
        only.setId("assoc-conflicts-only");
        only.selectedProperty().bindBidirectional(vm.conflictsOnlyProperty());
        Spinner<Double> threshold = new Spinner<>();
        threshold.setId("assoc-threshold");
        threshold.setValueFactory(
                new SpinnerValueFactory.DoubleSpinnerValueFactory(
                        0, 1, vm.thresholdProperty().get(), 0.05));
        threshold.setPrefWidth(80);
        threshold.valueProperty().addListener((o, a, b) -> vm.thresholdProperty().set(b));
        vm.thresholdProperty()
                .addListener((o, a, b) -> threshold.getValueFactory().setValue(b.doubleValue()));
        counts.setId("assoc-counts");
        counts.getStyleClass().add("dim");
        vm.rows().addListener((ListChangeListener<InstanceRow>) c -> count());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        bar.getItems()
                .addAll(
                        new Separator(Orientation.VERTICAL),
                        only,
                        new Label("Low confidence below"),
                        threshold,
                        spacer,
                        counts);
        Label message = new Label();
        message.setId("assoc-message");
        message.textProperty().bind(vm.messageProperty());
        message.setPadding(new Insets(4, 8, 4, 8));
        // After a fix, its undo or redo: select the rows it touched, never a row that merely moved
        // into the removed row's place (a second Delete would remove an instance never picked).
        vm.touchedProperty()
                .addListener(
                        (javafx.beans.InvalidationListener)
                                o -> {
                                    var ids = vm.touchedProperty().get();
                                    var model = list.getSelectionModel();
                                    model.clearSelection();
                                    for (int i = 0; i < list.getItems().size(); i++)
                                        if (ids.contains(list.getItems().get(i).id()))
                                            model.select(i);
                                });
        setTop(bar);
        setCenter(list);
        setBottom(message);
        count();
    }

    private void count() {
        long instances = vm.rows().stream().filter(r -> !r.unassigned()).count();
        long bad = vm.rows().stream().filter(InstanceRow::hasConflict).count();
        counts.setText(
                String.format(Locale.ROOT, "%d instances, %d with conflicts", instances, bad));
    }

    /** Puts the action buttons at the head of the toolbar. */
    public void addButtons(List<? extends Node> buttons) {
        bar.getItems().addAll(0, buttons);
    }

    /** Ids of the selected instance rows (the unassigned row left out). */
    public List<Integer> selectedIds() {
        // From the indices, bounded by the current rows: the selected-items view of a ListView
        // whose rows were just replaced (another scene) can point past the end and throw.
        List<InstanceRow> rows = list.getItems();
        List<Integer> out = new java.util.ArrayList<>();
        for (Integer i : List.copyOf(list.getSelectionModel().getSelectedIndices())) {
            if (i == null || i < 0 || i >= rows.size()) continue;
            InstanceRow r = rows.get(i);
            if (r != null && !r.unassigned()) out.add(r.id());
        }
        return out;
    }

    /**
     * True while at least {@code n} instance rows are selected. Depends on the rows too: when a
     * selected row goes away (merged, deleted) the selection shrinks without the selected items
     * reporting a change, which left Merge enabled with one row selected.
     */
    public BooleanBinding selected(int n) {
        var model = list.getSelectionModel();
        return Bindings.createBooleanBinding(
                () -> selectedIds().size() >= n,
                model.getSelectedItems(),
                model.getSelectedIndices(),
                list.getItems());
    }

    public ListView<InstanceRow> list() {
        return list;
    }
}
