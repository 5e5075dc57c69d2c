package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scalar and the vector projection store the same bits: every packed float (raw bits, so NaN
 * payloads and the sign of zero count) and every rectangle int, including what each leaves
 * untouched from an earlier view, over scenes with the cases that take the reference's branches.
 */
class ProjectionIdentityTest {
    private static final ProjectionKernel VECTOR = ProjectionKernels.vector();

    /**
     * A generated scene (objects and floor, seen by its cameras) with a share of Gaussians replaced
     * by edge cases; the count is odd and spans several 8192-Gaussian chunks, so chunk and vector
     * tails are covered.
     */
    private static Scene scene(long seed) {
        SceneGenerator.Generated g =
                SceneGenerator.generate(
                        new SceneSpec(
                                "projection",
                                20_011,
                                4,
                                0.6,
                                0.2,
                                0.35,
                                0.6,
                                2,
                                0.005,
                                0.2,
                                0.001,
                                0.99,
                                0,
                                4,
                                101,
                                77,
                                60,
                                3,
                                -1.2,
                                0.3,
                                seed));
        GaussianScene s = g.scene();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < s.count(); i++) {
            if (rnd.nextInt(4) != 0) continue;
            switch (rnd.nextInt(9)) {
                case 0 -> { // far off screen or far away
                    s.x[i] *= (float) rnd.nextDouble(-50, 50);
                    s.z[i] *= (float) rnd.nextDouble(-50, 50);
                }
                case 1 -> s.opacity[i] = pick(rnd, 0f, 1f / 255f, 0.0039f, 0.004f, 1f, 2f);
                case 2 -> { // tiny or huge, flat along one axis
                    s.sx[i] = pick(rnd, 0f, 1e-8f, 1e-3f, 5f, 40f);
                    s.sz[i] = pick(rnd, 0f, 1e-8f, 1e-3f, 5f);
                }
                case 3 -> s.x[i] = pick(rnd, 1e30f, -1e30f, Float.MAX_VALUE, Float.MIN_VALUE);
                case 4 ->
                        s.y[i] =
                                pick(
                                        rnd,
                                        Float.NaN,
                                        Float.POSITIVE_INFINITY,
                                        Float.NEGATIVE_INFINITY,
                                        -0f);
                case 5 -> s.opacity[i] = pick(rnd, Float.NaN, Float.POSITIVE_INFINITY, -1f);
                default -> {}
            }
        }
        SceneConstants k = SceneConstants.of(s);
        float[] cov = k.cov3d();
        int n = s.count();
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(10) != 0) continue;
            int e = rnd.nextInt(6);
            cov[e * n + i] =
                    pick(
                            rnd,
                            0f,
                            -0f,
                            -1f,
                            1e20f,
                            -1e20f,
                            Float.NaN,
                            Float.POSITIVE_INFINITY,
                            Float.MIN_VALUE,
                            cov[((e + 1) % 6) * n + i]);
        }
        // cov2 singular: a huge covariance along one direction makes det round to 0 (or not)
        for (int i = 7; i < n; i += 97) {
            for (int e = 0; e < 6; e++) cov[e * n + i] = e == 0 || e == 3 || e == 1 ? 1e9f : 0f;
        }
        List<Camera> cams = new ArrayList<>(g.cameras());
        // a view from inside the scene: Gaussians behind, beside and at the near plane
        Camera c = g.cameras().getFirst();
        cams.add(
                Camera.lookAt(
                        99,
                        "inside",
                        640,
                        480,
                        c.fx() * 3,
                        new double[] {0, -0.2, 0.1},
                        new double[] {0.3, -0.1, 1},
                        new double[] {0, -1, 0}));
        return new Scene(s, k, cams);
    }

    private record Scene(GaussianScene scene, SceneConstants constants, List<Camera> cams) {}

    private static float pick(SplittableRandom rnd, float... values) {
        return values[rnd.nextInt(values.length)];
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void scalarAndVectorStoreTheSameBits(long seed) {
        assertThat(VECTOR).as("vector projection (surefire adds jdk.incubator.vector)").isNotNull();
        Scene sc = scene(seed);
        Projection scalar = new Projection(ScalarProjection.INSTANCE);
        Projection vector = new Projection(VECTOR);
        SplittableRandom rnd = new SplittableRandom(seed);
        int views = 0, kept = 0;
        for (Camera cam : sc.cams()) {
            for (boolean hide : new boolean[] {false, true}) {
                boolean[] hidden = null;
                if (hide) {
                    hidden = new boolean[sc.scene().count()];
                    for (int i = 0; i < hidden.length; i++) hidden[i] = rnd.nextInt(3) == 0;
                }
                // the same sequence of views on both: what one leaves from the last view counts
                scalar.run(sc.constants(), cam, hidden);
                vector.run(sc.constants(), cam, hidden);
                assertSameBits(scalar, vector, cam.name() + (hide ? " hidden" : ""));
                for (int i = 0; i < scalar.count; i++) {
                    if (scalar.rectX0[i] != scalar.rectX1[i]) kept++;
                }
                views++;
            }
        }
        assertThat(kept).as("Gaussians kept over %d views", views).isGreaterThan(views * 1000);
    }

    private static void assertSameBits(Projection a, Projection b, String view) {
        assertThat(b.count).isEqualTo(a.count);
        assertThat(new int[] {b.gridX, b.gridY}).containsExactly(a.gridX, a.gridY);
        for (int i = 0; i < a.count; i++) {
            if (a.rectX0[i] != b.rectX0[i]
                    || a.rectX1[i] != b.rectX1[i]
                    || a.rectY0[i] != b.rectY0[i]
                    || a.rectY1[i] != b.rectY1[i]) {
                throw new AssertionError(
                        view
                                + ": rectangle of Gaussian "
                                + i
                                + " differs: "
                                + rect(a, i)
                                + " / "
                                + rect(b, i));
            }
            for (int f = 0; f < Projection.STRIDE; f++) {
                int k = i * Projection.STRIDE + f;
                int x = Float.floatToRawIntBits(a.packed[k]);
                int y = Float.floatToRawIntBits(b.packed[k]);
                if (x != y) {
                    throw new AssertionError(
                            view
                                    + ": Gaussian "
                                    + i
                                    + " field "
                                    + f
                                    + ": "
                                    + a.packed[k]
                                    + " / "
                                    + b.packed[k]);
                }
            }
        }
    }

    private static String rect(Projection p, int i) {
        return "["
                + p.rectX0[i]
                + ","
                + p.rectX1[i]
                + ")x["
                + p.rectY0[i]
                + ","
                + p.rectY1[i]
                + ")";
    }

    @Test
    void warmUpSceneProjectsTheSameWithEitherKernel() {
        long scalar = ProjectionWarmUp.run(ScalarProjection.INSTANCE, 4, false);
        assertThat(scalar).isPositive();
        assertThat(ProjectionWarmUp.run(VECTOR, 4, false)).isEqualTo(scalar);
    }

    @Test
    void choosesTheKernelAsAsked() {
        assertThat(ProjectionKernels.choose("scalar")).isSameAs(ScalarProjection.INSTANCE);
        assertThat(ProjectionKernels.choose("Vector").description()).endsWith("-lane vectors");
        assertThat(ProjectionKernels.choose("auto")).isInstanceOf(ProjectionWarmUp.class);
        assertThatThrownBy(() -> ProjectionKernels.choose("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected auto, scalar or vector");
    }
}
