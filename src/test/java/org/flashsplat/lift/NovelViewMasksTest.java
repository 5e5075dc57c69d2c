package org.flashsplat.lift;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.Test;

/** Hundreds of objects render a few at a time, with exactly the mask of one render of all. */
class NovelViewMasksTest {
    @Test
    void objectsRenderedInPassesGiveTheSameMask() {
        SceneSpec spec =
                new SceneSpec(
                        "many", 20_000, 120, 0.6, 0.05, 0.1, 1.6, 5, 0.004, 0.02, 0.1, 0.99, 0, 2,
                        160, 90, 60, 4.0, -1.6, 0, 3L);
        SceneGenerator.Generated g = SceneGenerator.generate(spec);
        // 300 objects of which the last 180 are empty: their planes are never allocated, and the
        // rest render 7 at a time
        Memberships m = Memberships.ofLabels(300, g.groundTruth());
        Camera cam = g.cameras().getFirst();
        try (CpuRenderer r = new CpuRenderer(2)) {
            Memberships dense = Memberships.ofLabels(120, g.groundTruth());
            LabelMask all = NovelViewMasks.render(r, g.scene(), cam, dense, 0.5, Long.MAX_VALUE);
            LabelMask passes = NovelViewMasks.render(r, g.scene(), cam, m, 0.5, 7L * 8 * 160 * 90);
            assertThat(passes.labels()).containsExactly(all.labels());
            assertThat(all.maxLabel()).isGreaterThan(1);
        }
    }
}
