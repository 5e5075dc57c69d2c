package org.flashsplat.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.project.RecentFiles;

/**
 * Starts the JavaFX studio on the given paths, or on the bundled sample when none are given. Not
 * itself an Application, so the CLI can call it without JavaFX on the module path.
 */
public final class StudioLauncher {
    private StudioLauncher() {}

    public static void launch(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    /** The JavaFX application. */
    public static final class StudioApp extends Application {
        private StudioViewModel vm;

        @Override
        public void start(Stage stage) {
            // "--backend=cpu|cuda|auto" may come first; everything else is a path to open.
            Renderers.Backend backend = Renderers.Backend.AUTO;
            List<Path> paths = new java.util.ArrayList<>();
            for (String a : getParameters().getRaw()) {
                if (a.startsWith("--backend=")) backend = Renderers.Backend.parse(a.substring(10));
                else paths.add(Path.of(a));
            }
            vm =
                    new StudioViewModel(
                            Platform::runLater,
                            backend,
                            new RecentFiles(Preferences.userNodeForPackage(StudioLauncher.class)));
            new StudioWindow(vm, stage);
            stage.show();
            if (paths.isEmpty()) vm.openSample();
            else vm.open(paths);
        }

        @Override
        public void stop() {
            if (vm != null) vm.close();
        }
    }
}
