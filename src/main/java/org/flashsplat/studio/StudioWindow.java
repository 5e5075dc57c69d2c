package org.flashsplat.studio;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.flashsplat.studio.association.AssociationWindow;
import org.flashsplat.studio.model.FxProgress;
import org.flashsplat.studio.preview.PreviewPane;
import org.flashsplat.studio.segments.OverlapPane;
import org.flashsplat.studio.segments.SegmentsPane;
import org.flashsplat.studio.views.ViewsPanel;

/** The main window: menus and toolbar from the actions, the panels, the status bar. */
public final class StudioWindow {
    private final StudioViewModel vm;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    // In the window, not a popup: a second window would take the pointer and the focus.
    private final org.controlsfx.control.NotificationPane notices =
            new org.controlsfx.control.NotificationPane();
    private final javafx.animation.PauseTransition noticeTimer =
            new javafx.animation.PauseTransition();
    private final ViewsPanel views;
    private final PreviewPane preview;
    private final SegmentsPane segments;
    private final OverlapPane overlap;
    private final TitledPane overlapBox;
    private final StudioActions actions;
    private AssociationWindow association;

    public StudioWindow(StudioViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        views =
                new ViewsPanel(
                        vm,
                        (canvas, stack) ->
                                org.flashsplat.studio.sam.SamTool.install(vm, canvas, stack));
        preview = new PreviewPane(vm);
        segments = new SegmentsPane(vm);
        overlap = new OverlapPane(vm.segments(), vm.objectSelection());
        overlapBox = new TitledPane("Overlap statistics", overlap);
        overlapBox.setId("overlap-pane");
        overlapBox.setExpanded(true);
        overlapBox.setCollapsible(false);
        overlapBox.setMaxHeight(Double.MAX_VALUE); // a TitledPane's max is its pref by default
        actions =
                new StudioActions(
                        vm,
                        stage,
                        views.canvas(),
                        () -> HelpDialog.show(stage, actions()),
                        () -> {
                            overlapBox.setExpanded(true);
                            overlap.requestFocus();
                        },
                        () ->
                                stage.fireEvent(
                                        new javafx.stage.WindowEvent(
                                                stage,
                                                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));

        vm.association().showRequestsProperty().addListener(o -> associationWindow().show());
        root.setTop(new VBox(menuBar(), toolBar()));
        // Views get the most room (drawing needs it); the preview column holds the overlap map
        // below it, and the object table runs the full height on the right.
        SplitPane previewColumn = new SplitPane(preview, overlapBox);
        previewColumn.setOrientation(Orientation.VERTICAL);
        previewColumn.setDividerPositions(0.52);
        SplitPane main = new SplitPane(views, previewColumn, segments);
        main.setDividerPositions(0.47, 0.73);
        SplitPane.setResizableWithParent(segments, false);
        notices.setShowFromTop(false);
        notices.setContent(main);
        root.setCenter(notices);
        root.setBottom(statusBar());

        Scene scene = new Scene(root, 1600, 1000);
        var css = StudioWindow.class.getResource("/org/flashsplat/resources/studio.css");
        if (css != null) scene.getStylesheets().add(css.toExternalForm());
        // Redo has two shortcuts; a menu item carries one, the scene the other.
        scene.getAccelerators().put(actions.get("redo-y").key(), actions.get("redo-y")::fire);
        enableDrop(scene);
        stage.setScene(scene);
        vm.session().setPrompts(actions.projects());
        vm.noticeProperty().addListener((o, was, n) -> notify(n));
        stage.setOnCloseRequest(
                e -> {
                    // Asked before the project question: its Discard closes the project, and its
                    // edits are then no plain-input edits to ask about a second time.
                    boolean plain = vm.session().project() == null;
                    if (!actions.projects().confirmClose(stage::close)
                            || (plain && !confirmClose())) e.consume();
                });
        for (String size : List.of("48", "256")) {
            var icon =
                    StudioWindow.class.getResource(
                            "/org/flashsplat/resources/icons/flashsplat-" + size + ".png");
            if (icon != null)
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
        }
        stage.titleProperty().bind(vm.session().titleBinding()); // "name* (read-only) — …"
    }

    /** Asks before closing when views of plain inputs have mask edits that were never saved. */
    private boolean confirmClose() {
        long n = vm.session().project() == null ? vm.unsavedViews() : 0;
        if (n == 0) return true;
        var yes = javafx.scene.control.ButtonType.YES;
        var a =
                new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.CONFIRMATION,
                        n
                                + " view(s) have mask edits that are not saved. Quit anyway?"
                                + " (File > Save masks… writes them.)",
                        yes,
                        javafx.scene.control.ButtonType.NO);
        a.initOwner(stage);
        a.setTitle("Unsaved mask edits");
        a.setHeaderText("Unsaved mask edits");
        return a.showAndWait().orElse(javafx.scene.control.ButtonType.NO) == yes;
    }

