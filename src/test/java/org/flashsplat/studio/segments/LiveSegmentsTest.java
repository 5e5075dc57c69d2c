package org.flashsplat.studio.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.FreshAccumulate;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.StudioViewModel;
import org.flashsplat.studio.model.LabelEntry;
import org.flashsplat.studio.model.ViewItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mask edits after accumulate update the segments exactly and incrementally, without the JavaFX
 * toolkit: a queue stands in for the UI thread.
 */
class LiveSegmentsTest {
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);

    @AfterEach
    void close() {
        vm.close();
    }

    private void await(BooleanSupplier done) throws InterruptedException {
        ui.await(done, 60);
    }

    private int[] counts() {
        return vm.segments().objects().stream().mapToInt(e -> e.countProperty().get()).toArray();
    }

    @Test
    void strokeUpdatesSegmentsExactlyAndUndoRestoresThem() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.jobs().accumulate();
        await(() -> vm.segments().segmentationProperty().get() != null);
        ContributionTable c0 = vm.segments().contributionsProperty().get();
        long[] original = Dense.fixed(c0);
        int[] originalCounts = counts();
        var originalSeg = vm.segments().segmentationProperty().get();

        // Relabel a broad band across the middle of the first view to object 2.
        vm.select(0);
        ViewItem view = vm.currentProperty().get();
        int w = view.camera().width(), h = view.camera().height();
        vm.editing().drawLabelProperty().set(2);
        vm.editing().brushRadiusProperty().set(Math.max(4, h / 6.0));
        vm.editing().strokeBegin(w * 0.15, h * 0.5);
        vm.editing().strokeTo(w * 0.5, h * 0.45);
        vm.editing().strokeTo(w * 0.85, h * 0.55);
        long t0 = System.nanoTime();
        vm.editing().strokeEnd();
        await(() -> vm.segments().contributionsProperty().get() != c0);
        double latency = (System.nanoTime() - t0) / 1e6;
        System.out.printf(
                "live segments: stroke end to published segments %.1f ms (%d Gaussians, %dx%d"
                        + " view)%n",
                latency, vm.projectProperty().get().scene().count(), w, h);

        ContributionTable c1 = vm.segments().contributionsProperty().get();
        assertThat(Dense.fixed(c1)).isNotEqualTo(original);
        assertThat(Dense.fixed(c1)).isEqualTo(FreshAccumulate.of(vm, c1.labels()));
        assertThat(counts()).isNotEqualTo(originalCounts);
        assertThat(vm.segments().staleProperty().get()).isFalse();
        // The published segmentation is the one assigned from the updated contributions.
        int[] fromSeg = vm.segments().segmentationProperty().get().stats().objectCounts();
        for (LabelEntry e : vm.segments().objects())
            if (e.id() - 1 < fromSeg.length)
                assertThat(e.countProperty().get()).isEqualTo(fromSeg[e.id() - 1]);

        // Undo re-lifts the inverse edit: back to the accumulate's contributions exactly.
        vm.editing().undo();
        await(() -> vm.segments().contributionsProperty().get() != c1);
        ContributionTable c2 = vm.segments().contributionsProperty().get();
        assertThat(Dense.fixed(c2)).isEqualTo(original);
        assertThat(counts()).isEqualTo(originalCounts);
        assertThat(vm.segments().segmentationProperty().get().stats().objectCounts())
                .isEqualTo(originalSeg.stats().objectCounts());

        // Redo again matches a fresh accumulate; a burst of strokes coalesces and stays exact.
        vm.editing().redo();
        await(() -> vm.segments().contributionsProperty().get() != c2);
        for (int i = 0; i < 5; i++) {
            vm.editing().strokeBegin(w * (0.1 + 0.15 * i), h * 0.2);
            vm.editing().strokeTo(w * (0.2 + 0.15 * i), h * 0.8);
            vm.editing().strokeEnd();
        }
        long[] expected = FreshAccumulate.of(vm, c1.labels());
        await(
                () ->
                        java.util.Arrays.equals(
                                Dense.fixed(vm.segments().contributionsProperty().get()),
                                expected));
        assertThat(vm.segments().staleProperty().get()).isFalse();

        // Warm latency: from the end of a stroke (or an undo) to the published segments.
        double[] ms = new double[12];
        vm.editing().drawLabelProperty().set(1); // the band is object 2 now: each stroke changes it
        for (int i = 0; i < ms.length; i++) {
            ContributionTable was = vm.segments().contributionsProperty().get();
            long s0 = System.nanoTime();
            if (i % 2 == 0) {
                vm.editing().strokeBegin(w * 0.3, h * (0.3 + 0.03 * i));
                vm.editing().strokeTo(w * 0.7, h * (0.35 + 0.03 * i));
                s0 = System.nanoTime();
                vm.editing().strokeEnd();
            } else vm.editing().undo();
            await(() -> vm.segments().contributionsProperty().get() != was);
            ms[i] = (System.nanoTime() - s0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf(
                "live segments: warm median %.1f ms, max %.1f ms from stroke end to segments%n",
                ms[ms.length / 2], ms[ms.length - 1]);
    }

    @Test
    void drawingOnAViewThatHadNoMaskMarksTheSegmentsStale() throws Exception {
        vm.openSample();
        await(() -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get());
        vm.jobs().accumulate();
        await(() -> vm.segments().segmentationProperty().get() != null);
        ViewItem bare =
                vm.views().stream().filter(v -> !v.mask().hasMask()).findFirst().orElseThrow();
        vm.select(bare.index());
        ContributionTable c0 = vm.segments().contributionsProperty().get();
        vm.editing().drawLabelProperty().set(1);
        vm.editing().strokeBegin(20, 20);
        vm.editing().strokeTo(80, 60);
        vm.editing().strokeEnd();
        await(() -> vm.segments().staleProperty().get());
        // Later edits of other views are not applied either: only accumulate brings it back.
        vm.select(0);
        vm.editing().strokeBegin(20, 20);
        vm.editing().strokeTo(80, 60);
        vm.editing().strokeEnd();
        Thread.sleep(200);
        ui.drain();
        assertThat(vm.segments().contributionsProperty().get()).isSameAs(c0);
        vm.jobs().accumulate();
        await(() -> vm.segments().contributionsProperty().get() != c0);
        assertThat(vm.segments().staleProperty().get()).isFalse();
    }
}
