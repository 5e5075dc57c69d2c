package org.flashsplat.studio.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Edit;
import org.flashsplat.associate.Instance;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskFlag;
import org.flashsplat.associate.MaskKey;
import org.junit.jupiter.api.Test;

/** The association view's rows and their conflict flags, on a hand-made table. */
class InstanceRowTest {
    private static MaskAssignment m(int view, int local, int instance, double conf) {
        return new MaskAssignment(view, local, 100, instance, conf, Set.of());
    }

    private final AssociationTable table =
            new AssociationTable(
                    List.of("a", "b"),
                    List.of(
                            m(0, 1, 1, 0.9),
                            m(0, 2, 1, 0.3),
                            m(1, 1, 1, 0.8),
                            m(1, 2, 2, 0.95),
                            new MaskAssignment(1, 3, 10, 0, 0, Set.of(MaskFlag.SMALL))),
                    List.of(Instance.of(1), Instance.of(2)));

    private InstanceRow row(int id, double threshold) {
        InstanceRow r = new InstanceRow(id);
        r.update(table, table.members(id), threshold);
        return r;
    }

    @Test
    void twoMasksOfOneViewAndLowConfidenceAreFlagged() {
        InstanceRow one = row(1, 0.5);
        assertThat(one.maskCountProperty().get()).isEqualTo(3);
        assertThat(one.viewCountProperty().get()).isEqualTo(2);
        assertThat(one.twoInViewProperty().get()).isTrue();
        assertThat(one.lowConfidenceProperty().get()).isTrue();
        assertThat(one.minConfidenceProperty().get()).isEqualTo(0.3);
        assertThat(one.meanConfidenceProperty().get()).isCloseTo(2.0 / 3, within());
        assertThat(one.problemsProperty().get()).contains("two or more masks in a");
        assertThat(one.cells())
                .extracting(AssocCell::key)
                .containsExactly(new MaskKey(0, 1), new MaskKey(0, 2), new MaskKey(1, 1));
        assertThat(one.cells()).extracting(AssocCell::conflict).containsExactly(true, true, false);
        assertThat(one.cells()).extracting(AssocCell::low).containsExactly(false, true, false);
        assertThat(one.cells().get(1).why()).contains("2 masks of a").contains("low confidence");

        InstanceRow two = row(2, 0.5);
        assertThat(two.hasConflict()).isFalse();
        assertThat(two.problemsProperty().get()).isEmpty();
        assertThat(row(2, 0.99).lowConfidenceProperty().get()).isTrue();
    }

    @Test
    void unassignedMasksAreNeverConflictsAndFixesClearFlags() {
        InstanceRow none = row(0, 0.5);
        assertThat(none.nameProperty().get()).isEqualTo("unassigned masks");
        assertThat(none.cells())
                .singleElement()
                .satisfies(c -> assertThat(c.why()).contains("minimum area"));
        assertThat(none.hasConflict()).isFalse();

        // Moving the low mask of view a out of instance 1 clears both of its flags; a hand-moved
        // mask counts as sure (confidence 1).
        table.apply(new Edit.Split(1, List.of(new MaskKey(0, 2)), null));
        assertThat(row(1, 0.5).hasConflict()).isFalse();
        InstanceRow made = row(3, 0.5);
        assertThat(made.cells())
                .singleElement()
                .satisfies(c -> assertThat(c.confidence()).isEqualTo(1.0));
        assertThat(made.hasConflict()).isFalse();
    }

    @Test
    void partsAreListedUnderTheirWholeWithTheirMasks() {
        AssociationTable parted =
                new AssociationTable(
                        List.of("a", "b"),
                        List.of(
                                m(0, 1, 1, 0.9),
                                new MaskAssignment(0, 2, 40, 1, 0.8, Set.of(), 2),
                                new MaskAssignment(1, 3, 40, 1, 0.8, Set.of(), 2),
                                new MaskAssignment(1, 4, 40, 1, 0.8, Set.of(), 2),
                                new MaskAssignment(1, 5, 40, 1, 0.8, Set.of(), 4),
                                m(1, 6, 2, 0.9)),
                        List.of(Instance.of(1), Instance.of(2)));
        InstanceRow r = new InstanceRow(1);
        r.update(parted, parted.members(1), 0.5);
        assertThat(r.parts())
                .containsExactly(new InstanceRow.Part(2, 3, 2), new InstanceRow.Part(4, 1, 1));
        assertThat(r.partCountProperty().get()).isEqualTo(2);
        assertThat(r.parts().getFirst().describe()).isEqualTo("part 2: 3 masks in 2 views");
        assertThat(r.parts().getLast().describe()).isEqualTo("part 4: 1 mask in 1 view");
        assertThat(r.cells()).extracting(AssocCell::part).containsExactly(0, 2, 2, 2, 4);
        assertThat(r.cells().get(1).why()).contains("part 2 of this instance");
        assertThat(r.cells().getFirst().why()).doesNotContain("part");

        // An update that changes nothing leaves the list alone (the view rebuilds its menu on a
        // change); splitting part 4 out drops it.
        int[] changes = {0};
        r.parts().addListener((javafx.beans.InvalidationListener) o -> changes[0]++);
        r.update(parted, parted.members(1), 0.5);
        assertThat(changes[0]).isZero();
        parted.apply(new Edit.SplitPart(1, 4, null));
        r.update(parted, parted.members(1), 0.5);
        assertThat(changes[0]).isEqualTo(1);
        assertThat(r.parts()).containsExactly(new InstanceRow.Part(2, 3, 2));
        InstanceRow two = new InstanceRow(2);
        two.update(parted, parted.members(2), 0.5);
        assertThat(two.parts()).isEmpty();
        assertThat(two.partCountProperty().get()).isZero();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
