package org.flashsplat.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Instance;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskKey;
import org.flashsplat.raster.Renderers;
import org.flashsplat.studio.association.AssociationViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 200-view, 30-instance association: what a fix costs on the UI thread (rows are updated in
 * place, only the touched instances rebuilt), without the toolkit.
 */
class AssociationScaleTest {
    private final QueuedUi ui = new QueuedUi();
    private final StudioViewModel vm = new StudioViewModel(ui, Renderers.Backend.CPU, null);
    private final AssociationViewModel assoc = vm.association();

    @AfterEach
    void close() {
        vm.close();
    }

    /**
     * One mask per instance per view (local ID = instance), and in every tenth view a second mask
     * of instance 1: 200 x 30 + 20 masks, 20 conflicts in one row.
     */
    static AssociationTable big(int views, int instances) {
        List<String> names = new ArrayList<>();
        List<MaskAssignment> masks = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            names.add(String.format("view_%03d", v));
            for (int i = 1; i <= instances; i++)
                masks.add(
                        new MaskAssignment(
                                v, i, 500, i, 0.4 + 0.6 * ((v * 31 + i) % 97) / 96.0, Set.of()));
            if (v % 10 == 0) masks.add(new MaskAssignment(v, instances + 1, 80, 1, 0.2, Set.of()));
        }
        List<Instance> list = new ArrayList<>();
        for (int i = 1; i <= instances; i++) list.add(Instance.of(i));
        return new AssociationTable(names, masks, list);
    }

    private static double ms(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    @Test
    void fixesOnA200ViewTableCostMillisecondsOnTheUiThread() {
        AssociationTable t = big(200, 30);
        double install = ms(() -> assoc.install(t, v -> null));
        assertThat(assoc.rows()).hasSize(31); // and the unassigned masks
        assertThat(assoc.row(1).twoInViewProperty().get()).isTrue();
        assertThat(assoc.row(1).maskCountProperty().get()).isEqualTo(220);
        assertThat(assoc.row(2).twoInViewProperty().get()).isFalse();

        double merge = ms(() -> assoc.merge(List.of(2, 3, 4)));
        assertThat(assoc.rows()).hasSize(29);
        assertThat(assoc.row(2).maskCountProperty().get()).isEqualTo(600);
        double split =
                ms(() -> assoc.split(t.members(2).stream().filter(k -> k.local() == 3).toList()));
        assertThat(t.members(31)).hasSize(200);
        double reassign = ms(() -> assoc.reassign(List.of(new MaskKey(5, 7)), 1));
        double undo = ms(assoc::undo);
        double threshold = ms(() -> assoc.thresholdProperty().set(0.9));
        double filter = ms(() -> assoc.conflictsOnlyProperty().set(true));
        assertThat(assoc.shownRows()).allMatch(r -> r.hasConflict() || r.unassigned());
        assertThat(assoc.shownRows()).hasSizeLessThan(assoc.rows().size());
        System.out.printf(
                "association 200 views x 30 instances (6020 masks), UI thread: install %.1f ms,"
                        + " merge 3 %.1f ms, split 200 %.1f ms, reassign %.1f ms, undo %.1f ms,"
                        + " threshold %.1f ms, conflicts-only filter %.1f ms%n",
                install, merge, split, reassign, undo, threshold, filter);
        for (double d : new double[] {merge, split, reassign, undo, threshold, filter})
            assertThat(d).isLessThan(1000); // catches a blow-up, not noise on a busy CI VM
    }
}
