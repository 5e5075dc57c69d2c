package org.flashsplat.raster;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

class GaussianBudgetTest {
    private static final GaussianScene SCENE =
            SceneGenerator.generate(
                            new SceneSpec(
                                    "budget", 5000, 3, 0.6, 0.2, 0.35, 0.6, 2, 0.01, 0.1, 0.02,
                                    0.99, 1, 2, 64, 48, 60, 3, -1.2, 0.3, 4))
                    .scene();

    private static float importance(GaussianScene s, int i) {
        return s.opacity[i] * (s.sx[i] * s.sy[i] + s.sy[i] * s.sz[i] + s.sx[i] * s.sz[i]);
    }

    @Test
    void keepsExactlyTheBudgetOfMostImportantGaussians() {
        boolean[] keep = GaussianBudget.select(SCENE, 1000);
        float lowestKept = Float.MAX_VALUE, highestDropped = 0;
        int kept = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept++;
                lowestKept = Math.min(lowestKept, importance(SCENE, i));
            } else {
                highestDropped = Math.max(highestDropped, importance(SCENE, i));
            }
        }
        assertThat(kept).isEqualTo(1000);
        assertThat(lowestKept).isGreaterThanOrEqualTo(highestDropped);
    }

    @Test
    void remapsPerGaussianArraysToTheSubset() {
        GaussianBudget b = new GaussianBudget(1000);
        GaussianScene sub = b.scene(SCENE);
        assertThat(sub.count()).isEqualTo(1000);
        assertThat(b.scene(SCENE)).isSameAs(sub); // built once
        float[] tint = new float[3 * SCENE.count()];
        boolean[] hidden = new boolean[SCENE.count()];
        for (int i = 0; i < SCENE.count(); i++) {
            tint[3 * i + 1] = SCENE.x[i];
            hidden[i] = SCENE.y[i] > 0;
        }
        float[] t = b.remap(SCENE, tint, 3);
        boolean[] h = b.remap(SCENE, hidden);
        for (int k = 0; k < sub.count(); k++) {
            assertThat(t[3 * k + 1]).isEqualTo(sub.x[k]);
            assertThat(h[k]).isEqualTo(sub.y[k] > 0);
        }
        assertThat(new GaussianBudget(10_000).scene(SCENE)).isSameAs(SCENE);
    }
}
