package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.flashsplat.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sub-instances (parts) in the table: recorded per mask, kept by a merge, split out by {@link
 * Edit.SplitPart} with undo, and carried by association.json (files without them read as before).
 */
class AssociationPartsTest {
    @TempDir Path tmp;

    /** Instance 1 holds its own masks and part 1 (two masks); instance 2 holds part 2. */
    static AssociationTable table() {
        List<MaskAssignment> rows =
                List.of(
                        new MaskAssignment(0, 1, 100, 1, 0.9, Set.of()),
                        new MaskAssignment(0, 2, 40, 1, 0.8, Set.of(MaskFlag.SPLIT), 1),
                        new MaskAssignment(1, 3, 120, 1, 0.7, Set.of()),
                        new MaskAssignment(1, 4, 45, 1, 0.6, Set.of(MaskFlag.SPLIT), 1),
                        new MaskAssignment(1, 5, 60, 2, 0.6, Set.of(), 2),
                        new MaskAssignment(1, 6, 70, 2, 0.6, Set.of()));
        return new AssociationTable(
                List.of("a", "b"), rows, List.of(Instance.of(1), Instance.of(2)));
    }

    @Test
    void aPartIsSplitOutToAnInstanceOfItsOwnAndBackByUndo() {
        AssociationTable t = table();
        assertThat(t.parts(1)).containsExactly(1);
        assertThat(t.parts(2)).containsExactly(2);
        assertThat(t.partMembers(1, 1)).containsExactly(new MaskKey(0, 2), new MaskKey(1, 4));
        // One ID per object in the labels: parts are labelled as their whole.
        assertThat(t.snapshot().global(0, 2)).isEqualTo(1);
        List<MaskAssignment> before = t.allMasks();

        t.apply(new Edit.SplitPart(1, 1, "handle"));
        assertThat(t.instance(3).name()).isEqualTo("handle");
        assertThat(t.members(3)).containsExactly(new MaskKey(0, 2), new MaskKey(1, 4));
        assertThat(t.get(new MaskKey(0, 2)).part()).isZero();
        assertThat(t.get(new MaskKey(0, 2)).has(MaskFlag.EDITED)).isTrue();
        assertThat(t.parts(1)).isEmpty();
        assertThat(t.snapshot().global(1, 4)).isEqualTo(3);

        t.undo();
        assertThat(t.allMasks()).isEqualTo(before);
        assertThat(t.instance(3)).isNull();
        t.redo();
        assertThat(t.members(3)).hasSize(2);
    }

    @Test
    void aMergeKeepsPartsAndAReassignDropsThem() {
        AssociationTable t = table();
        t.apply(new Edit.Merge(1, Set.of(2)));
        assertThat(t.parts(1)).containsExactly(1, 2);
        assertThat(t.partMembers(1, 2)).containsExactly(new MaskKey(1, 5));
        t.apply(new Edit.Reassign(List.of(new MaskKey(1, 5)), 1));
        assertThat(t.get(new MaskKey(1, 5)).part()).isZero();
        assertThat(t.parts(1)).containsExactly(1);
    }

    @Test
    void splittingAPartThatIsNotThereIsRefused() {
        AssociationTable t = table();
        assertThatThrownBy(() -> t.apply(new Edit.SplitPart(1, 2, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no part 2");
        assertThatThrownBy(() -> new MaskAssignment(0, 1, 10, 0, 0, Set.of(), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(t.canUndo()).isFalse();
    }

    @Test
    void partsSurviveTheJsonFileAndOldFilesReadWithoutThem() throws Exception {
        AssociationTable t = table();
        Path f = tmp.resolve("association.json");
        AssociationJson.write(f, t, AssociationParams.defaults());
        String text = Files.readString(f);
        assertThat(text).contains("\"part\" : 1").contains("\"parts\"");
        AssociationTable back = AssociationJson.read(f);
        assertThat(back.allMasks()).isEqualTo(t.allMasks());
        assertThat(back.parts(1)).containsExactly(1);

        // A file written before parts existed: no "part" fields, every mask of no part.
        Path old = tmp.resolve("old.json");
        Files.writeString(
                old,
                text.replaceAll(",\\s*\"part\" : \\d+", "")
                        .replaceAll(",\\s*\"parts\" : \\[[^\\]]*\\]", ""));
        assertThat(Files.readString(old)).doesNotContain("part");
        AssociationTable plain = AssociationJson.read(old);
        assertThat(plain.allMasks()).allMatch(m -> m.part() == 0);
        assertThat(plain.allMasks())
                .extracting(MaskAssignment::instance)
                .containsExactly(1, 1, 1, 1, 2, 2);

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, text.replaceFirst("\"part\" : 1", "\"part\" : -1"));
        assertThatThrownBy(() -> AssociationJson.read(bad)).isInstanceOf(InputException.class);
    }
}