    /** The association view's window, made on first use. */
    AssociationWindow associationWindow() {
        if (association == null)
            // Its fixes mark the project unsaved, so its keys save the project too.
            association =
                    new AssociationWindow(
                            vm.association(),
                            stage,
                            List.of(
                                    actions.get("save-project"),
                                    actions.get("save-project-as"),
                                    actions.get("quit")));
        return association;
    }

    public StudioActions actions() {
        return actions;
    }

    public ViewsPanel views() {
        return views;
    }

    public SegmentsPane segments() {
        return segments;
    }

    public TitledPane overlapBox() {
        return overlapBox;
    }

    private MenuBar menuBar() {
        MenuBar bar = new MenuBar();
        for (String g :
                List.of("File", "Edit", "Tools", "View", "Preview", "Segment", "Export", "Help")) {
            Menu m = new Menu(g);
            m.setId("menu-" + g.toLowerCase(java.util.Locale.ROOT));
            for (StudioAction a : actions.group(g)) {
                if (a.id().equals("redo-y")) continue; // the scene accelerator covers it
                if (a.id().equals("quit")
                        || a.id().equals("open-project")
                        || a.id().equals("new-project")
                        || a.id().equals("import-mask")
                        || a.id().equals("export-all")
                        || a.id().equals("overlap")
                        || a.id().equals("accumulate")) m.getItems().add(new SeparatorMenuItem());
                m.getItems().add(a.menuItem());
                if (a.id().equals("open-sample")) m.getItems().add(recentMenu());
            }
            bar.getMenus().add(m);
        }
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private Menu recentMenu() {
        Menu recent = new Menu("Open recent");
        Runnable fill =
                () -> {
                    recent.getItems().clear();
                    if (vm.recent() == null) return;
                    for (List<Path> ps : vm.recent().items()) {
                        MenuItem i =
                                new MenuItem(
                                        String.join(
                                                " + ", ps.stream().map(Path::toString).toList()));
                        i.setMnemonicParsing(false); // "point_cloud.ply" keeps its underscore
                        i.setOnAction(e -> vm.open(ps));
                        recent.getItems().add(i);
                    }
                    recent.setDisable(recent.getItems().isEmpty());
                };
        if (vm.recent() != null)
            vm.recent().items().addListener((javafx.beans.InvalidationListener) o -> fill.run());
        fill.run();
        return recent;
    }

    private ToolBar toolBar() {
        Button open = actions.get("open").button("Open");
        Button sample = actions.get("open-sample").button("Sample");
        Button importAll = actions.get("import-masks").button("Import masks");
        Button save = actions.get("save-project").button("Save");
        Button undo = actions.get("undo").button("Undo");
        Button redo = actions.get("redo").button("Redo");
        Button newLabel = actions.get("new-label").button("New label");
        Button acc = actions.get("accumulate").button("Run accumulate");
        acc.getStyleClass().add("accent");
        Button exp = actions.get("export-selected").button("Export selected");
        Button help = actions.get("help").button("?");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(
                open,
                sample,
                importAll,
                save,
                new Separator(Orientation.VERTICAL),
                undo,
                redo,
                newLabel,
                new Separator(Orientation.VERTICAL),
                acc,
                exp,
                spacer,
                help);
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.setId("status-bar");
        bar.textProperty().bind(vm.statusProperty());
        Label job = new Label();
        job.setId("job-text");
        Button cancel = actions.get("cancel").button("Cancel");
        cancel.visibleProperty().bind(vm.jobs().runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        vm.jobs()
                .progressProperty()
                .addListener(
                        (o, a, p) -> {
                            bindProgress(bar, job, p);
                        });
        bar.progressProperty().set(0);
        vm.jobs()
                .runningProperty()
                .addListener(
                        (o, a, r) -> {
                            if (!r) {
                                bar.progressProperty().unbind();
                                bar.setProgress(0);
                            }
                        });
        Label backend = new Label();
        backend.setId("backend-label");
        backend.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.backendTextProperty().get().isEmpty()
                                                ? "Backend: " + vm.backendChoice()
                                                : "Backend: " + vm.backendTextProperty().get(),
                                vm.backendTextProperty()));
        Label previewInfo = new Label();
        previewInfo
                .textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> {
                                    double ms = vm.preview().fullFrameMillisProperty().get();
                                    return Double.isNaN(ms)
                                            ? ""
                                            : String.format("Preview %.0f ms/frame", ms);
                                },
                                vm.preview().fullFrameMillisProperty()));
        Label gpuMemory = new Label();
        gpuMemory.setId("gpu-memory-label");
        gpuMemory.textProperty().bind(vm.gpuMemoryProperty());
        gpuMemory.visibleProperty().bind(vm.gpuMemoryProperty().isNotEmpty());
        gpuMemory.managedProperty().bind(gpuMemory.visibleProperty());
        bar.getRightItems()
                .addAll(
                        job,
                        cancel,
                        new Separator(Orientation.VERTICAL),
                        previewInfo,
                        new Separator(Orientation.VERTICAL),
                        backend,
                        gpuMemory);
        return bar;
    }

    private void bindProgress(StatusBar bar, Label job, FxProgress p) {
        bar.progressProperty().unbind();
        job.textProperty().unbind();
        if (p == null) return;
        bar.progressProperty().bind(p.fractionProperty());
        job.textProperty()
                .bind(
                        Bindings.when(vm.jobs().runningProperty())
                                .then(p.textProperty())
                                .otherwise(""));
    }

    /** Dropping folders opens them; a masks folder dropped on an open scene imports its masks. */
    private void enableDrop(Scene scene) {
        scene.setOnDragOver(
                e -> {
                    if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
                    e.consume();
                });
        scene.setOnDragDropped(
                e -> {
                    List<File> files = e.getDragboard().getFiles();
                    boolean ok = files != null && !files.isEmpty();
                    if (ok) {
                        vm.open(files.stream().map(File::toPath).toList());
                    }
                    e.setDropCompleted(ok);
                    e.consume();
                });
    }

    /**
     * Errors and finished jobs in a bar across the bottom of the window: hard to miss, unlike the
     * status bar, and never in the way (it goes by itself).
     */
    private void notify(StudioViewModel.Notice n) {
        if (n == null) return;
        notices.getStyleClass().removeAll("notice-error", "notice-done");
        notices.getStyleClass().add(n.error() ? "notice-error" : "notice-done");
        notices.show((n.error() ? "Problem: " : "Done: ") + n.text());
        // Errors stay longer; each goes away by itself, or with the bar's close button.
        noticeTimer.setDuration(javafx.util.Duration.seconds(n.error() ? 12 : 5));
        noticeTimer.setOnFinished(e -> notices.hide());
        noticeTimer.playFromStart();
    }

    public Stage stage() {
        return stage;
    }
}
