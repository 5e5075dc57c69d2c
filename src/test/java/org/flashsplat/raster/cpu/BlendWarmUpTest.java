package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up's synthetic view blends, and both kernels give it the same weights. */
class BlendWarmUpTest {
    @Test
    void syntheticViewBlendsTheSameWithEitherKernel() {
        RowKernel vector = RowKernels.vector();
        assertThat(vector).as("vector kernel (surefire adds jdk.incubator.vector)").isNotNull();
        long scalar = BlendWarmUp.run(ScalarRowKernel.INSTANCE, 3, false);
        assertThat(scalar).isPositive();
        assertThat(BlendWarmUp.run(vector, 3, false)).isEqualTo(scalar);
    }
}
