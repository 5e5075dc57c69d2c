package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Dense;
import org.flashsplat.raster.Permutations;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

/**
 * The renderer's order of the Gaussians ({@link SpatialOrder}) is a permutation and changes no bit:
 * contributions are the same in the scene's own order, the spatial order and a random one, on a
 * scene built so that depths tie in every view.
 */
class SpatialOrderTest {
    @Test
    void orderIsAPermutationEvenWithNonFinitePositions() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 5000;
        float[] x = new float[n], y = new float[n], z = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
            y[i] = (float) rnd.nextGaussian();
            z[i] = i % 97 == 0 ? 1e30f : (float) rnd.nextGaussian();
        }
        x[5] = Float.NaN;
        y[6] = Float.POSITIVE_INFINITY;
        z[7] = Float.NEGATIVE_INFINITY;
        int[] order = SpatialOrder.of(x, y, z);
        assertThat(order).isNotEqualTo(SceneConstants.identity(n)); // some reordering happened
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(SceneConstants.identity(n));
        // neighbours along the curve are near in space: far closer than in the file's order
        assertThat(meanStep(order, x, y))
                .isLessThan(meanStep(SceneConstants.identity(n), x, y) / 4);
    }

    @Test
    void contributionsAreTheSameBitsInEveryOrder() {
        SceneGenerator.Generated g =
                SceneGenerator.generate(
                        new SceneSpec(
                                "orders", 3000, 4, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.1, 0.02, 0.99, 1,
                                3, 96, 64, 60, 3, -1.2, 0.3, 21));
        GaussianScene s = g.scene();
        // groups of 5 Gaussians share one centre, so their depths tie in every view
        for (int i = 0; i < s.count(); i++) {
            int anchor = i - i % 5;
            s.x[i] = s.x[anchor];
            s.y[i] = s.y[anchor];
            s.z[i] = s.z[anchor];
        }
        LabelMask[] masks = new LabelMask[g.cameras().size()];
        for (int v = 0; v < masks.length; v++) masks[v] = SampleMasks.discs(g, g.cameras().get(v));
        int[] random = Permutations.shuffled(s.count(), new SplittableRandom(8));
        long[] own = Dense.fixed(accumulate(g, masks, SceneConstants.identity(s.count())));
        long[] spatial = Dense.fixed(accumulate(g, masks, SpatialOrder.of(s.x, s.y, s.z)));
        long[] shuffled = Dense.fixed(accumulate(g, masks, random));
        assertThat(Arrays.stream(own).filter(v -> v != 0).count()).isGreaterThan(1000);
        assertThat(spatial).containsExactly(own);
        assertThat(shuffled).containsExactly(own);
    }

    private static Contributions accumulate(
            SceneGenerator.Generated g, LabelMask[] masks, int[] order) {
        SceneConstants k = SceneConstants.of(g.scene(), order);
        Projection p = new Projection();
        TileBins bins = new TileBins();
        TileBlender blender = new TileBlender(RowKernels.get());
        Contributions c = new Contributions(5, g.scene().count()); // by rank
        for (int v = 0; v < masks.length; v++) {
            Camera cam = g.cameras().get(v);
            p.run(k, cam, null);
            bins.build(p);
            for (int t = 0; t < bins.tiles; t++) {
                blender.blend(p, bins, t, cam.width(), cam.height(), masks[v].labels(), c, null);
            }
        }
        Contributions byScene = new Contributions(5, g.scene().count());
        byScene.addRenumbered(c, order, SceneConstants.of(g.scene(), order).rankOf());
        return byScene;
    }

    private static double meanStep(int[] order, float[] x, float[] y) {
        double sum = 0;
        int m = 0;
        for (int r = 1; r < order.length; r++) {
            double dx = x[order[r]] - x[order[r - 1]], dy = y[order[r]] - y[order[r - 1]];
            double d = Math.sqrt(dx * dx + dy * dy);
            if (Double.isFinite(d)) {
                sum += d;
                m++;
            }
        }
        return sum / m;
    }
}
