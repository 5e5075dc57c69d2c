package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskResamplerTest {
    private static LabelMask row(int... values) {
        return new LabelMask(values.length, 1, values);
    }

    @Test
    void exactHalvingTakesTheSecondPixelUnderEachCentre() {
        assertThat(MaskResampler.nearest(row(10, 11, 12, 13), 2, 1).labels())
                .containsExactly(11, 13);
    }

    @Test
    void upscalingRepeatsPixels() {
        assertThat(MaskResampler.nearest(row(5, 6), 4, 1).labels()).containsExactly(5, 5, 6, 6);
        // centre of pixel 2 is at 2.5 * 2/5 = 1.0 exactly: on the boundary, the rule takes source 1
        assertThat(MaskResampler.nearest(row(5, 6), 5, 1).labels()).containsExactly(5, 5, 6, 6, 6);
    }

    @Test
    void nonIntegerScaleSamplesUnderDestinationCentres() {
        // centres (u + 0.5) * 3/2 = 0.75, 2.25 -> source 0 and 2
        assertThat(MaskResampler.nearest(row(1, 2, 3), 2, 1).labels()).containsExactly(1, 3);
        // centres (u + 0.5) * 5/3 = 0.83, 2.5, 4.17 -> 0, 2, 4
        assertThat(MaskResampler.nearest(row(0, 1, 2, 3, 4), 3, 1).labels())
                .containsExactly(0, 2, 4);
    }

    @Test
    void rowsFollowTheSameRule() {
        LabelMask col = new LabelMask(1, 4, new int[] {10, 11, 12, 13});
        assertThat(MaskResampler.nearest(col, 1, 2).labels()).containsExactly(11, 13);
    }

    @Test
    void aspectToleranceIsOnePercent() {
        assertThat(MaskResampler.sameAspect(4032, 3024, 160, 120)).isTrue();
        assertThat(MaskResampler.sameAspect(4033, 3024, 2016, 1512)).isTrue(); // odd size halved
        assertThat(MaskResampler.sameAspect(161, 120, 160, 120)).isTrue(); // 0.6%
        assertThat(MaskResampler.sameAspect(162, 120, 160, 120)).isFalse(); // 1.25%
        assertThat(MaskResampler.sameAspect(120, 120, 160, 120)).isFalse();
    }
}
