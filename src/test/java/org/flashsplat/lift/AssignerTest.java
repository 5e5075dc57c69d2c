package org.flashsplat.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.flashsplat.raster.ContributionTable;
import org.junit.jupiter.api.Test;

class AssignerTest {
    /** Contributions (L, N) from columns: col[i] = {A[0,i], A[1,i], ...}. */
    private static float[] columns(float[]... col) {
        int n = col.length, l = col[0].length;
        float[] a = new float[l * n];
        for (int i = 0; i < n; i++) for (int k = 0; k < l; k++) a[k * n + i] = col[i][k];
        return a;
    }

    @Test
    void binaryRuleFollowsTheSharesAndGamma() {
        float[] a =
                columns(
                        new float[] {1, 3},
                        new float[] {3, 1},
                        new float[] {1, 1.2f},
                        new float[] {0, 0});
        Segmentation s = Assigner.assign(a, 2, 4, AssignmentParams.of(0));
        assertThat(s.members(1)).containsExactly(true, false, true, false);
        // a1 = 1.2/2.2 = 0.545: foreground iff a1 > (1 + gamma)/2, so gamma 0.2 (threshold 0.6)
        // drops it.
        Segmentation strict = Assigner.assign(a, 2, 4, AssignmentParams.of(0.2));
        assertThat(strict.members(1)).containsExactly(true, false, false, false);
        // negative gamma keeps more: 0.25 > (1 - 0.6)/2 = 0.2
        Segmentation loose = Assigner.assign(a, 2, 4, AssignmentParams.of(-0.6));
        assertThat(loose.members(1)).containsExactly(true, true, true, false);
    }

    @Test
    void unseenGaussiansAreNeitherBackgroundNorObjects() {
        float[] a = columns(new float[] {0, 0, 0}, new float[] {5, 0, 0});
        Segmentation s = Assigner.assign(a, 3, 2, AssignmentParams.defaults());
        assertThat(s.labels()).containsExactly(-1, 0);
        assertThat(s.stats().unseen()).isEqualTo(1);
        assertThat(s.stats().inAny()).isZero();
    }

    @Test
    void objectsAreDecidedOnTheirOwnAndMayOverlap() {
        // Gaussian 0: shares (0.1, 0.45, 0.45): with gamma -0.2 both objects pass (0.45 > 0.55 -
        // 0.2).
        float[] a =
                columns(new float[] {1, 4.5f, 4.5f}, new float[] {0, 10, 0}, new float[] {8, 1, 1});
        Segmentation s = Assigner.assign(a, 3, 3, AssignmentParams.of(-0.2));
        assertThat(s.members(1)).containsExactly(true, true, false);
        assertThat(s.members(2)).containsExactly(true, false, false);
        OverlapStats st = s.stats();
        assertThat(st.objectCounts()).containsExactly(2, 1);
        assertThat(st.shared(0, 1)).isEqualTo(1);
        assertThat(st.inTwoOrMore()).isEqualTo(1);
        assertThat(st.overlapShare()).isEqualTo(0.5);
        assertThat(st.objectMass()[0]).isEqualTo(14.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.labels()).containsExactly(1, 1, 0);
        // per-object gamma: object 2 stricter removes the overlap
        Segmentation s2 =
                Assigner.assign(
                        a, 3, 3, new AssignmentParams(-0.2, Map.of(2, 0.0), Normalisation.L1));
        assertThat(s2.members(2)).containsExactly(false, false, false);
    }

