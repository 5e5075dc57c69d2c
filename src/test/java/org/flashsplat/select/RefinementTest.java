package org.flashsplat.select;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Map;
import java.util.Random;
import org.flashsplat.cleanup.FloaterFilter;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Memberships;
import org.flashsplat.scene.GaussianScene;
import org.junit.jupiter.api.Test;

/**
 * The refined segmentation against a brute-force reading of its definition: lift, then hand edits,
 * then cleanup (which never takes a hand-added Gaussian), with counts, overlaps, masses and labels
 * recomputed for exactly those memberships.
 */
class RefinementTest {
    @Test
    void editsThenCleanupMatchBruteForce() {
        Random rnd = new Random(7);
        int n = 4000, labels = 4; // background + 3 objects
        float[] a = new float[labels * n];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() < 0.5 ? 0 : rnd.nextFloat();
        ContributionTable table = ContributionTable.ofDense(labels, n, a);
        Segmentation lifted = Assigner.assign(table, AssignmentParams.of(-0.3));
        GaussianScene scene = scene(rnd, n);
        Memberships base = lifted.memberships();

        MembershipOverrides o = new MembershipOverrides();
        int[] removed = {0, 1, 2, 3, 10, 11, 500};
        int[] added = {4, 5, 6, 3999};
        SelectionEdit.apply(o, SelectionEdit.Kind.REMOVE, 0, removed);
        SelectionEdit.apply(o, SelectionEdit.Kind.ADD, 1, added);
        SelectionEdit.apply(o, SelectionEdit.Kind.ADD, 4, new int[] {7, 8}); // a new object 5
        Segmentation r = Refinement.apply(lifted, table, o, scene, Map.of(2, 1.0), 0);
        Memberships m = r.memberships();
        assertThat(m.objects()).isEqualTo(5);

        // Expected: per object, the lift's members with the edits, then object 2's floaters.
        boolean[][] want = new boolean[5][n];
        for (int k = 0; k < 5; k++) for (int g = 0; g < n; g++) want[k][g] = o.contains(base, k, g);
        int c = 0;
        for (int g = 0; g < n; g++) if (want[1][g]) c++;
        int[] members = new int[c];
        c = 0;
        for (int g = 0; g < n; g++) if (want[1][g]) members[c++] = g;
        BitSet floaters = FloaterFilter.floaters(scene.x, scene.y, scene.z, members, 1.0);
        for (int g : added) floaters.clear(g); // hand edits win
        assertThat(floaters.cardinality()).isPositive();
        for (int g = floaters.nextSetBit(0); g >= 0; g = floaters.nextSetBit(g + 1))
            want[1][g] = false;
        for (int k = 0; k < 5; k++)
            for (int g = 0; g < n; g++)
                assertThat(m.contains(k, g))
                        .as("object %d, Gaussian %d", k + 1, g)
                        .isEqualTo(want[k][g]);

        for (int k = 0; k < 5; k++) {
            int count = 0;
            double mass = 0, row = 0;
            for (int g = 0; g < n; g++) {
                if (want[k][g]) count++;
                if (k + 1 < labels) {
                    row += a[(k + 1) * n + g];
                    if (want[k][g]) mass += a[(k + 1) * n + g];
                }
            }
            assertThat(r.stats().objectCounts()[k]).isEqualTo(count);
            assertThat(r.stats().objectMass()[k])
                    .isCloseTo(mass, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(r.stats().objectShare()[k])
                    .isCloseTo(
                            row == 0 ? 0 : mass / row, org.assertj.core.data.Offset.offset(1e-9));
            for (int b = k + 1; b < 5; b++) {
                long both = 0;
                for (int g = 0; g < n; g++) if (want[k][g] && want[b][g]) both++;
                assertThat(r.stats().shared(k, b)).isEqualTo(both);
            }
        }
        // Labels change only where an edit or the cleanup touched a Gaussian.
        BitSet touched = new BitSet();
        for (int g : removed) touched.set(g);
        for (int g : added) touched.set(g);
        touched.set(7);
        touched.set(8);
        touched.or(floaters);
        for (int g = 0; g < n; g++) {
            int l = lifted.labels()[g];
            if (!touched.get(g)) assertThat(r.labels()[g]).isEqualTo(l);
            else if (l > 0 && want[l - 1][g]) assertThat(r.labels()[g]).isEqualTo(l);
            else {
                int first = -1;
                for (int k = 0; k < 5 && first < 0; k++) if (want[k][g]) first = k;
                assertThat(r.labels()[g]).isEqualTo(first >= 0 ? first + 1 : l < 0 ? -1 : 0);
            }
        }
        // Nothing to do: the lift itself, not a copy.
        assertThat(Refinement.apply(lifted, table, new MembershipOverrides(), scene, Map.of(), 0))
                .isSameAs(lifted);
    }

    /** A dense ball of Gaussians with a few far away: floaters for the cleanup to find. */
    private static GaussianScene scene(Random rnd, int n) {
        float[] x = new float[n], y = new float[n], z = new float[n];
        for (int i = 0; i < n; i++) {
            boolean far = i % 97 == 0;
            x[i] = (float) (rnd.nextGaussian() * 0.1 + (far ? 5 + i * 0.01 : 0));
            y[i] = (float) (rnd.nextGaussian() * 0.1);
            z[i] = (float) (rnd.nextGaussian() * 0.1 + (far ? -3 : 0));
        }
        java.util.List<org.flashsplat.scene.VertexTable.Column> cols = new java.util.ArrayList<>();
        String[] names = {
            "x", "y", "z", "opacity", "scale_0", "scale_1", "scale_2", "rot_0", "rot_1", "rot_2",
            "rot_3", "f_dc_0", "f_dc_1", "f_dc_2"
        };
        for (String name : names) {
            float[] v =
                    switch (name) {
                        case "x" -> x;
                        case "y" -> y;
                        case "z" -> z;
                        case "rot_0" -> filled(n, 1);
                        default -> new float[n];
                    };
            cols.add(
                    new org.flashsplat.scene.VertexTable.Column(
                            name, org.flashsplat.scene.PlyType.FLOAT, v));
        }
        return GaussianScene.of(
                new org.flashsplat.scene.VertexTable(n, cols, java.util.List.of()), null);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
