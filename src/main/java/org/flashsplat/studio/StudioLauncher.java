package org.flashsplat.studio;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Starts the JavaFX studio. Placeholder window until the studio issue lands. */
public final class StudioLauncher {
    private StudioLauncher() {}

    public static void launch(String[] args) {
        Application.launch(StudioApp.class, args);
    }

    /** The JavaFX application. */
    public static final class StudioApp extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("FlashSplat Studio");
            stage.setScene(new Scene(new Label("FlashSplat Studio"), 640, 400));
            stage.show();
        }
    }
}
