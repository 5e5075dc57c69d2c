package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.model.ViewItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Accumulate copies each mask while the user may be painting it (review finding 5): a stroke begun
 * before the copy and committed after the job's result is in must reach the live re-lift exactly
 * once. A queue stands in for the UI thread, so the order is the one a real UI thread would see.
 */
class AccumulateDuringStrokeTest {
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void strokeInProgressDuringAccumulateIsLiftedOnce() throws Exception {
        vm.openSample();
        ui.await(
                () -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get(), 60);
        vm.select(0);
        ViewItem view = vm.currentProperty().get();
        int w = view.camera().width(), h = view.camera().height();
        vm.editing().drawLabelProperty().set(2);
        vm.editing().brushRadiusProperty().set(Math.max(4, h / 6.0));
        // Paint, but do not lift the brush yet: the pixels are in the label array, uncommitted.
        vm.editing().strokeBegin(w * 0.15, h * 0.5);
        vm.editing().strokeTo(w * 0.85, h * 0.55);

        vm.jobs().accumulate();
        ui.await(() -> vm.segments().segmentationProperty().get() != null, 60);
        ContributionTable before = vm.segments().contributionsProperty().get();
        assertThat(vm.segments().staleProperty().get()).isFalse();

        vm.editing().strokeEnd(); // committed after the job's callback
        ui.await(() -> vm.segments().contributionsProperty().get() != before, 60);
        ContributionTable after = vm.segments().contributionsProperty().get();
        assertThat(Dense.fixed(after)).isNotEqualTo(Dense.fixed(before));
        assertThat(Dense.fixed(after)).isEqualTo(FreshAccumulate.of(vm, after.labels()));
    }
}
