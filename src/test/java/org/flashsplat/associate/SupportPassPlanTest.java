package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SupportPassPlanTest {
    private static int[][] views(int... masks) {
        int[][] kept = new int[masks.length][];
        for (int v = 0; v < masks.length; v++) {
            kept[v] = new int[masks[v]];
            for (int k = 0; k < masks[v]; k++) kept[v][k] = k;
        }
        return kept;
    }

    @Test
    void viewsThatFitABatchAreNeverSplit() {
        int rows = 33;
        int[] masks = {30, 30, 5, 0, 70, 3, 33};
        List<List<SupportPass.Item>> batches = SupportPass.plan(views(masks), rows);
        int[] items = new int[masks.length], covered = new int[masks.length];
        for (List<SupportPass.Item> b : batches) {
            int next = 0;
            for (SupportPass.Item it : b) {
                assertThat(it.row()).isEqualTo(next);
                next += it.count();
                items[it.view()]++;
                assertThat(it.first()).isEqualTo(covered[it.view()]);
                covered[it.view()] += it.count();
            }
            assertThat(next).isBetween(1, rows);
        }
        assertThat(covered).containsExactly(masks);
        // each view is rendered once per item: once where it fits a batch, 3 times for 70 masks
        assertThat(items).containsExactly(1, 1, 1, 0, 3, 1, 1);
    }
}
