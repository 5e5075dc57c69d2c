package org.flashsplat.raster.cpu;

import org.flashsplat.raster.Dense;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.junit.jupiter.api.Test;

/**
 * Tiles with few labelled pixels take the pixel-list loop; it must add exactly what the footprint
 * loop adds: a few scattered pixels plus their complement equal the whole view.
 */
class SparseTilesTest {
    @Test
    void scatteredPixelsAddExactlyTheirShare() {
        SceneGenerator.Generated g = SceneGenerator.generate(ViewCacheTest.SMALL);
        Camera cam = g.cameras().get(1);
        LabelMask m = SampleMasks.discs(g, cam);
        SplittableRandom rnd = new SplittableRandom(9);
        int[] few = new int[m.labels().length], rest = m.labels().clone();
        java.util.Arrays.fill(few, -1);
        for (int p = 0; p < few.length; p++) {
            if (rnd.nextDouble() < 0.04) {
                few[p] = m.labels()[p];
                rest[p] = -1;
            }
        }
        int n = g.scene().count();
        try (CpuRenderer r = new CpuRenderer(2)) {
            Contributions whole = new Contributions(4, n), a = new Contributions(4, n);
            r.accumulate(g.scene(), List.of(cam), v -> m, whole, Progress.NONE);
            var sparse =
                    r.accumulate(
                            g.scene(),
                            List.of(cam),
                            v -> new LabelMask(m.width(), m.height(), few),
                            a,
                            Progress.NONE);
            r.accumulate(
                    g.scene(),
                    List.of(cam),
                    v -> new LabelMask(m.width(), m.height(), rest),
                    a,
                    Progress.NONE);
            assertThat(Dense.fixed(a)).containsExactly(Dense.fixed(whole));
            assertThat(sparse.blendedPairs()).isPositive();
        }
    }
}
