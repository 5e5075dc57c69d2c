package org.flashsplat.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flashsplat.core.Npy;
import org.flashsplat.raster.Memberships;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyReader;
import org.junit.jupiter.api.Test;

class SelectionEditTest {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");

    /** Box selection, "remove from object", undo: exact round trip; counts and exports follow. */
    @Test
    void boxRemoveAndUndoRoundTripOnTheGoldenTabletop() throws Exception {
        GaussianScene s = PlyReader.readScene(DIR.resolve("point_cloud.ply"));
        int[] truth = (int[]) Npy.read(DIR.resolve("labels_gt.npy")).data();
        int objects = 4, n = truth.length;
        byte[] member = new byte[objects * n];
        for (int i = 0; i < n; i++) if (truth[i] > 0) member[(truth[i] - 1) * n + i] = 1;
        // An overlap, so the overlap count has something to follow: object 1 also holds 50 of 2.
        int shared = 0;
        for (int i = 0; i < n && shared < 50; i++)
            if (truth[i] == 2) {
                member[i] = 1;
                shared++;
            }
        Memberships base = Memberships.ofDense(objects, n, member);
        MembershipOverrides o = new MembershipOverrides();
        int before2 = o.count(base, 1), overlapBefore = o.overlap(base, 0, 1);
        boolean[] exportBefore = o.keep(base, 1);

        // The upper half of object 2's bounding box (in x).
        double[] min = {Double.MAX_VALUE, -1e9, -1e9}, max = {-Double.MAX_VALUE, 1e9, 1e9};
        for (int i = 0; i < n; i++)
            if (truth[i] == 2) {
                min[0] = Math.min(min[0], s.x[i]);
                max[0] = Math.max(max[0], s.x[i]);
            }
        min[0] = (min[0] + max[0]) / 2;
        int[] box = Selections.box(s, min, max);
        int inBoxAnd2 = 0, inBoxAndShared = 0;
        for (int g : box) {
            if (base.contains(1, g)) inBoxAnd2++;
            if (base.contains(1, g) && base.contains(0, g)) inBoxAndShared++;
        }
        assertThat(inBoxAnd2).isPositive().isLessThan(before2);

        SelectionEdit e = SelectionEdit.apply(o, SelectionEdit.Kind.REMOVE, 1, box);
        assertThat(o.count(base, 1)).isEqualTo(before2 - inBoxAnd2);
        assertThat(o.overlap(base, 0, 1)).isEqualTo(overlapBefore - inBoxAndShared);
        boolean[] exported = o.keep(base, 1);
        for (int g : box) assertThat(exported[g]).isFalse();
        assertThat(o.count(base, 0)).as("other objects untouched").isEqualTo(count(base, 0));

        e.undo(o);
        assertThat(o.isEmpty()).isTrue();
        for (int k = 0; k < objects; k++)
            for (int g = 0; g < n; g++)
                assertThat(o.contains(base, k, g)).isEqualTo(base.contains(k, g));
        assertThat(o.keep(base, 1)).isEqualTo(exportBefore);
        assertThat(o.overlap(base, 0, 1)).isEqualTo(overlapBefore);

        e.redo(o); // and redo gives the same edit again
        assertThat(o.count(base, 1)).isEqualTo(before2 - inBoxAnd2);
    }

    @Test
    void addThenUndoKeepsWhatWasForcedBefore() {
        Memberships base = Memberships.ofDense(1, 4, new byte[] {1, 0, 0, 1});
        MembershipOverrides o = new MembershipOverrides();
        SelectionEdit first = SelectionEdit.apply(o, SelectionEdit.Kind.REMOVE, 0, new int[] {3});
        SelectionEdit second = SelectionEdit.apply(o, SelectionEdit.Kind.ADD, 0, new int[] {1, 3});
        assertThat(o.count(base, 0)).isEqualTo(3);
        second.undo(o);
        assertThat(o.contains(base, 0, 3)).as("still removed by the first edit").isFalse();
        assertThat(o.contains(base, 0, 1)).isFalse();
        first.undo(o);
        assertThat(o.contains(base, 0, 3)).isTrue();
        assertThat(o.isEmpty()).isTrue();
    }

    @Test
    void lassoSelectsThroughDepth() {
        assertThat(
                        Selections.inside(
                                new double[] {0, 10, 10, 0}, new double[] {0, 0, 10, 10}, 5, 5))
                .isTrue();
        assertThat(
                        Selections.inside(
                                new double[] {0, 10, 10, 0}, new double[] {0, 0, 10, 10}, 15, 5))
                .isFalse();
    }

    private static int count(Memberships m, int k) {
        int c = 0;
        for (int g = 0; g < m.count(); g++) if (m.contains(k, g)) c++;
        return c;
    }
}
