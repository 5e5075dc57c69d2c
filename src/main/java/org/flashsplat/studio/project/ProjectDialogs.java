package org.flashsplat.studio.project;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.flashsplat.studio.StudioViewModel;

/**
 * The dialogs of projects: folder choosers for new / open / save as / export all, the questions
 * asked while opening (locked, autosave found) and the one before closing or opening something else
 * with unsaved changes. The work itself is in {@link ProjectSession} and {@link ProjectExport}.
 */
public final class ProjectDialogs implements ProjectPrompts {
    private final StudioViewModel vm;
    private final Window owner;
    private Function<String, Path> folders = this::chooseFolder;
    private Function<String, Path> cameraPaths = this::chooseCameras;

    public ProjectDialogs(StudioViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
    }

    /** Replaces the folder chooser (title to folder, null = cancelled): headless tests. */
    public void setFolderChooser(Function<String, Path> chooser) {
        folders = chooser;
    }

    /** New project: first Save / Discard / Cancel for the open one's unsaved changes. */
    /** Replaces the camera path chooser (title to cameras.json, null = none): headless tests. */
    public void setCameraPathChooser(Function<String, Path> chooser) {
        cameraPaths = chooser;
    }

    public void newProject() {
        if (vm.session().project() == null) {
            // Plain inputs become the new project, edits included: nothing to ask about.
            Path d = folders.apply("New project: a folder for project.json (the inputs stay put)");
            if (d != null) vm.session().saveAs(d, null);
            return;
        }
        vm.session()
                .whenSettled(
                        () -> {
                            Path d =
                                    folders.apply(
                                            "New project: a folder for project.json (the inputs"
                                                    + " stay put)");
                            if (d != null) vm.session().saveAs(d, null);
                        });
    }

    public void openProject() {
        Path d = folders.apply("Open project: a folder with project.json");
        if (d == null) return;
        if (ProjectSession.isProject(d)) vm.session().open(d);
        else vm.statusProperty().set(d + ": not a FlashSplat project (no project.json)");
    }

    public void openPly() {
        FileChooser c = new FileChooser();
        c.setTitle("Open a scene PLY (e.g. an exported object)");
        c.getExtensionFilters()
                .add(
                        new FileChooser.ExtensionFilter(
                                "Gaussian scenes", "*.ply", "*.spz", "*.sog", "*.splat"));
        var f = c.showOpenDialog(owner);
        if (f != null) vm.open(List.of(f.toPath()));
    }

    /** Save: into the open project, or as a new one when the studio shows plain inputs. */
    public void save() {
        if (vm.session().project() == null) newProject();
        else vm.session().save(null);
    }

    public void saveAs() {
        Path d = folders.apply("Save project as: a new folder for project.json");
        if (d != null) vm.session().saveAs(d, null);
    }

    public void exportAll() {
        if (vm.session().project() == null) {
            vm.statusProperty().set("Export all works on a project: use File > New project… first");
            return;
        }
        Path d = folders.apply("Export all into a folder");
        if (d == null) return;
        // Second step: instance-ID masks for the cameras of a path too (Cancel: none).
        Path path =
                cameraPaths.apply(
                        "Optional: a camera path (cameras.json) to render masks for; Cancel for"
                                + " none");
        ProjectExport.exportAll(vm, d, path);
    }

    /**
     * Before the window closes: true to close now. With unsaved project changes, asks Save /
     * Discard / Cancel; Save closes through {@code closeLater} once the save has finished.
     */
    public boolean confirmClose(Runnable closeLater) {
        boolean[] inline = {true}, now = {false};
        vm.session()
                .whenSettled(
                        () -> {
                            if (inline[0]) now[0] = true; // nothing to save, or discarded
                            else closeLater.run(); // saved
                        });
        inline[0] = false;
        return now[0];
    }

    @Override
    public Unsaved unsavedChanges(Path folder, boolean readOnly) {
        ButtonType save =
                new ButtonType(
                        readOnly || folder == null ? "Save as…" : "Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a =
                alert(
                        "Unsaved changes",
                        "Unsaved changes",
                        folder == null
                                ? "Your changes are in no project yet; save them as a project?"
                                : readOnly
                                        ? "The project is open read-only; your changes are in no"
                                                + " file yet."
                                        : "Save the changes to " + folder + "?",
                        save,
                        discard,
                        ButtonType.CANCEL);
        ButtonType answer = a.showAndWait().orElse(ButtonType.CANCEL);
        return answer == save ? Unsaved.SAVE : answer == discard ? Unsaved.DISCARD : Unsaved.CANCEL;
    }

    @Override
    public Path saveAsFolder() {
        return folders.apply("Save project as: a new folder for project.json");
    }

    @Override
    public boolean openReadOnly(Path folder, String message) {
        ButtonType ro = new ButtonType("Open read-only", ButtonBar.ButtonData.YES);
        Alert a =
                alert(
                        "Project in use",
                        "Project in use",
                        message
                                + ".\n\nClose it there, or open it read-only here: you can look"
                                + " and export, but not save.",
                        ro,
                        ButtonType.CANCEL);
        return a.showAndWait().orElse(ButtonType.CANCEL) == ro;
    }

    @Override
    public boolean recover(Path folder, FileTime savedAt) {
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a =
                alert(
                        "Recover autosave",
                        "Unsaved work found",
                        folder.getFileName()
                                + " has changes autosaved at "
                                + TIME.format(savedAt.toInstant())
                                + " that were never saved. Recover them?",
                        recover,
                        discard);
        // Closing the dialog keeps the work: only an explicit Discard drops it.
        return a.showAndWait().orElse(recover) != discard;
    }

    private Alert alert(String title, String header, String text, ButtonType... buttons) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, buttons);
        a.initOwner(owner);
        a.setTitle(title); // not the stock "Confirmation"
        a.setHeaderText(header);
        return a;
    }

    private Path chooseCameras(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("Cameras (cameras.json)", "*.json"));
        var f = c.showOpenDialog(owner);
        return f == null ? null : f.toPath();
    }

    private Path chooseFolder(String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        var f = c.showDialog(owner);
        return f == null ? null : f.toPath();
    }
}