    @Test
    void sparseAndDenseRowsFollowTheSameRule() {
        // Rows of very different density: the pass over the non-zero entries must give what a
        // direct evaluation of the rule over every (object, Gaussian) gives, statistics included.
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 3 * (1 << 14) + 123, l = 5;
        double[] density = {0.9, 0.02, 0.6, 0.2, 0.0};
        float[] a = new float[l * n];
        for (int k = 0; k < l; k++)
            for (int i = 0; i < n; i++)
                if (rnd.nextDouble() < density[k]) a[k * n + i] = (float) rnd.nextDouble();
        Assigner.Prepared p = Assigner.prepare(ContributionTable.ofDense(l, n, a));
        for (Normalisation norm : Normalisation.values()) {
            for (double gamma : new double[] {-0.8, -0.1, 0, 0.4}) {
                Segmentation s = p.assign(new AssignmentParams(gamma, Map.of(), norm));
                boolean[][] got = new boolean[l - 1][];
                for (int o = 1; o < l; o++) got[o - 1] = s.members(o);
                long[] shared = new long[(l - 1) * (l - 1)];
                int inAny = 0, inTwo = 0, wrong = 0;
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int k = 0; k < l; k++) sum += a[k * n + i];
                    int in = 0;
                    boolean[] m = new boolean[l - 1];
                    for (int o = 1; o < l; o++) {
                        double q = sum > 0 ? a[o * n + i] / sum : 0, others = 1 - q;
                        m[o - 1] =
                                sum > 0
                                        && (norm == Normalisation.L1
                                                ? a[o * n + i] > (1 + gamma) / 2 * sum
                                                : q - others > gamma * Math.hypot(q, others));
                        if (got[o - 1][i] != m[o - 1]) wrong++;
                        in += m[o - 1] ? 1 : 0;
                    }
                    if (in > 0) inAny++;
                    if (in > 1) inTwo++;
                    for (int x = 0; x < l - 1; x++)
                        for (int y = 0; y < l - 1; y++) if (m[x] && m[y]) shared[x * (l - 1) + y]++;
                }
                assertThat(wrong).as("%s gamma %s: wrong memberships", norm, gamma).isZero();
                OverlapStats st = s.stats();
                for (int x = 0; x < l - 1; x++)
                    for (int y = 0; y < l - 1; y++)
                        assertThat(st.shared(x, y)).isEqualTo(shared[x * (l - 1) + y]);
                assertThat(st.inAny()).isEqualTo(inAny);
                assertThat(st.inTwoOrMore()).isEqualTo(inTwo);
                if (norm == Normalisation.L1 && gamma < 0) assertThat(inTwo).isPositive();
            }
        }
    }

    @Test
    void l2MatchesTheOriginalCodesFormulas() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 2000, l = 4;
        float[] a = new float[l * n];
        for (int k = 0; k < a.length; k++)
            a[k] = (float) (rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble());
        for (double gamma : new double[] {-0.5, 0, 0.3}) {
            Segmentation s =
                    Assigner.assign(
                            a, l, n, new AssignmentParams(gamma, Map.of(), Normalisation.L2));
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < l; k++) sum += a[k * n + i];
                for (int o = 1; o < l; o++) {
                    boolean expected = false;
                    if (sum > 0) {
                        // original multi-object code: L1 shares, then (others, p) L2-normalised,
                        // +gamma on others
                        double p = a[o * n + i] / sum, others = 1 - p, norm = Math.hypot(p, others);
                        expected = p / norm > others / norm + gamma;
                    }
                    assertThat(s.members(o)[i])
                            .as("gaussian %d object %d gamma %s", i, o, gamma)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void binaryL2EqualsNormalisingTheRawPair() {
        float[] a = columns(new float[] {2, 3}, new float[] {3, 2.5f}, new float[] {1, 4});
        for (double gamma : new double[] {-0.3, 0, 0.1, 0.5}) {
            Segmentation s =
                    Assigner.assign(
                            a, 2, 3, new AssignmentParams(gamma, Map.of(), Normalisation.L2));
            for (int i = 0; i < 3; i++) {
                double c0 = a[i], c1 = a[3 + i], norm = Math.hypot(c0, c1);
                assertThat(s.members(1)[i]).isEqualTo(c1 / norm > c0 / norm + gamma);
            }
        }
    }

    @Test
    void gammaOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> AssignmentParams.of(1.5)).hasMessageContaining("[-1, 1]");
    }
}
