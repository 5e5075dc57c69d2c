package org.flashsplat.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Contributions#addRenumbered} adds exactly what direct adds by the scene's index would
 * have, on its dense path (most blocks held) and its sparse one (an edit's few pixels), also for
 * Gaussians with more labels than slots and on top of sums already there.
 */
class ContributionsRenumberTest {
    private static final int N = 60_000, LABELS = 9;

    @Test
    void denseAndSparseSourcesAddTheSameAsDirectAdds() {
        int[] order = Permutations.shuffled(N, new SplittableRandom(4));
        int[] rankOf = new int[N];
        for (int r = 0; r < N; r++) rankOf[order[r]] = r;
        // every rank, or the ranks of one block of 4096 (sparse: 1 block of 15)
        for (int end : new int[] {N, 3000}) {
            SplittableRandom rnd = new SplittableRandom(end);
            Contributions byRank = new Contributions(LABELS, N);
            Contributions direct = new Contributions(LABELS, N);
            Contributions renumbered = new Contributions(LABELS, N);
            for (int i = 0; i < N; i += 7) { // already there before the pass
                direct.addAtomic(i % LABELS, i, 5);
                renumbered.addAtomic(i % LABELS, i, 5);
            }
            for (int r = 0; r < end; r++) {
                int labels = r % 13 == 0 ? 7 : 1 + rnd.nextInt(3); // 7: past the 4 slots
                for (int k = 0; k < labels; k++) {
                    int l = (r + k) % LABELS;
                    long v = 1 + rnd.nextInt(1 << 20);
                    byRank.addAtomic(l, r, v);
                    direct.addAtomic(l, order[r], v);
                }
            }
            renumbered.addRenumbered(byRank, order, rankOf);
            // isEqualTo compares in one pass; containsExactly is slow on arrays this long
            assertThat(Dense.fixed(renumbered)).isEqualTo(Dense.fixed(direct));
        }
    }

    @Test
    void shapesMustAgree() {
        int[] order = Permutations.shuffled(10, new SplittableRandom(1));
        assertThatThrownBy(
                        () ->
                                new Contributions(2, 10)
                                        .addRenumbered(new Contributions(3, 10), order, order))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                new Contributions(2, 11)
                                        .addRenumbered(new Contributions(2, 11), order, order))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
