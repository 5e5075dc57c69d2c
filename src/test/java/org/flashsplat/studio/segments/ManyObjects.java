package org.flashsplat.studio.segments;

import java.util.SplittableRandom;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;

/**
 * Synthetic contributions of many objects for the studio's scale tests: every Gaussian seen under
 * the background and one object, a quarter of them under a second object too, so that most pairs of
 * objects share a few Gaussians.
 */
public final class ManyObjects {
    private ManyObjects() {}

    /** Contributions of {@code objects} objects (labels 1..objects) over {@code gaussians}. */
    public static ContributionTable table(int objects, int gaussians, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] start = new int[gaussians + 1];
        int[] label = new int[gaussians * 3];
        long[] fixed = new long[gaussians * 3];
        int e = 0;
        for (int i = 0; i < gaussians; i++) {
            start[i] = e;
            int a = 1 + i % objects, b = 1 + rnd.nextInt(objects);
            label[e] = 0;
            fixed[e++] = Contributions.toFixed((float) rnd.nextDouble(0.05, 0.6));
            boolean second = b != a && rnd.nextInt(4) == 0;
            int lo = second ? Math.min(a, b) : a, hi = second ? Math.max(a, b) : a;
            label[e] = lo;
            fixed[e++] = Contributions.toFixed((float) rnd.nextDouble(0.2, 1));
            if (second) {
                label[e] = hi;
                fixed[e++] = Contributions.toFixed((float) rnd.nextDouble(0.2, 1));
            }
        }
        start[gaussians] = e;
        return ContributionTable.ofFixed(
                objects + 1,
                gaussians,
                start,
                java.util.Arrays.copyOf(label, e),
                java.util.Arrays.copyOf(fixed, e));
    }
}
