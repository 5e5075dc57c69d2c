package org.flashsplat.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.flashsplat.raster.Renderers;

/**
 * Opens the real window on the sample, segments it and writes the window to a PNG (used by
 * docs/make-screenshot.sh under Xvfb). Args: output path, optional scene folder.
 */
public final class ScreenshotScenario extends Application {
    private StudioViewModel vm;

    /** Entry point; not on the Application subclass, which would need JavaFX as modules. */
    public static final class Main {
        public static void main(String[] args) {
            Application.launch(ScreenshotScenario.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        Path out = Path.of(args.isEmpty() ? "docs/screenshot.png" : args.getFirst());
        vm = new StudioViewModel(Platform::runLater, Renderers.Backend.AUTO, null);
        StudioWindow w = new StudioWindow(vm, stage);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        vm.statusProperty().addListener((o, a, b) -> System.out.println("status: " + b));
        if (args.size() > 1 && !args.get(1).startsWith("--"))
            vm.open(List.of(Path.of(args.get(1))));
        else vm.openSample();
        vm.projectProperty()
                .addListener(
                        (o, a, p) -> {
                            vm.jobs().accumulate();
                            if (args.contains("--progress-shot")) {
                                // The window while accumulate runs: progress, time left, Cancel.
                                PauseTransition t = new PauseTransition(Duration.millis(1500));
                                t.setOnFinished(
                                        e ->
                                                snap(
                                                        stage,
                                                        out.resolveSibling(
                                                                "progress-" + out.getFileName())));
                                t.play();
                            }
                        });
        vm.segments()
                .segmentationProperty()
                .addListener(
                        (o, a, s) -> {
                            if (a != null || s == null) return;
                            // A slightly negative gamma keeps more foreground, so the overlap map
                            // has something to show; the preview orbits off the training camera.
                            vm.segments().gammaProperty().set(-0.3);
                            vm.select(4);
                            w.segments().table().getSelectionModel().select(1);
                            vm.preview().orbitBy(0.5, 0.25, false);
                            PauseTransition wait = new PauseTransition(Duration.seconds(4));
                            wait.setOnFinished(e -> save(stage, w, out));
                            wait.play();
                        });
    }

    private static void snap(Stage stage, Path file) {
        try {
            var img = stage.getScene().snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
            System.out.println("wrote " + file);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private void save(Stage stage, StudioWindow w, Path out) {
        try {
            var img = stage.getScene().snapshot(null);
            Files.createDirectories(out.toAbsolutePath().getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.toFile());
            System.out.println("wrote " + out);
            if (getParameters().getRaw().contains("--help-shot")) {
                w.actions().get("help").fire();
                for (var win : javafx.stage.Window.getWindows()) {
                    if (win instanceof Stage s && "Keyboard shortcuts".equals(s.getTitle())) {
                        var h = s.getScene().snapshot(null);
                        Path hp = out.resolveSibling("help-" + out.getFileName());
                        ImageIO.write(SwingFXUtils.fromFXImage(h, null), "png", hp.toFile());
                        System.out.println("wrote " + hp);
                    }
                }
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
        vm.close();
        Platform.exit();
    }
}
