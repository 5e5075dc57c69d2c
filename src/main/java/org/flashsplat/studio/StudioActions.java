package org.flashsplat.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.flashsplat.studio.editing.MaskCanvas;
import org.flashsplat.studio.editing.Tool;
import org.flashsplat.studio.preview.PreviewStyle;
import org.flashsplat.studio.project.ProjectDialogs;

/** Every user action of the studio, declared once; menus, toolbar and F1 help read this list. */
public final class StudioActions {
    private final Map<String, StudioAction> byId = new LinkedHashMap<>();
    private final StudioViewModel vm;
    private final Window window;
    private final ProjectDialogs projects;

    StudioActions(
            StudioViewModel vm,
            Window window,
            MaskCanvas canvas,
            Runnable showHelp,
            Runnable showOverlap,
            Runnable quit) {
        this.vm = vm;
        this.window = window;
        this.projects = new ProjectDialogs(vm, window);
        BooleanBinding idle = vm.jobs().runningProperty().not();
        BooleanBinding open = vm.projectProperty().isNotNull();
        BooleanBinding segmented = vm.segments().segmentationProperty().isNotNull();
        BooleanBinding openIdle = open.and(idle);
        // A scene PLY opened on its own has no views: nothing to draw on, import or accumulate.
        BooleanBinding views = open.and(Bindings.isNotEmpty(vm.views()));
        BooleanBinding viewsIdle = views.and(idle);
        BooleanBinding exportable =
                segmented.and(idle).and(Bindings.isNotEmpty(vm.preview().selected()));

        add("open", "File", "Open folder…", "Shortcut+O", idle, this::openFolder);
        add("open-sample", "File", "Open sample", "Shortcut+Shift+O", idle, vm::openSample);
        add("open-project", "File", "Open project…", "Shortcut+Alt+O", idle, projects::openProject);
        add("open-ply", "File", "Open scene PLY…", null, idle, projects::openPly);
        add(
                "new-project",
                "File",
                "New project…",
                "Shortcut+Shift+N",
                openIdle,
                projects::newProject);
        add(
                "save-project",
                "File",
                "Save project",
                "Shortcut+S",
                openIdle.and(vm.session().readOnlyProperty().not()),
                projects::save);
        add(
                "save-project-as",
                "File",
                "Save project as…",
                "Shortcut+Alt+S",
                openIdle,
                projects::saveAs);
        add(
                "import-mask",
                "File",
                "Import mask for this view…",
                "Shortcut+I",
                viewsIdle,
                () -> importMasks(false));
        add(
                "import-masks",
                "File",
                "Import masks for all views…",
                "Shortcut+Shift+I",
                viewsIdle,
                () -> importMasks(true));
        add(
                "import-sam",
                "File",
                "Import SAM masks and associate…",
                "Shortcut+Alt+I",
                viewsIdle,
                this::importSam);
        add("save-masks", "File", "Save masks…", "Shortcut+Alt+M", viewsIdle, this::saveMasks);
        add("quit", "File", "Quit", "Shortcut+Q", null, quit);

        add(
                "undo",
                "Edit",
                "Undo",
                "Shortcut+Z",
                vm.editing().canUndoProperty(),
                vm.editing()::undo);
        add(
                "redo",
                "Edit",
                "Redo",
                "Shortcut+Shift+Z",
                vm.editing().canRedoProperty(),
                vm.editing()::redo);
        add(
                "redo-y",
                "Edit",
                "Redo (alternative)",
                "Shortcut+Y",
                vm.editing().canRedoProperty(),
                vm.editing()::redo);
        add("new-label", "Edit", "New label", "Shortcut+N", views, vm.editing()::newLabel);
        add(
                "brush-smaller",
                "Edit",
                "Smaller brush",
                "OPEN_BRACKET",
                null,
                () -> vm.editing().growBrush(-1));
        add(
                "brush-larger",
                "Edit",
                "Larger brush",
                "CLOSE_BRACKET",
                null,
                () -> vm.editing().growBrush(1));
        add("close-polygon", "Edit", "Fill polygon", "ENTER", null, canvas::closePolygon);
        add("cancel-polygon", "Edit", "Cancel polygon", "BACK_SPACE", null, canvas::cancelPolygon);
        for (Tool t : Tool.values())
            add(
                    "tool-" + t.name().toLowerCase(java.util.Locale.ROOT),
                    "Tools",
                    t.text,
                    t.key,
                    views,
                    () -> vm.editing().toolProperty().set(t));

        add("prev-view", "View", "Previous view", "PAGE_UP", views, () -> vm.selectNext(-1));
        add("next-view", "View", "Next view", "PAGE_DOWN", views, () -> vm.selectNext(1));
        add("fit", "View", "Fit view", "Shortcut+0", open, canvas::fit);
        add(
                "toggle-novel",
                "View",
                "Show 3D mask / input mask",
                "M",
                open,
                () -> vm.showNovelProperty().set(!vm.showNovelProperty().get()));
        add(
                "sort-worst",
                "View",
                "Sort views: worst first / file order",
                "W",
                open,
                () ->
                        vm.ranking()
                                .worstFirstProperty()
                                .set(!vm.ranking().worstFirstProperty().get()));
        add(
                "association",
                "View",
                "Association view",
                "Shortcut+Alt+A",
                vm.association().tableProperty().isNotNull(),
                vm.association()::requestShow);
        add("overlap", "View", "Overlap statistics", "Shortcut+Shift+S", null, showOverlap);
        add("mode-all", "Preview", "Preview: all", "1", open, () -> vm.preview().showAll());
        add(
                "clear-highlight",
                "Preview",
                "Clear overlap highlight",
                "Shortcut+Shift+H",
                vm.preview().highlightAProperty().greaterThan(0),
                vm.preview()::clearHighlight);
        add("reset-view", "Preview", "Reset view", "Home", open, vm.preview()::resetView);
        add(
                "mode-selected",
                "Preview",
                "Preview: selected objects only",
                "2",
                open,
                () -> vm.preview().modeProperty().set(PreviewStyle.Mode.SELECTED));
        add(
                "mode-without",
                "Preview",
                "Preview: scene without selected",
                "3",
                open,
                () -> vm.preview().modeProperty().set(PreviewStyle.Mode.WITHOUT));
        add(
                "tint",
                "Preview",
                "Tint objects",
                "T",
                open,
                () -> vm.preview().tintProperty().set(!vm.preview().tintProperty().get()));
        add(
                "jump",
                "Preview",
                "Jump to this view's camera",
                "J",
                open,
                () -> {
                    var v = vm.currentProperty().get();
                    if (v != null) vm.preview().jumpTo(v.camera());
                });

        add(
                "accumulate",
                "Segment",
                "Run accumulate",
                "Shortcut+R",
                viewsIdle,
                vm.jobs()::accumulate);
        add(
                "replace-mask",
                "Segment",
                "Replace this view's mask with the 3D result",
                "Shortcut+Shift+R",
                segmented.and(idle),
                () -> vm.jobs().replaceWithRendered(false));
        add(
                "replace-masks",
                "Segment",
                "Replace all masks with the 3D result",
                "Shortcut+Alt+R",
                segmented.and(idle),
                () -> vm.jobs().replaceWithRendered(true));
        add(
                "propagate",
                "Segment",
                "Propagate this object to every view (SAM)",
                "Shortcut+P",
                segmented.and(idle),
                vm.propagation()::start);
        add(
                "cancel",
                "Segment",
                "Cancel running task",
                "ESCAPE",
                vm.jobs().runningProperty().or(vm.ranking().computingProperty()),
                () -> {
                    if (vm.jobs().runningProperty().get()) vm.jobs().cancel();
                    else vm.ranking().cancel(); // scoring the views
                });

        add(
                "export-selected",
                "Export",
                "Selected objects as PLY…",
                "Shortcut+E",
                exportable,
                () -> exportPly(false));
        add(
                "export-without",
                "Export",
                "Scene without selected objects as PLY…",
                "Shortcut+Shift+E",
                exportable,
                () -> exportPly(true));
        add(
                "export-masks",
                "Export",
                "Novel-view masks for all cameras…",
                "Shortcut+Alt+E",
                segmented.and(idle),
                this::exportMasks);
        add(
                "export-all",
                "Export",
                "Export all (project)…",
                null,
                vm.session().folderProperty().isNotNull().and(idle),
                projects::exportAll);

        add("help", "Help", "Keyboard shortcuts", "F1", null, showHelp);
    }

