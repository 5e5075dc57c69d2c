package org.flashsplat.studio.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.collections.ListChangeListener;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.studio.QueuedUi;
import org.flashsplat.studio.model.LabelEntry;
import org.junit.jupiter.api.Test;

/**
 * The segments at 300 objects, without the toolkit: the worker runs each assignment where it is
 * asked for and a queue stands in for the UI thread, so every step is in the test's order.
 */
class SegmentsViewModelTest {
    private static final int OBJECTS = 300;
    private final QueuedUi ui = new QueuedUi();
    private final Executor inline = Runnable::run;
    private final ContributionTable table = ManyObjects.table(OBJECTS, 6000, 13);

    private static int[] counts(List<LabelEntry> objects) {
        return objects.stream().mapToInt(e -> e.countProperty().get()).toArray();
    }

    @Test
    void aGammaChangeUpdatesThreeHundredRowsInPlace() {
        SegmentsViewModel vm = new SegmentsViewModel(ui, inline);
        List<ListChangeListener.Change<? extends LabelEntry>> changes = new ArrayList<>();
        vm.objects().addListener((ListChangeListener<LabelEntry>) changes::add);
        vm.gammaProperty().set(-0.6); // keeps more: objects overlap (at 0 two never can, in L1)
        vm.setContributions(table);
        ui.drain();
        assertThat(vm.objects()).hasSize(OBJECTS);
        assertThat(changes).as("the new objects arrive as one change").hasSize(1);
        Segmentation first = vm.segmentationProperty().get();
        assertThat(first.objects()).isEqualTo(OBJECTS);
        assertThat(first.stats().pairs().size()).isGreaterThan(1000);
        int[] before = counts(vm.objects());
        // Each row shows what the assignment found for its object.
        var expected = Assigner.assign(table, vm.params()).stats().objectCounts();
        assertThat(before).containsExactly(expected);
        List<LabelEntry> rows = List.copyOf(vm.objects());

        vm.gammaProperty().set(-0.2);
        ui.drain();
        int[] after = counts(vm.objects());
        assertThat(vm.segmentationProperty().get()).isNotSameAs(first);
        assertThat(after)
                .containsExactly(Assigner.assign(table, vm.params()).stats().objectCounts());
        assertThat(after).isNotEqualTo(before);
        // The same 300 entries with new values: the table's rows update their cells, none is made.
        assertThat(vm.objects()).containsExactlyElementsOf(rows);
        for (int i = 0; i < OBJECTS; i++) assertThat(vm.objects().get(i)).isSameAs(rows.get(i));
        assertThat(changes).as("no list change after the first").hasSize(1);
        assertThat(vm.object(OBJECTS)).isSameAs(rows.getLast());
        assertThat(vm.object(OBJECTS + 1)).isNull();
    }

    @Test
    void objectsAreFoundByIdAfterTheTableSortedThem() {
        SegmentsViewModel vm = new SegmentsViewModel(ui, inline);
        vm.setContributions(table);
        ui.drain();
        LabelEntry seventh = vm.object(7);
        vm.objects().sort((a, b) -> Integer.compare(b.id(), a.id())); // a column sort
        assertThat(vm.object(7)).isSameAs(seventh);
        assertThat(vm.objects().getFirst().id()).isEqualTo(OBJECTS);
    }

    @Test
    void anAssignmentOutOfMemoryIsReportedOnceAndTheNextOneRuns() {
        int[] calls = {0};
        SegmentsViewModel vm =
                new SegmentsViewModel(
                        ui,
                        inline,
                        (a, p) -> {
                            if (calls[0]++ == 0) throw new OutOfMemoryError("Java heap space");
                            return Assigner.assign(a, p);
                        });
        List<String> reported = new ArrayList<>();
        vm.onError((what, e) -> reported.add(what + " | " + e.getClass().getSimpleName()));
        vm.setContributions(table);
        ui.drain();
        assertThat(reported).containsExactly("Assigning Gaussians to objects | OutOfMemoryError");
        assertThat(vm.segmentationProperty().get()).isNull();

        vm.gammaProperty().set(0.2);
        ui.drain();
        assertThat(reported).hasSize(1);
        assertThat(vm.segmentationProperty().get()).isNotNull();
        assertThat(vm.objects().getFirst().countProperty().get()).isPositive();
    }
}
