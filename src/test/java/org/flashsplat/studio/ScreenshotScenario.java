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
                            if (args.contains("--propagate-shot")) {
                                propagate(stage, w, out);
                                return;
                            }
                            vm.segments().gammaProperty().set(-0.3);
                            vm.select(4);
                            w.segments().table().getSelectionModel().select(1);
                            vm.preview().orbitBy(0.5, 0.25, false);
                            PauseTransition wait = new PauseTransition(Duration.seconds(4));
                            wait.setOnFinished(e -> save(stage, w, out));
                            wait.play();
                        });
    }

    /**
     * "Propagate this object" with the stand-in SAM (no real model ships): the warmest object of a
     * view (the stand-in's "object" is where the picture is warm and bright) propagated to every
     * other view; the first proposal accepted, the second rejected, the rest waiting.
     */
    private void propagate(Stage stage, StudioWindow w, Path out) {
        try {
            Path model = Files.createTempDirectory("stand-in-sam");
            var sam =
                    ((org.flashsplat.studio.sam.SamTool) stage.getScene().lookup("#sam-bar"))
                            .viewModel();
            vm.select(4);
            vm.propagation()
                    .modelProperty()
                    .addListener(
                            (o, a, m) -> {
                                if (m == null) return;
                                vm.editing().drawLabelProperty().set(warmest(vm.views().get(4)));
                                vm.propagation().start();
                            });
            vm.propagation()
                    .runningProperty()
                    .addListener(
                            (o, was, now) -> {
                                var items = vm.propagation().items();
                                if (now || items.size() < 2) return;
                                vm.propagation().accept(items.get(0));
                                vm.propagation().reject(items.get(1));
                                // A waiting proposal picked in the strip: drawn over its view.
                                var strip =
                                        (javafx.scene.control.ListView<?>)
                                                stage.getScene().lookup("#propagate-strip");
                                strip.getSelectionModel().select(2);
                                vm.select(items.get(2).view().index());
                                PauseTransition t = new PauseTransition(Duration.seconds(3));
                                t.setOnFinished(e -> save(stage, w, out));
                                t.play();
                            });
            sam.chooseModel(org.flashsplat.sam.StandInSam.write(model));
        } catch (java.io.IOException e) {
            e.printStackTrace();
            Platform.exit();
        }
    }

    /** The label whose pixels in the view's picture are most often warm and bright. */
    private static int warmest(org.flashsplat.studio.model.ViewItem v) throws RuntimeException {
        int[] labels = v.mask().labels();
        int[] argb;
        try {
            argb =
                    org.flashsplat.studio.model.Pictures.load(
                            v.image(), v.camera().width(), v.camera().height());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int max = 0;
        for (int l : labels) max = Math.max(max, l);
        long[] warm = new long[max + 1], all = new long[max + 1];
        for (int p = 0; p < labels.length; p++) {
            int r = argb[p] >> 16 & 0xff, g = argb[p] >> 8 & 0xff;
            all[labels[p]]++;
            if (r > 215 && g > 150) warm[labels[p]]++;
        }
        int best = 1;
        for (int l = 1; l <= max; l++)
            if (all[l] > 0 && warm[l] * all[best] > warm[best] * all[l]) best = l;
        return best;
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
