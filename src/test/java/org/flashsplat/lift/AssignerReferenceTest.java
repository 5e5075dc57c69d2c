package org.flashsplat.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.flashsplat.raster.ContributionTable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gamma pass (segments sorted by share, binary search, members only) against a direct
 * evaluation of the rule at every non-zero entry, over several parts of Gaussians, shares that land
 * exactly on the threshold, and object counts on both sides of the dense pair table.
 */
class AssignerReferenceTest {

    /** Columns of 1 to 4 labels drawn from {@code labels}; some values repeat to make ties. */
    private static ContributionTable randomTable(long seed, int labels, int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] rows = new int[count][];
        float[][] vals = new float[count][];
        for (int i = 0; i < count; i++) {
            int n = 1 + rnd.nextInt(4);
            java.util.TreeSet<Integer> pick = new java.util.TreeSet<>();
            // Objects cluster by position, as they do in a scene, so segments have many entries.
            int base = (int) ((long) i * (labels - 1) / count);
            while (pick.size() < n) {
                int l =
                        rnd.nextInt(5) == 0
                                ? 0
                                : 1 + Math.floorMod(base + rnd.nextInt(7) - 3, labels - 1);
                pick.add(l);
            }
            rows[i] = pick.stream().mapToInt(Integer::intValue).toArray();
            vals[i] = new float[n];
            for (int j = 0; j < n; j++)
                vals[i][j] = rnd.nextInt(3) == 0 ? 1f : (float) rnd.nextDouble();
        }
        long entries = 0;
        for (int[] r : rows) entries += r.length;
        int[] start = new int[count + 1];
        int[] label = new int[(int) entries];
        float[] value = new float[(int) entries];
        for (int i = 0, e = 0; i < count; i++) {
            start[i] = e;
            for (int j = 0; j < rows[i].length; j++, e++) {
                label[e] = rows[i][j];
                value[e] = vals[i][j];
            }
        }
        start[count] = (int) entries;
        return ContributionTable.ofFloats(labels, count, start, label, value);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 500})
    void gammaPassEqualsTheRuleAtEveryEntry(int labels) throws Exception {
        int count = 3 * 65536 + 777;
        ContributionTable t = randomTable(labels, labels, count);
        Assigner.Prepared p = Assigner.prepare(t);
        int[] start = t.start(), label = t.label();
        float[] value = t.value();
        for (Normalisation norm : Normalisation.values()) {
            for (double gamma : new double[] {-0.6, 0, 0.3}) {
                AssignmentParams params = new AssignmentParams(gamma, Map.of(), norm);
                Segmentation s = p.assign(params);
                int k = labels - 1, inAny = 0, inTwo = 0;
                int[] counts = new int[k];
                double[] mass = new double[k];
                java.util.TreeMap<Long, Long> pairs = new java.util.TreeMap<>();
                int ties = 0;
                for (int i = 0; i < count; i++) {
                    double total = 0;
                    for (int e = start[i]; e < start[i + 1]; e++) total += value[e];
                    java.util.List<Integer> in = new java.util.ArrayList<>();
                    for (int e = start[i]; e < start[i + 1]; e++) {
                        if (label[e] == 0) continue;
                        double q = value[e] / total, half = (1 + gamma) / 2;
                        if (q == half) ties++;
                        boolean member =
                                norm == Normalisation.L1
                                        ? q > half
                                        : q - (1 - q)
                                                > gamma * Math.sqrt(q * q + (1 - q) * (1 - q));
                        assertThat(s.memberships().contains(label[e] - 1, i))
                                .as("%s gamma %s Gaussian %d label %d", norm, gamma, i, label[e])
                                .isEqualTo(member);
                        if (!member) continue;
                        counts[label[e] - 1]++;
                        mass[label[e] - 1] += value[e];
                        in.add(label[e] - 1);
                    }
                    if (!in.isEmpty()) inAny++;
                    if (in.size() > 1) inTwo++;
                    for (int x = 0; x < in.size(); x++)
                        for (int y = x + 1; y < in.size(); y++)
                            pairs.merge(((long) in.get(x) << 32) | in.get(y), 1L, Long::sum);
                }
                if (norm == Normalisation.L1 && gamma == 0) assertThat(ties).isPositive();
                OverlapStats st = s.stats();
                assertThat(st.objectCounts()).containsExactly(counts);
                for (int o = 0; o < k; o++)
                    assertThat(st.objectMass()[o])
                            .isCloseTo(
                                    mass[o],
                                    org.assertj.core.data.Offset.offset(1e-9 * (1 + mass[o])));
                assertThat(st.inAny()).isEqualTo(inAny);
                assertThat(st.inTwoOrMore()).isEqualTo(inTwo);
                assertThat(st.pairs().keys())
                        .containsExactly(
                                pairs.keySet().stream().mapToLong(Long::longValue).toArray());
                assertThat(st.pairs().counts())
                        .containsExactly(
                                pairs.values().stream().mapToLong(Long::longValue).toArray());

                // The same bits from one thread.
                Segmentation one = new ForkJoinPool(1).submit(() -> p.assign(params)).get();
                assertThat(one.memberships().sameAs(s.memberships())).isTrue();
                assertThat(one.stats().objectMass()).containsExactly(st.objectMass());
                assertThat(one.stats().pairs().counts()).containsExactly(st.pairs().counts());
            }
        }
    }
}
