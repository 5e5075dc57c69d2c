package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class BlendRuleTest {
    private static long ulps(float a, float b) {
        return Math.abs((long) Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    @Test
    void expIsWithinTwoUlpOfTheExactValueWhereTheBlendUsesIt() {
        SplittableRandom rnd = new SplittableRandom(1);
        long worst = 0;
        float worstAt = 0;
        for (int k = 0; k < 2_000_000; k++) {
            // the blend's powers lie in [powerMin, 0]; also the rest of the clamped range
            float x = k % 4 == 0 ? (float) rnd.nextDouble(-87, 88) : (float) rnd.nextDouble(-12, 0);
            float exact = (float) Math.exp(x); // correctly rounded to float for these x
            long u = ulps(BlendRule.exp(x), exact);
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        assertThat(worst).as("worst at x = %s", worstAt).isLessThanOrEqualTo(2);
        assertThat(BlendRule.exp(0f)).isEqualTo(1f);
        assertThat(BlendRule.exp(-1000f)).isEqualTo(BlendRule.exp(-87f)).isPositive();
    }

    @Test
    void vectorExpGivesTheScalarBitsLaneForLane() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        float[] in = new float[lanes], out = new float[lanes];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int k = 0; k < 1_000_000 / lanes; k++) {
            for (int i = 0; i < lanes; i++) {
                in[i] =
                        i == 0
                                ? Float.intBitsToFloat(rnd.nextInt()) // any bits, NaN included
                                : (float) rnd.nextDouble(-100, 90);
            }
            VectorRowKernel.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, in, 0))
                    .intoArray(out, 0);
            for (int i = 0; i < lanes; i++) {
                assertThat(Float.floatToRawIntBits(out[i]))
                        .as("exp(%s)", in[i])
                        .isEqualTo(Float.floatToRawIntBits(BlendRule.exp(in[i])));
            }
        }
    }
}
