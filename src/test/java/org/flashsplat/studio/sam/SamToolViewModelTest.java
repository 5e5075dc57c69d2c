package org.flashsplat.studio.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleObjectProperty;
import org.flashsplat.camera.Camera;
import org.flashsplat.sam.SamPrompt;
import org.flashsplat.sam.StandInSam;
import org.flashsplat.studio.model.ViewItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SAM tool's view model with the stand-in model, without the toolkit. */
class SamToolViewModelTest {
    @TempDir static Path tmp;
    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = StandInSam.write(tmp.resolve("model"));
    }

    /** Work posted by the view model, run when the test says (a UI thread or a worker). */
    static final class Queue implements Executor {
        final ArrayDeque<Runnable> posted = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            posted.add(r);
        }

        void drain(Queue other) {
            while (!posted.isEmpty() || !other.posted.isEmpty()) {
                while (!posted.isEmpty()) posted.poll().run();
                while (!other.posted.isEmpty()) other.posted.poll().run();
            }
        }
    }

    static final class Memory implements SamToolViewModel.ModelMemory {
        Path folder;

        @Override
        public Path recall() {
            return folder;
        }

        @Override
        public void remember(Path f) {
            folder = f;
        }
    }

    static ViewItem view(int index, int w, int h) {
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        Camera c = Camera.centred(index, "view" + index, w, h, w, w, identity, new double[3]);
        ViewItem v = new ViewItem(index, c, null, null);
        v.pictureProperty().set(StandInSam.rampImage(w, h));
        return v;
    }

    final Queue ui = new Queue(), worker = new Queue();
    final Memory memory = new Memory();

    SamToolViewModel vm(Path cache) {
        return new SamToolViewModel(ui, worker, cache, memory);
    }

    @Test
    void withoutAModelItSaysWhereToGetOne() {
        SamToolViewModel vm = vm(tmp.resolve("cache0"));
        vm.follow(new SimpleObjectProperty<>(view(0, 64, 48)));
        vm.addPoint(10, 10, true);
        ui.drain(worker);
        assertThat(vm.statusProperty().get()).contains("encoder.onnx").contains("samexporter");
        assertThat(vm.commit(1)).isFalse();
    }

    @Test
    void clicksGiveTheStandInMaskAndEnterIsOneUndoStep() throws Exception {
        Path cache = tmp.resolve("cache1");
        SamToolViewModel vm = vm(cache);
        int w = 320, h = 200;
        ViewItem v = view(0, w, h);
        vm.follow(new SimpleObjectProperty<>(v));
        vm.chooseModel(model);
        ui.drain(worker);
        assertThat(vm.embeddedProperty().get()).isTrue();
        assertThat(memory.folder).isEqualTo(model);
        try (var files = Files.list(cache)) {
            assertThat(files.count()).as("embedding cached on disk").isEqualTo(1);
        }
        vm.addPoint(0.8 * w, 0.6 * h, true);
        vm.addPoint(0.9 * w, 0.85 * h, false);
        ui.drain(worker);
        SamPrompt prompt =
                SamPrompt.of(
                        List.of(
                                new SamPrompt.Point(0.8f * w, 0.6f * h, true),
                                new SamPrompt.Point(0.9f * w, 0.85f * h, false)),
                        null);
        boolean[] expected = StandInSam.expectedMask(w, h, prompt);
        assertThat(StandInSam.iou(expected, vm.proposalProperty().get().mask()))
                .isGreaterThan(0.97);

        assertThat(vm.commit(3)).isTrue();
        int[] labels = v.mask().labels();
        int written = 0;
        for (int p = 0; p < labels.length; p++) if (labels[p] == 3) written++;
        assertThat(written).isPositive();
        assertThat(v.mask().history().undoSize()).isEqualTo(1);
        assertThat(vm.points()).isEmpty();
        assertThat(vm.proposalProperty().get()).isNull();
        v.mask().undo();
        for (int l : v.mask().labels()) assertThat(l).isZero();
    }

    @Test
    void aResultForAViewLeftBehindIsDropped() {
        SamToolViewModel vm = vm(tmp.resolve("cache2"));
        vm.chooseModel(model);
        ui.drain(worker);
        SimpleObjectProperty<ViewItem> current = new SimpleObjectProperty<>(view(0, 120, 90));
        vm.follow(current);
        worker.posted.poll().run(); // view 0 embedded; its result waits on the UI queue
        current.set(view(1, 90, 120));
        ui.drain(worker);
        assertThat(vm.embeddedProperty().get()).isTrue();
        vm.addPoint(80, 100, true);
        ui.drain(worker);
        assertThat(vm.proposalProperty().get().width()).isEqualTo(90);
    }

    @Test
    void aBrokenModelFolderIsOneLine() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("encoder.onnx"), "x");
        Files.writeString(broken.resolve("decoder.onnx"), "x");
        SamToolViewModel vm = vm(tmp.resolve("cache3"));
        vm.chooseModel(broken);
        ui.drain(worker);
        assertThat(vm.statusProperty().get()).startsWith(broken.toString()).doesNotContain("\n");
        assertThat(vm.modelProperty().get()).isNull();
        assertThat(memory.folder).isNull();
    }
}
