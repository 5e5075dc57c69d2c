package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.AccumulateStats;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scalar and the vector row kernel give the same bits, blend counts and frames. */
class RowKernelIdentityTest {
    private static final RowKernel VECTOR = RowKernels.vector();

    private static SceneGenerator.Generated scene(long seed) {
        // 101 x 77: partial tiles at the right and bottom edges
        return SceneGenerator.generate(
                new SceneSpec(
                        "kernels", 4000, 4, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.1, 0.02, 0.99, 1, 4,
                        101, 77, 60, 3, -1.2, 0.3, seed));
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 7})
    void contributionsAndStatisticsAreBitIdentical(long seed) {
        assertThat(VECTOR).as("vector kernel (surefire adds jdk.incubator.vector)").isNotNull();
        SceneGenerator.Generated g = scene(seed);
        LabelMask[] masks = new LabelMask[g.cameras().size()];
        for (int v = 0; v < masks.length; v++) masks[v] = SampleMasks.discs(g, g.cameras().get(v));
        Contributions scalar = new Contributions(5, g.scene().count());
        Contributions vector = new Contributions(5, g.scene().count());
        AccumulateStats s, w;
        try (CpuRenderer r = new CpuRenderer(2, ScalarRowKernel.INSTANCE)) {
            s = r.accumulate(g.scene(), g.cameras(), v -> masks[v], scalar, Progress.NONE);
        }
        try (CpuRenderer r = new CpuRenderer(2, VECTOR)) {
            w = r.accumulate(g.scene(), g.cameras(), v -> masks[v], vector, Progress.NONE);
        }
        assertThat(s.blendedPairs()).isPositive();
        assertThat(Dense.fixed(vector)).containsExactly(Dense.fixed(scalar));
        assertThat(new long[] {w.walkedPairs(), w.blendedPairs()})
                .containsExactly(s.walkedPairs(), s.blendedPairs());
        // the vector kernel evaluates whole box rows, the scalar one only the ellipse's spans
        assertThat(w.evaluatedPairs()).isGreaterThanOrEqualTo(s.evaluatedPairs());
    }

    @ParameterizedTest
    @ValueSource(longs = {8, 9})
    void framesAreBitIdentical(long seed) {
        SceneGenerator.Generated g = scene(seed);
        RenderRequest request =
                new RenderRequest(true, true, null, null, 0f, null, new float[] {0.1f, 0.2f, 0.3f});
        for (var cam : g.cameras()) {
            Frame a, b;
            try (CpuRenderer r = new CpuRenderer(1, ScalarRowKernel.INSTANCE)) {
                a = r.render(g.scene(), cam, request);
            }
            try (CpuRenderer r = new CpuRenderer(1, VECTOR)) {
                b = r.render(g.scene(), cam, request);
            }
            assertThat(b.alpha()).containsExactly(a.alpha());
            assertThat(b.rgb()).containsExactly(a.rgb());
            assertThat(b.depth()).containsExactly(a.depth());
        }
    }
}
