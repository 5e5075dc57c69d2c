package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.cpu.CpuRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SAM-like automatic masks ({@link SamLikeInput}: wholes, parts, both, floor masks, specks, noisy
 * borders), on several seeds: floor masks stay out of the objects, every object gets an instance,
 * parts go to their whole as sub-instances, and no pixel of a left-out mask votes. The goal of
 * issue 18, one instance per object and 99% of the ideal object pixels kept, is met on every seed;
 * the bounds below are what each seed reaches (figures in docs/PERFORMANCE.md, from {@code
 * measure}).
 */
class SamLikeAssociationTest {
    @ParameterizedTest
    @CsvSource({
        // seed, most top-level instances on one object, least share of object pixels kept
        "20261202, 1, 0.990",
        "11, 1, 0.996",
        "4242, 1, 0.992",
        "5, 1, 0.998",
        "6, 1, 0.997",
        "1, 1, 0.993",
        "2, 1, 0.993",
        "3, 1, 0.995",
        // Seeds 7-10 were added after the rules above were settled and were never tuned on.
        "7, 1, 0.995",
        "8, 1, 0.996",
        "9, 1, 0.992",
        "10, 1, 0.998"
    })
    void floorMasksStayOutOfTheObjectsAndPartsJoinTheirWholes(
            long seed, int mostPerObject, double leastKept) {
        SamLikeInput.Input in = SamLikeInput.make(seed);
        AssociationTable t = associate(in, AssociationParams.defaults());
        Score s = print(seed, t, score(in, t));
        assertThat(s.floorInObjects()).isLessThanOrEqualTo(0.001);
        assertThat(s.minPerObject()).isGreaterThanOrEqualTo(1);
        assertThat(s.maxPerObject()).isLessThanOrEqualTo(mostPerObject);
        assertThat(s.kept()).isGreaterThanOrEqualTo(leastKept);
        // Left-out masks vote for nothing when lifted: their pixels are ignored, not background.
        AssociationSnapshot snap = t.snapshot();
        for (int v = 0; v < in.views().size(); v++) {
            LabelMask local = in.views().get(v).local(), lift = snap.relabelForLift(v, local);
            for (MaskAssignment m : t.masks(v)) {
                int p = firstPixel(local, m.local());
                assertThat(lift.labels()[p])
                        .as("view %d mask %d", v, m.local())
                        .isEqualTo(m.instance() == 0 ? LabelMask.IGNORE : m.instance());
            }
        }
    }

    /**
     * The parts the association found are parts of the object their whole shows, and splitting one
     * out (then undoing it) moves exactly its masks.
     */
    @Test
    void partsAreRecordedUnderTheirWholeAndCanBeSplitOut() {
        SamLikeInput.Input in = SamLikeInput.make(20261202L);
        AssociationTable t = associate(in, AssociationParams.defaults());
        int parts = 0;
        for (Instance i : t.instances()) {
            int object = object(in, t.members(i.id()));
            for (int part : t.parts(i.id())) {
                parts++;
                List<MaskKey> pm = t.partMembers(i.id(), part);
                assertThat(object(in, pm)).as("part %d of %s", part, i.name()).isEqualTo(object);
            }
        }
        assertThat(parts).isPositive();
        Instance whole =
                t.instances().stream().filter(i -> !t.parts(i.id()).isEmpty()).findFirst().get();
        int part = t.parts(whole.id()).getFirst();
        List<MaskKey> pm = t.partMembers(whole.id(), part);
        List<MaskAssignment> before = t.allMasks();
        Score joined = score(in, t);

        t.apply(new Edit.SplitPart(whole.id(), part, null));
        int made = t.instances().getLast().id();
        assertThat(t.members(made)).isEqualTo(pm);
        assertThat(t.members(whole.id())).isNotEmpty().doesNotContainAnyElementsOf(pm);
        assertThat(t.parts(whole.id())).doesNotContain(part);

        t.undo();
        assertThat(t.allMasks()).isEqualTo(before);
        assertThat(score(in, t)).isEqualTo(joined);
    }

