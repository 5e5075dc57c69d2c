package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;
import org.flashsplat.raster.Renderer;
import org.flashsplat.raster.Renderers;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.junit.jupiter.api.Test;

/** Runs everywhere: what the backend says on a machine without a GPU, and the kernel resource. */
class CudaAvailabilityTest {
    /** True where the machine has an NVIDIA driver library (then these "no driver" checks skip). */
    static boolean hasDriver() {
        for (String dir :
                List.of(
                        "/usr/lib/x86_64-linux-gnu",
                        "/usr/lib64",
                        "/usr/lib",
                        "/usr/local/nvidia/lib64",
                        "/usr/lib/wsl/lib")) {
            if (Files.exists(Path.of(dir, "libcuda.so.1"))) return true;
        }
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String dir : ld.split(":")) {
                if (!dir.isEmpty() && Files.exists(Path.of(dir, "libcuda.so.1"))) return true;
            }
        }
        return false;
    }

    static boolean hasKernels() {
        return CudaProbe.class.getResource(CudaProbe.FATBIN) != null;
    }

    @Test
    void kernelsAreOnTheClasspathWhenBuiltWithNvcc() throws Exception {
        assumeTrue(
                Boolean.getBoolean("flashsplat.kernels.built"),
                "built without the cuda-kernels profile");
        try (InputStream in = CudaProbe.class.getResourceAsStream(CudaProbe.FATBIN)) {
            assertThat(in).isNotNull();
            byte[] b = in.readAllBytes();
            // fatbin magic 0xBA55ED50, little endian
            assertThat(b.length).isGreaterThan(1000);
            assertThat(new byte[] {b[0], b[1], b[2], b[3]}).containsExactly(0x50, 0xED, 0x55, 0xBA);
        }
        assertThat(CudaProbe.kernelToolkit()).matches("\\d+\\.\\d+");
        assertThat(CudaProbe.kernels()).endsWith(0);
    }

    @Test
    void withoutKernelsTheReasonSaysSo() {
        assumeFalse(hasKernels(), "this build has kernels");
        assertThatThrownBy(CudaRenderer::open)
                .isInstanceOf(CudaUnavailableException.class)
                .hasMessage("this build has no CUDA kernels (built without nvcc)");
    }

    @Test
    void withoutDriverTheReasonSaysSoAndTheJvmSurvives() {
        assumeTrue(hasKernels(), "no kernels: that reason comes first");
        assumeFalse(hasDriver(), "this machine has a CUDA driver");
        for (int k = 0; k < 2; k++) { // the second time must give the same answer, not a crash
            assertThatThrownBy(CudaRenderer::open)
                    .isInstanceOf(CudaUnavailableException.class)
                    .hasMessage("no CUDA driver (libcuda.so.1 not found)");
        }
    }

    @Test
    void autoFallsBackToCpuWithTheReason() {
        assumeFalse(hasDriver(), "this machine has a CUDA driver");
        List<String> messages = new ArrayList<>();
        try (Renderer r = Renderers.open(Renderers.Backend.AUTO, recording(messages))) {
            assertThat(r).isInstanceOf(CpuRenderer.class);
        }
        assertThat(messages)
                .anySatisfy(
                        m -> assertThat(m).startsWith("backend: CPU").contains("CUDA not used"));
    }

    @Test
    void cudaWithoutDeviceFailsWithTheReason() {
        assumeFalse(hasDriver(), "this machine has a CUDA driver");
        assertThatThrownBy(() -> Renderers.open(Renderers.Backend.CUDA, Progress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("no usable CUDA device")
                .hasMessageContaining(hasKernels() ? "libcuda.so.1 not found" : "without nvcc");
    }

    @Test
    void sortPassesCoverTheKeyBits() {
        assertThat(DeviceSort.bitsFor(0)).isEqualTo(1);
        assertThat(DeviceSort.bitsFor(255)).isEqualTo(8);
        assertThat(DeviceSort.bitsFor(8159)).isEqualTo(13);
    }

    static Progress recording(List<String> messages) {
        return new Progress() {
            @Override
            public void begin(String phase, long totalSteps) {}

            @Override
            public void advance(long steps) {}

            @Override
            public void message(String text) {
                messages.add(text);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
