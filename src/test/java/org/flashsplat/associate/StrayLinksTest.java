package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrayLinksTest {
    /** A support spread evenly over Gaussians [from, to). */
    private static MaskSupport mask(int view, int from, int to) {
        int[] g = new int[to - from];
        float[] w = new float[g.length];
        for (int k = 0; k < g.length; k++) {
            g[k] = from + k;
            w[k] = 1f / g.length;
        }
        return new MaskSupport(view, 1, 100, g, w, 1);
    }

    @Test
    void neighbouringGlimpsesGroupAndOneViewNeverHoldsTwo() {
        MaskSupport[] strays = {
            mask(0, 0, 100), // a run of glimpses sliding along Gaussians 0..140
            mask(1, 20, 120),
            mask(2, 40, 140),
            mask(1, 30, 130), // view 1 again: overlaps the run but cannot join the same group
            mask(5, 1000, 1100), // elsewhere
            mask(6, 90, 190), // shares only 10% with the first, 30% with the second
        };
        // shared weight: (2,3) 0.9, (0,1) 0.8, (1,2) 0.8, (0,3) 0.7, (0,2) 0.6, (2,5) 0.5, (3,5)
        // 0.4; strongest first, and never two masks of one view in a group: (1,2) and (0,3) would
        // put both view-1 masks together
        List<int[]> groups = StrayLinks.groups(strays, 0.35);
        assertThat(groups).containsExactly(new int[] {0, 1}, new int[] {2, 3, 5});
    }
}
