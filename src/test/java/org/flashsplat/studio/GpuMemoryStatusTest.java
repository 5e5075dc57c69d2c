package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.raster.DeviceMemory;
import org.flashsplat.raster.Renderers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status bar's GPU memory: shown from the backend's last sample, nothing without a GPU. */
class GpuMemoryStatusTest {
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void withoutAGpuNothingIsShown() throws Exception {
        vm.openSample();
        ui.await(
                () -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get(), 60);
        vm.refreshGpuMemory();
        assertThat(Renderers.deviceMemory()).isNull(); // the CPU backend opened no CUDA session
        assertThat(vm.gpuMemoryProperty().get()).isEmpty();
    }

    @Test
    void aJobsEndShowsTheLastSample() throws Exception {
        DeviceMemory[] sample = {null};
        vm.deviceMemory = () -> sample[0];
        sample[0] = new DeviceMemory(3L << 29, 80L << 30);
        vm.openSample(); // a job: its end refreshes the text
        ui.await(
                () -> vm.projectProperty().get() != null && !vm.jobs().runningProperty().get(), 60);
        ui.drain();
        assertThat(vm.gpuMemoryProperty().get()).isEqualTo("GPU 1.5 / 80.0 GiB");
        sample[0] = null; // the backend closed with its last session
        vm.refreshGpuMemory();
        assertThat(vm.gpuMemoryProperty().get()).isEmpty();
    }
}