    /** The object most of these masks' pixels show (0: floor). */
    private static int object(SamLikeInput.Input in, List<MaskKey> masks) {
        long[] count = new long[in.objects() + 1];
        for (MaskKey k : masks) {
            int[] l = in.views().get(k.view()).local().labels();
            int[] o = in.views().get(k.view()).origin();
            for (int p = 0; p < l.length; p++) if (l[p] == k.local()) count[o[p]]++;
        }
        int best = 0;
        for (int o = 1; o < count.length; o++) if (count[o] > count[best]) best = o;
        return best;
    }

    private static int firstPixel(LabelMask m, int local) {
        for (int p = 0; p < m.labels().length; p++) if (m.labels()[p] == local) return p;
        throw new AssertionError("no pixel of mask " + local);
    }

    /** What an association made of the input, against the ideal one. */
    record Score(
            int objectInstances,
            int maxPerObject,
            int minPerObject,
            double kept,
            double floorInObjects) {}

    static Score score(SamLikeInput.Input in, AssociationTable t) {
        AssociationSnapshot s = t.snapshot();
        int k = in.objects();
        Map<Integer, long[]> byInstance = new HashMap<>(); // instance -> pixels per origin 0..k
        int[][] globals = new int[in.views().size()][];
        long objectPixels = 0;
        for (int v = 0; v < globals.length; v++) {
            SamLikeInput.View view = in.views().get(v);
            globals[v] = s.relabel(v, view.local()).labels();
            int[] local = view.local().labels(), origin = view.origin();
            for (int p = 0; p < local.length; p++) {
                if (local[p] == 0) continue;
                if (origin[p] > 0) objectPixels++;
                if (globals[v][p] > 0)
                    byInstance.computeIfAbsent(globals[v][p], x -> new long[k + 1])[origin[p]]++;
            }
        }
        if (Boolean.getBoolean("samlike.debug"))
            byInstance.forEach(
                    (i, c) ->
                            System.out.println(
                                    "  instance " + i + ": " + java.util.Arrays.toString(c)));
        int[] perObject = new int[k + 1];
        int[] rep = new int[k + 1];
        long[] repPixels = new long[k + 1];
        Map<Integer, Integer> objectOf = new HashMap<>();
        byInstance.forEach(
                (inst, counts) -> {
                    int best = 0;
                    for (int o = 1; o <= k; o++) if (counts[o] > counts[best]) best = o;
                    if (best == 0) return; // mostly floor
                    objectOf.put(inst, best);
                    perObject[best]++;
                    if (counts[best] > repPixels[best]) {
                        repPixels[best] = counts[best];
                        rep[best] = inst;
                    }
                });
        long kept = 0, floorIn = 0, floorPixels = 0;
        for (int v = 0; v < globals.length; v++) {
            int[] local = in.views().get(v).local().labels(), origin = in.views().get(v).origin();
            for (int p = 0; p < local.length; p++) {
                if (local[p] == 0) continue;
                int o = origin[p], g = globals[v][p];
                if (o > 0 && g == rep[o]) kept++;
                if (o == 0) {
                    floorPixels++;
                    if (objectOf.containsKey(g)) floorIn++;
                }
            }
        }
        int max = 0, min = Integer.MAX_VALUE;
        for (int o = 1; o <= k; o++) {
            max = Math.max(max, perObject[o]);
            min = Math.min(min, perObject[o]);
        }
        return new Score(
                objectOf.size(),
                max,
                min,
                (double) kept / objectPixels,
                (double) floorIn / Math.max(1, floorPixels));
    }

    static AssociationTable associate(SamLikeInput.Input in, AssociationParams params) {
        try (CpuRenderer r = new CpuRenderer()) {
            return Associator.run(
                            in.scene().scene(),
                            in.scene().cameras(),
                            v -> in.views().get(v).local(),
                            params,
                            r,
                            Progress.NONE)
                    .table();
        }
    }

    static Score measure(long seed) {
        SamLikeInput.Input in = SamLikeInput.make(seed);
        AssociationTable t = associate(in, AssociationParams.defaults());
        return print(seed, t, score(in, t));
    }

    private static Score print(long seed, AssociationTable t, Score s) {
        System.out.printf(
                "sam-like seed %d: %d instances, %d on objects (per object %d..%d), %.2f%% of object"
                        + " pixels kept, %.2f%% of floor pixels in objects%n",
                seed,
                t.instances().size(),
                s.objectInstances(),
                s.minPerObject(),
                s.maxPerObject(),
                100 * s.kept(),
                100 * s.floorInObjects());
        return s;
    }
}
