package org.flashsplat.raster.cuda;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The golden tabletop check on the GPU: A against the float64 reference (rel L1 < 1e-4). */
@Tag("gpu")
class GoldenTabletopGpuTest {
    @Test
    void contributionsMatchTheReference() throws Exception {
        GaussianScene scene = Tabletop.scene();
        List<Camera> cams = Tabletop.cameras();
        LabelMask[] masks = new LabelMask[cams.size()];
        for (int v = 0; v < masks.length; v++) masks[v] = Tabletop.mask("masks", cams.get(v));
        Npy.Array ref = Npy.read(Tabletop.DIR.resolve("contributions_reference.npy"));
        Contributions a = new Contributions(ref.shape()[0], scene.count());
        try (Renderer r = CudaRenderer.open()) {
            AccumulateStats st = r.accumulate(scene, cams, v -> masks[v], a, Progress.NONE);
            assertThat(st.views()).isEqualTo(cams.size());
            assertThat(st.blendedPairs()).isPositive();
        }
        double err = Tabletop.relL1(Dense.floats(a), ref.floats());
        System.out.printf("golden tabletop on the GPU: relative L1 %.3g%n", err);
        assertThat(err).isLessThan(1e-4);

        Npy.Array bin = Npy.read(Tabletop.DIR.resolve("contributions_binary_reference.npy"));
        Contributions b = new Contributions(2, scene.count());
        LabelMask[] binary = new LabelMask[cams.size()];
        for (int v = 0; v < binary.length; v++) {
            int[] l = Tabletop.mask("masks_binary", cams.get(v)).labels().clone();
            for (int q = 0; q < l.length; q++) l[q] = l[q] > 127 ? 1 : 0;
            binary[v] = new LabelMask(cams.get(v).width(), cams.get(v).height(), l);
        }
        try (Renderer r = CudaRenderer.open()) {
            r.accumulate(scene, cams, v -> binary[v], b, Progress.NONE);
        }
        assertThat(Tabletop.relL1(Dense.floats(b), bin.floats())).isLessThan(1e-4);
    }
}
