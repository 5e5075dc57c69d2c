package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.flashsplat.sample.SampleMasks;
import org.flashsplat.sample.SceneGenerator;
import org.flashsplat.sample.SceneSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated scene of 6 objects and 20 views whose true masks are corrupted like SAM's automatic
 * masks ({@link Corruption}): the association puts at least 95% of the labelled pixels in the right
 * instance, and does it the same way every time.
 */
class GeneratedAssociationTest {
    static final int OBJECTS = 6;
    static SceneGenerator.Generated g;
    static List<Corruption.Corrupted> masks = new ArrayList<>();

    static SceneSpec spec() {
        return new SceneSpec(
                "assoc-test",
                30_000,
                OBJECTS,
                0.6,
                0.2,
                0.3,
                0.8,
                2.4,
                0.012,
                0.03,
                0.35,
                0.99,
                0,
                20,
                200,
                150,
                60,
                3.0,
                -1.3,
                0.45,
                20261124L);
    }

    @BeforeAll
    static void make() {
        g = SceneGenerator.generate(spec());
        SplittableRandom rnd = new SplittableRandom(7);
        try (CpuRenderer r = new CpuRenderer()) {
            for (Camera c : g.cameras())
                masks.add(Corruption.apply(SampleMasks.truth(r, g, c), OBJECTS, rnd.split()));
        }
    }

    static AssociationTable associate() {
        try (CpuRenderer r = new CpuRenderer()) {
            return Associator.run(
                            g.scene(),
                            g.cameras(),
                            v -> masks.get(v).local(),
                            AssociationParams.defaults(),
                            r,
                            Progress.NONE)
                    .table();
        }
    }

    @Test
    void putsNearlyEveryLabelledPixelInTheRightInstance() {
        assertThat(score(associate())).isGreaterThanOrEqualTo(0.95);
    }

    /** Share of labelled pixels in the right instance; prints the figures. */
    static double score(AssociationTable t) {
        AssociationSnapshot s = t.snapshot();
        // Each instance stands for the object most of its pixels show.
        Map<Long, Long> votes = new HashMap<>();
        List<int[]> globals = new ArrayList<>();
        for (int v = 0; v < masks.size(); v++) {
            int[] gl = s.relabel(v, masks.get(v).local()).labels();
            globals.add(gl);
            int[] o = masks.get(v).origin();
            for (int p = 0; p < gl.length; p++)
                if (o[p] > 0 && gl[p] > 0) votes.merge((long) gl[p] << 32 | o[p], 1L, Long::sum);
        }
        Map<Integer, Integer> object = new HashMap<>();
        Map<Integer, Long> best = new HashMap<>();
        votes.forEach(
                (key, n) -> {
                    int inst = (int) (key >>> 32), obj = (int) (long) key;
                    if (n > best.getOrDefault(inst, -1L)) {
                        best.put(inst, n);
                        object.put(inst, obj);
                    }
                });
        long labelled = 0, right = 0;
        int splits = 0, merges = 0, drops = 0;
        for (int v = 0; v < masks.size(); v++) {
            int[] o = masks.get(v).origin(), gl = globals.get(v);
            for (int p = 0; p < o.length; p++) {
                if (o[p] == 0) continue;
                labelled++;
                if (gl[p] > 0 && object.get(gl[p]) == o[p]) right++;
            }
            splits += masks.get(v).split() ? 1 : 0;
            merges += masks.get(v).merged() ? 1 : 0;
            drops += masks.get(v).dropped() ? 1 : 0;
        }
        double share = (double) right / labelled;
        System.out.printf(
                "generated association: %.2f%% of %,d labelled pixels right; %d instances for %d"
                        + " objects; %d views with a split, %d with a merge, %d with a drop%n",
                100 * share, labelled, t.instances().size(), OBJECTS, splits, merges, drops);
        long flagged = t.allMasks().stream().filter(m -> m.has(MaskFlag.UNDER_SEGMENTED)).count();
        System.out.printf(
                "  under-segmented flags: %d; split flags: %d%n",
                flagged, t.allMasks().stream().filter(m -> m.has(MaskFlag.SPLIT)).count());
        assertThat(splits).isPositive();
        assertThat(merges).isPositive();
        assertThat(drops).isPositive();
        return share;
    }

    @Test
    void isDeterministic() {
        AssociationTable a = associate(), b = associate();
        assertThat(b.allMasks()).isEqualTo(a.allMasks());
        assertThat(b.instances()).isEqualTo(a.instances());
    }
}