    private void add(
            String id,
            String group,
            String text,
            String key,
            javafx.beans.value.ObservableBooleanValue enabled,
            Runnable r) {
        StudioAction a = new StudioAction(id, group, text, key, enabled, r);
        a.typingCheck(window);
        byId.put(id, a);
    }

    /** File dialogs start beside the scene or project, not in the working folder. */
    static void startIn(Object chooser, java.nio.file.Path folder) {
        if (folder == null || !java.nio.file.Files.isDirectory(folder)) return;
        if (chooser instanceof FileChooser f) f.setInitialDirectory(folder.toFile());
        else if (chooser instanceof DirectoryChooser d) d.setInitialDirectory(folder.toFile());
    }

    public ProjectDialogs projects() {
        return projects;
    }

    public StudioAction get(String id) {
        return byId.get(id);
    }

    public List<StudioAction> all() {
        return new ArrayList<>(byId.values());
    }

    public List<StudioAction> group(String g) {
        return byId.values().stream().filter(a -> a.group().equals(g)).toList();
    }

    private void openFolder() {
        DirectoryChooser c = new DirectoryChooser();
        startIn(c, vm.dialogFolder());
        c.setTitle("Open a 3DGS model folder or COLMAP dataset");
        var f = c.showDialog(window);
        if (f != null) vm.open(List.of(f.toPath()));
    }

