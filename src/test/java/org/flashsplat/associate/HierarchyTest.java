package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;
import org.junit.jupiter.api.Test;

/**
 * {@link Hierarchy} on a dozen hand-placed Gaussians. Gaussians 0-7 are a big thing (the corners of
 * a cube), 8-11 a small one (a square across the x axis). Six views show the two apart, three views
 * show one mask over both (70% of its weight on the big thing, 30% on the small one): the
 * clustering keeps two instances and holds those masks back as under-segmented, so only the
 * hierarchy can relate the two. What tells a part from a second object is where the small thing
 * lies in 3D, not the images: the masks are the same in every case.
 */
class HierarchyTest {
    private static final AssociationParams PARAMS = AssociationParams.defaults();
    private static final int BIG = 8, SMALL = 4;

    /**
     * Big cube of half-side 0.6 at the origin; small square of half-side 0.15 at x = {@code at}.
     */
    private static GaussianScene scene(double at) {
        int n = BIG + SMALL;
        float[] x = new float[n], y = new float[n], z = new float[n];
        for (int i = 0; i < BIG; i++) {
            x[i] = (i & 1) == 0 ? -0.6f : 0.6f;
            y[i] = (i & 2) == 0 ? -0.6f : 0.6f;
            z[i] = (i & 4) == 0 ? -0.6f : 0.6f;
        }
        for (int i = 0; i < SMALL; i++) {
            x[BIG + i] = (float) at;
            y[BIG + i] = (i & 1) == 0 ? -0.15f : 0.15f;
            z[BIG + i] = (i & 2) == 0 ? -0.15f : 0.15f;
        }
        return scene(x, y, z);
    }

    private static GaussianScene scene(float[] x, float[] y, float[] z) {
        List<VertexTable.Column> cols = new ArrayList<>();
        for (String name : GaussianScene.REQUIRED) {
            float[] v =
                    switch (name) {
                        case "x" -> x;
                        case "y" -> y;
                        case "z" -> z;
                        default -> new float[x.length];
                    };
            if (name.equals("rot_0")) java.util.Arrays.fill(v, 1);
            cols.add(new VertexTable.Column(name, PlyType.FLOAT, v));
        }
        return GaussianScene.of(new VertexTable(x.length, cols, List.of()), null);
    }

    /** A mask over Gaussians [from, to), {@code share} of its weight spread evenly over them. */
    private static void spread(List<Integer> g, List<Float> w, int from, int to, double share) {
        for (int i = from; i < to; i++) {
            g.add(i);
            w.add((float) (share / (to - from)));
        }
    }

    private static MaskSupport mask(int view, int local, double onBig, double onSmall) {
        List<Integer> g = new ArrayList<>();
        List<Float> w = new ArrayList<>();
        if (onBig > 0) spread(g, w, 0, BIG, onBig);
        if (onSmall > 0) spread(g, w, BIG, BIG + SMALL, onSmall);
        float[] wa = new float[w.size()];
        for (int k = 0; k < wa.length; k++) wa[k] = w.get(k);
        return new MaskSupport(
                view, local, 100, g.stream().mapToInt(Integer::intValue).toArray(), wa, 1);
    }

