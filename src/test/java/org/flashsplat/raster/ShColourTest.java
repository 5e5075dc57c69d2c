package org.flashsplat.raster;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

class ShColourTest {
    private static GaussianScene scene(int degree) {
        return SceneGenerator.generate(
                        new SceneSpec(
                                "sh", 300, 2, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.08, 0.05, 0.99,
                                degree, 2, 32, 24, 60, 3, -1.2, 0.3, 5))
                .scene();
    }

    /** Degree 0 has no view dependence: the DC term alone, from any eye, clamped at 0. */
    @Test
    void degreeZeroIsTheDcTermFromAnyEye() {
        GaussianScene s = scene(0);
        float[] a = new float[3 * s.count()], b = new float[3 * s.count()];
        ShColour.evaluate(s, new double[] {0, -1, -3}, a, 0, s.count());
        ShColour.evaluate(s, new double[] {5, 2, 1}, b, 0, s.count());
        assertThat(a).isEqualTo(b);
        for (int i = 0; i < s.count(); i++) {
            for (int c = 0; c < 3; c++) {
                double dc = 0.28209479177387814 * s.sh()[(3 * i + c) * s.shCoefficients()];
                assertThat(a[3 * i + c]).isEqualTo((float) Math.max(0, dc + 0.5));
            }
        }
    }

    @Test
    void higherDegreesDependOnTheView() {
        GaussianScene s = scene(3);
        float[] a = new float[3 * s.count()], b = new float[3 * s.count()];
        ShColour.evaluate(s, new double[] {0, -1, -3}, a, 0, s.count());
        ShColour.evaluate(s, new double[] {5, 2, 1}, b, 0, s.count());
        assertThat(a).isNotEqualTo(b);
        // a range writes only its own Gaussians, the same values as a whole pass
        float[] part = new float[3 * s.count()];
        ShColour.evaluate(s, new double[] {0, -1, -3}, part, 100, 200);
        for (int k = 0; k < part.length; k++)
            assertThat(part[k]).isEqualTo(k >= 300 && k < 600 ? a[k] : 0f);
    }

    @Test
    void skippedGaussiansAreLeftAsTheyWere() {
        for (int degree : new int[] {0, 2}) {
            GaussianScene s = scene(degree);
            double[] eye = {1, -2, -3};
            float[] all = new float[3 * s.count()], some = new float[3 * s.count()];
            java.util.Arrays.fill(some, -7f);
            ShColour.evaluate(s, eye, all, 0, s.count());
            ShColour.evaluate(s, eye, some, 0, s.count(), i -> i % 3 == 0);
            for (int k = 0; k < all.length; k++)
                assertThat(some[k]).isEqualTo((k / 3) % 3 == 0 ? -7f : all[k]);
        }
    }
}
