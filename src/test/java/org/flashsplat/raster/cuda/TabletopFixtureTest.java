package org.flashsplat.raster.cuda;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

/**
 * Checks the fixture readers the GPU golden test relies on, with the CPU renderer: if this passes
 * here, a failing {@link GoldenTabletopGpuTest} points at the GPU.
 */
class TabletopFixtureTest {
    @Test
    void cpuReproducesTheReferenceThroughTheFixture() throws Exception {
        GaussianScene scene = Tabletop.scene();
        List<Camera> cams = Tabletop.cameras();
        assertThat(scene.count()).isEqualTo(9000);
        assertThat(scene.shDegree()).isEqualTo(3);
        assertThat(cams).hasSize(6);
        LabelMask[] masks = new LabelMask[cams.size()];
        for (int v = 0; v < masks.length; v++) masks[v] = Tabletop.mask("masks", cams.get(v));
        Npy.Array ref = Npy.read(Tabletop.DIR.resolve("contributions_reference.npy"));
        Contributions a = new Contributions(ref.shape()[0], scene.count());
        try (CpuRenderer r = new CpuRenderer(2)) {
            r.accumulate(scene, cams, v -> masks[v], a, Progress.NONE);
        }
        assertThat(Tabletop.relL1(Dense.floats(a), ref.floats())).isLessThan(1e-4);
    }
}