    /** Views 0-5 show the two apart, views 6-8 one mask over both. */
    private static MaskSupport[] masks() {
        List<MaskSupport> out = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            out.add(mask(v, 1, 1, 0));
            out.add(mask(v, 2, 0, 1));
        }
        for (int v = 6; v < 9; v++) out.add(mask(v, 1, 0.7, 0.3));
        return out.toArray(MaskSupport[]::new);
    }

    private static final int FIRST_BRIDGE = 12;

    /** Clustered: two instances, the bridging masks with the big one and casting no vote. */
    private static Clusterer clustered(GaussianScene scene) {
        Clusterer c = new Clusterer(masks(), scene.count(), PARAMS);
        c.run();
        int big = c.instance[0], small = c.instance[1];
        assertThat(big).isNotEqualTo(small);
        for (int m = 0; m < FIRST_BRIDGE; m++)
            assertThat(c.instance[m]).isEqualTo(m % 2 == 0 ? big : small);
        for (int m = FIRST_BRIDGE; m < c.maskCount(); m++) {
            assertThat(c.instance[m]).isEqualTo(big);
            assertThat(c.votes[m]).as("bridging mask %d votes", m).isFalse();
        }
        return c;
    }

    @Test
    void aPartInsideItsWholeAndBridgedByEnoughMasksIsRecordedAsAPart() {
        // The small square sits on the cube's face, inside its extent: centres 0.6 apart, well
        // under 0.8 times the sum of the RMS radii (1.04 + 0.21).
        GaussianScene scene = scene(0.6);
        Clusterer c = clustered(scene);
        int big = c.instance[0], small = c.instance[1];
        Hierarchy.Result h = Hierarchy.find(c, scene, PARAMS);
        assertThat(h.top()[small]).isEqualTo(big);
        assertThat(h.top()[big]).isEqualTo(big);
        for (int m = 0; m < c.maskCount(); m++) {
            assertThat(h.root()[m]).as("mask %d", m).isEqualTo(big);
            boolean ofSmall = c.instance[m] == small;
            assertThat(h.part()[m]).as("mask %d", m).isEqualTo(ofSmall ? small : -1);
        }
    }

    @Test
    void twoObjectsApartInTheSceneAreNotJoinedWhateverTheMasksSay() {
        // The same masks, the same bridges, but the small thing 3 units away: two objects that
        // overlap in three images (one in front of the other), not a part.
        GaussianScene scene = scene(3);
        Clusterer c = clustered(scene);
        int big = c.instance[0], small = c.instance[1];
        Hierarchy.Result h = Hierarchy.find(c, scene, PARAMS);
        assertThat(h.top()[small]).isEqualTo(small);
        assertThat(h.top()[big]).isEqualTo(big);
        for (int m = 0; m < c.maskCount(); m++) {
            assertThat(h.root()[m]).as("mask %d", m).isEqualTo(c.instance[m]);
            assertThat(h.part()[m]).as("mask %d", m).isEqualTo(-1);
        }
    }

    @Test
    void tooFewBridgesMakeNoPart() {
        // One whole mask against six views apart: a slip, not a part, however near.
        GaussianScene scene = scene(0.6);
        MaskSupport[] all = masks();
        MaskSupport[] one = java.util.Arrays.copyOf(all, FIRST_BRIDGE + 1);
        Clusterer c = new Clusterer(one, scene.count(), PARAMS);
        c.run();
        Hierarchy.Result h = Hierarchy.find(c, scene, PARAMS);
        assertThat(h.top()[c.instance[1]]).isEqualTo(c.instance[1]);
        assertThat(h.part()).containsOnly(-1);
    }

    @Test
    void anInstanceOfTwoGroupsApartInTheSceneIsSplitAndOneObjectIsNot() {
        // Two things 10 units apart, each seen alone in six views: two instances. Put together
        // by hand (as parts of two objects seen through each other end up), they are split again
        // along the same line.
        GaussianScene scene = scene(10);
        MaskSupport[] masks = java.util.Arrays.copyOf(masks(), FIRST_BRIDGE);
        Clusterer c = new Clusterer(masks, scene.count(), PARAMS);
        c.run();
        int big = c.instance[0], small = c.instance[1];
        assertThat(big).isNotEqualTo(small);
        assertThat(Hierarchy.splitApart(c, scene)).isZero(); // each is one compact thing
        for (int m = 1; m < FIRST_BRIDGE; m += 2) c.move(m, big);
        assertThat(c.members(big)).isEqualTo(FIRST_BRIDGE);

        assertThat(Hierarchy.splitApart(c, scene)).isEqualTo(1);
        int one = c.instance[0], two = c.instance[1];
        assertThat(one).isNotEqualTo(two);
        for (int m = 0; m < FIRST_BRIDGE; m++)
            assertThat(c.instance[m]).as("mask %d", m).isEqualTo(m % 2 == 0 ? one : two);
        assertThat(c.members(one)).isEqualTo(6);
        assertThat(c.members(two)).isEqualTo(6);

        // One object seen from two sides: masks of the cube's left and right halves are about a
        // radius apart, within the two halves' radii, so the instance stays whole.
        GaussianScene cube = scene(0);
        List<MaskSupport> halves = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            int[] g = v % 2 == 0 ? new int[] {0, 2, 4, 6} : new int[] {1, 3, 5, 7};
            halves.add(new MaskSupport(v, 1, 100, g, new float[] {.25f, .25f, .25f, .25f}, 1));
        }
        Clusterer h = new Clusterer(halves.toArray(MaskSupport[]::new), cube.count(), PARAMS);
        h.run();
        for (int m = 1; m < halves.size(); m++) h.move(m, h.instance[0]);
        assertThat(Hierarchy.splitApart(h, cube)).isZero();
        assertThat(h.members(h.instance[0])).isEqualTo(halves.size());
    }
}