    private void importMasks(boolean all) {
        DirectoryChooser c = new DirectoryChooser();
        startIn(c, vm.dialogFolder());
        c.setTitle(
                all
                        ? "Masks folder for all views"
                        : "Masks folder (the file matching this view is used)");
        var f = c.showDialog(window);
        if (f != null) vm.jobs().importMasks(f.toPath(), all);
    }

    private void importSam() {
        DirectoryChooser c = new DirectoryChooser();
        startIn(c, vm.dialogFolder());
        c.setTitle("Per-view masks to associate (SAM JSON or local-ID PNGs)");
        var f = c.showDialog(window);
        if (f != null) vm.association().importAndAssociate(f.toPath());
    }

    private void exportPly(boolean without) {
        FileChooser c = new FileChooser();
        c.setTitle(without ? "Scene without selected objects" : "Selected objects");
        java.nio.file.Path suggested = vm.exportSuggestion(without);
        c.setInitialFileName(suggested.getFileName().toString());
        startIn(c, suggested.getParent());
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PLY", "*.ply"));
        var f = c.showSaveDialog(window);
        if (f != null) vm.jobs().exportPly(f.toPath(), without);
    }

    private void saveMasks() {
        DirectoryChooser c = new DirectoryChooser();
        startIn(c, vm.dialogFolder());
        c.setTitle("Folder for the masks of all views (instance-ID PNGs)");
        var f = c.showDialog(window);
        if (f != null) vm.jobs().exportMasks(f.toPath());
    }

    private void exportMasks() {
        DirectoryChooser c = new DirectoryChooser();
        startIn(c, vm.dialogFolder());
        c.setTitle("Folder for novel-view masks");
        var f = c.showDialog(window);
        if (f != null) vm.jobs().exportNovelMasks(f.toPath());
    }
}
