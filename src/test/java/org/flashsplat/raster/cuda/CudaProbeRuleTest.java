package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.flashsplat.raster.cuda.CudaProbe.Image;
import org.junit.jupiter.api.Test;

/** Which kernel image a driver gets (review finding 6: CUDA 12 drivers with nvcc 13 kernels). */
class CudaProbeRuleTest {
    @Test
    void driversOfTheToolkitsMajorLoadTheFatbin() throws Exception {
        assertThat(CudaProbe.choose(13000, "13.0", "12.0")).isEqualTo(Image.FATBIN);
        assertThat(CudaProbe.choose(13020, "13.0", "12.0")).isEqualTo(Image.FATBIN);
        assertThat(CudaProbe.choose(12080, "12.4", null)).isEqualTo(Image.FATBIN);
    }

    @Test
    void cuda12DriversJitTheCompatibilityPtx() throws Exception {
        assertThat(CudaProbe.choose(12000, "13.0", "12.0")).isEqualTo(Image.COMPAT_PTX);
        assertThat(CudaProbe.choose(12040, "13.0", "12.0")).isEqualTo(Image.COMPAT_PTX);
        assertThat(CudaProbe.choose(12090, "13.0", "12.0")).isEqualTo(Image.COMPAT_PTX);
    }

    @Test
    void olderDriversGetAReasonNamingTheVersionToInstall() {
        assertThatThrownBy(() -> CudaProbe.choose(11080, "13.0", "12.0"))
                .isInstanceOf(CudaUnavailableException.class)
                .hasMessage(
                        "driver too old: supports CUDA 11.8, kernels need 12.0 or newer (update"
                                + " the NVIDIA driver)");
        // A build without the compatibility PTX needs the toolkit's own major.
        assertThatThrownBy(() -> CudaProbe.choose(12040, "13.0", null))
                .hasMessageContaining("supports CUDA 12.4, kernels need 13.0 or newer");
    }

    @Test
    void anUnknownToolkitTriesTheFatbin() throws Exception {
        assertThat(CudaProbe.choose(11000, null, null)).isEqualTo(Image.FATBIN);
    }

    @Test
    void versionsReadAsTheDriverWritesThem() {
        assertThat(CudaProbe.version("12.4")).isEqualTo(12040);
        assertThat(CudaProbe.version("13")).isEqualTo(13000);
        assertThat(CudaProbe.version("x")).isZero();
    }

    @Test
    void theBuildShipsPtxThatACuda12DriverAccepts() throws Exception {
        assumeTrue(
                Boolean.getBoolean("flashsplat.kernels.built"),
                "built without the cuda-kernels profile");
        assertThat(CudaProbe.compatDriver()).isEqualTo("12.0");
        assertThat(CudaProbe.choose(12020, CudaProbe.kernelToolkit(), CudaProbe.compatDriver()))
                .isEqualTo(Image.COMPAT_PTX);
        try (InputStream in = CudaProbe.class.getResourceAsStream(CudaProbe.COMPAT_PTX)) {
            assertThat(in).isNotNull();
            String ptx = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            // PTX ISA 8.0 is CUDA 12.0's; build-kernels.sh has had ptxas validate it as such
            assertThat(ptx).contains("\n.version 8.0\n").contains(".target sm_75");
            assertThat(ptx).contains(".entry accumulateTiles").contains(".entry renderTiles");
        }
    }
}
