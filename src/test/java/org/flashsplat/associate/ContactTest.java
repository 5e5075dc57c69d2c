package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;
import org.junit.jupiter.api.Test;

/**
 * {@link Contact} on sheets of Gaussians laid on a grid of their own scale (0.1), so that which
 * Gaussians lie against which is plain: neighbours on a sheet, or one sheet a grid step above
 * another, are in neighbouring cells.
 */
class ContactTest {
    private static final AssociationParams PARAMS = AssociationParams.defaults();
    private static final double STEP = 0.1;

    /** Gaussians of sheets given as {x0, y0, z, columns, rows} in grid steps, in order. */
    private static GaussianScene scene(int[]... sheets) {
        List<float[]> at = new ArrayList<>();
        for (int[] s : sheets)
            for (int j = 0; j < s[4]; j++)
                for (int i = 0; i < s[3]; i++)
                    at.add(
                            new float[] {
                                (float) ((s[0] + i + 0.5) * STEP),
                                (float) ((s[1] + j + 0.5) * STEP),
                                (float) ((s[2] + 0.5) * STEP)
                            });
        int n = at.size();
        List<VertexTable.Column> cols = new ArrayList<>();
        for (String name : GaussianScene.REQUIRED) {
            float[] v = new float[n];
            for (int g = 0; g < n; g++) {
                v[g] =
                        switch (name) {
                            case "x" -> at.get(g)[0];
                            case "y" -> at.get(g)[1];
                            case "z" -> at.get(g)[2];
                            case "scale_0", "scale_1", "scale_2" -> (float) Math.log(STEP);
                            case "rot_0" -> 1;
                            default -> 0;
                        };
            }
            cols.add(new VertexTable.Column(name, PlyType.FLOAT, v));
        }
        return GaussianScene.of(new VertexTable(n, cols, List.of()), null);
    }

    /** A mask over Gaussians [from, to), its weight spread evenly. */
    private static MaskSupport mask(int view, int local, int from, int to) {
        int[] g = new int[to - from];
        float[] w = new float[g.length];
        for (int k = 0; k < g.length; k++) {
            g[k] = from + k;
            w[k] = 1f / g.length;
        }
        return new MaskSupport(view, local, 100, g, w, 1);
    }

    // Gaussians: a 10x10 sheet (0-99); a 3x3 patch one step above its middle (100-108), the
    // same surface seen from the other side; a 10x10 sheet beside the first, touching it along
    // one column (109-208).
    private static final int[] BIG = {0, 0, 0, 10, 10}, PATCH = {3, 3, 1, 3, 3};
    private static final int[] BESIDE = {10, 0, 0, 10, 10};

    @Test
    void aPieceLyingAgainstABiggerInstanceBecomesItsPartAndOneTouchingItAlongAnEdgeDoesNot() {
        GaussianScene scene = scene(BIG, PATCH, BESIDE);
        List<MaskSupport> list = new ArrayList<>();
        for (int v = 0; v < 6; v++) {
            list.add(mask(v, 1, 0, 100));
            list.add(mask(v, 2, 109, 209));
        }
        // The patch in two views only, by masks no whole mask bridges: nothing in the images
        // relates it to the sheet under it.
        list.add(mask(6, 1, 100, 109));
        list.add(mask(7, 1, 100, 109));
        MaskSupport[] masks = list.toArray(MaskSupport[]::new);
        Clusterer c = new Clusterer(masks, scene.count(), PARAMS);
        c.run();
        int big = c.instance[0], beside = c.instance[1], patch = c.instance[12];
        assertThat(new int[] {big, beside, patch}).doesNotHaveDuplicates();
        Hierarchy.Result h = Hierarchy.find(c, scene, PARAMS);
        assertThat(h.part()).containsOnly(-1);

        Hierarchy.Result after = Contact.follow(h, masks, c, scene);
        assertThat(after.top()[patch]).isEqualTo(big);
        // The sheet beside puts a tenth of its weight against the first one.
        assertThat(after.top()[beside]).isEqualTo(beside);
        assertThat(after.top()[big]).isEqualTo(big);
        for (int m = 0; m < masks.length; m++) {
            int inst = c.instance[m];
            assertThat(after.root()[m]).as("mask %d", m).isEqualTo(inst == patch ? big : inst);
            assertThat(after.part()[m]).as("mask %d", m).isEqualTo(inst == patch ? patch : -1);
        }
    }

    /**
     * A patch far from the sheet {@link #BIG}: Gaussians 100-108 of {@code scene(BIG, FAR_PATCH)}.
     */
    private static final int[] FAR_PATCH = {50, 0, 0, 3, 3};

    /**
     * Clustered masks of that scene: the sheet in views 0-5, the far patch in {@code patchViews}
     * views from view 6 on.
     */
    private static Clusterer sheetAndFarPatch(GaussianScene scene, int patchViews) {
        List<MaskSupport> list = new ArrayList<>();
        for (int v = 0; v < 6; v++) list.add(mask(v, 1, 0, 100));
        for (int v = 6; v < 6 + patchViews; v++) list.add(mask(v, 2, 100, 109));
        Clusterer c = new Clusterer(list.toArray(MaskSupport[]::new), scene.count(), PARAMS);
        c.run();
        return c;
    }

    @Test
    void aPieceApartFromItsInstanceIsSplitOffWhenTwoViewsHoldIt() {
        // A sheet, and a patch far from it (x 5-5.3) seen in views 6 and 7, put into the sheet's
        // instance by hand (as an object's part seen through another's edge ends up).
        GaussianScene scene = scene(BIG, FAR_PATCH);
        Clusterer c = sheetAndFarPatch(scene, 2);
        int sheet = c.instance[0];
        assertThat(Contact.splitPieces(c, scene)).isZero(); // each instance is one piece
        c.move(6, sheet);
        c.move(7, sheet);
        assertThat(c.members(sheet)).isEqualTo(8);

        assertThat(Contact.splitPieces(c, scene)).isEqualTo(1);
        assertThat(c.instance[6]).isNotEqualTo(sheet).isEqualTo(c.instance[7]);
        for (int m = 0; m < 6; m++) assertThat(c.instance[m]).isEqualTo(sheet);
    }

    @Test
    void aPieceOneViewAloneHoldsStays() {
        // The far patch seen by one mask: a glimpse of a side no other view shows.
        GaussianScene scene = scene(BIG, FAR_PATCH);
        Clusterer c = sheetAndFarPatch(scene, 1);
        c.move(6, c.instance[0]);
        int[] before = Arrays.copyOf(c.instance, c.instance.length);

        assertThat(Contact.splitPieces(c, scene)).isZero();
        assertThat(c.instance).containsExactly(before);
    }
}
