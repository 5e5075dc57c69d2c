package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.flashsplat.raster.Permutations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tile's sort gives exactly the order of a sort on the whole (depth, scene index) key, whatever
 * order of the Gaussians (ranks) the renderer uses.
 */
class TileBinsTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 1000, 5000})
    void radixSortOfATileEqualsTheComparisonSort(int n) {
        SplittableRandom rnd = new SplittableRandom(n + 7);
        long[] a = new long[n + 10];
        int index = 0;
        for (int i = 5; i < n + 5; i++) {
            // ascending indices as the scatter leaves them; few distinct depths, so ties occur,
            // and depths that share their high bytes, so passes are skipped
            index += 1 + rnd.nextInt(3);
            float depth = 1f + rnd.nextInt(n / 4 + 1) * 0.001f;
            a[i] = ((long) Float.floatToRawIntBits(depth) << 32) | index;
        }
        a[0] = a[n + 9] = -1; // outside the range: must stay
        long[] expected = a.clone();
        Arrays.sort(expected, 5, n + 5);
        TileBins.sortTile(
                a, 5, n + 5, new TileBins.RadixScratch(), SceneConstants.identity(3 * n + 1));
        assertThat(a).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 255, 256, 1000, 5000})
    void tiesInDepthFollowTheSceneIndexNotTheRank(int n) {
        SplittableRandom rnd = new SplittableRandom(n + 11);
        int[] order = Permutations.shuffled(n, rnd); // a random order of the scene's indices
        long[] a = new long[n];
        long[] byIndex = new long[n];
        for (int rank = 0; rank < n; rank++) {
            // ascending ranks as the scatter leaves them; few depths, so long runs of ties
            long depth = Float.floatToRawIntBits(1f + rnd.nextInt(n / 8 + 1) * 0.5f);
            a[rank] = depth << 32 | rank;
            byIndex[rank] = depth << 32 | order[rank];
        }
        Arrays.sort(byIndex);
        TileBins.sortTile(a, 0, n, new TileBins.RadixScratch(), order);
        for (int k = 0; k < n; k++) {
            int rank = (int) a[k];
            assertThat((a[k] >>> 32) << 32 | order[rank]).as("entry %d", k).isEqualTo(byIndex[k]);
        }
    }
}
