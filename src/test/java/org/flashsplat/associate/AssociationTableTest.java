package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flashsplat.mask.LabelMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table's edits, undo and redo, listeners, snapshots and its JSON form. */
class AssociationTableTest {
    @TempDir Path tmp;

    /** Two views; view 0 has masks 1, 2, 5 and view 1 masks 3, 4; instances 1 and 2. */
    static AssociationTable table() {
        List<MaskAssignment> rows =
                List.of(
                        new MaskAssignment(0, 1, 100, 1, 0.9, Set.of()),
                        new MaskAssignment(0, 2, 80, 2, 0.8, Set.of()),
                        new MaskAssignment(0, 5, 10, 0, 0, Set.of(MaskFlag.SMALL)),
                        new MaskAssignment(1, 3, 120, 1, 0.7, Set.of(MaskFlag.SPLIT)),
                        new MaskAssignment(1, 4, 90, 1, 0.6, Set.of(MaskFlag.SPLIT)));
        return new AssociationTable(
                List.of("a", "b"), rows, List.of(Instance.of(1), Instance.of(2)));
    }

    static int[] ids(AssociationTable t) {
        return t.allMasks().stream().mapToInt(MaskAssignment::instance).toArray();
    }

    @Test
    void editsUndoAndRedoExactly() {
        AssociationTable t = table();
        List<String> heard = new ArrayList<>();
        t.addListener((table, change) -> heard.add(change.description()));
        int[] start = ids(t);

        t.apply(new Edit.Split(1, List.of(new MaskKey(1, 4)), "mug"));
        assertThat(t.instance(3).name()).isEqualTo("mug");
        assertThat(t.get(new MaskKey(1, 4)).instance()).isEqualTo(3);
        assertThat(t.get(new MaskKey(1, 4)).has(MaskFlag.EDITED)).isTrue();
        int[] afterSplit = ids(t);

        t.apply(new Edit.Merge(2, Set.of(3)));
        assertThat(t.instance(3)).isNull();
        assertThat(t.members(2)).containsExactly(new MaskKey(0, 2), new MaskKey(1, 4));

        t.apply(new Edit.Reassign(List.of(new MaskKey(0, 5)), 1));
        t.apply(new Edit.Delete(1));
        assertThat(t.instances()).extracting(Instance::id).containsExactly(2);
        assertThat(ids(t)).containsExactly(0, 2, 0, 0, 2);
        t.apply(new Edit.Rename(2, "cup"));
        t.apply(new Edit.Recolour(2, 0x123456));
        assertThat(t.instance(2).colour()).isEqualTo(0x123456);

        for (int k = 0; k < 5; k++) t.undo();
        assertThat(ids(t)).isEqualTo(afterSplit);
        assertThat(t.instance(3).name()).isEqualTo("mug");
        t.undo();
        assertThat(ids(t)).isEqualTo(start);
        assertThat(t.allMasks()).isEqualTo(table().allMasks());
        assertThat(t.canUndo()).isFalse();
        for (int k = 0; k < 6; k++) t.redo();
        assertThat(t.instance(2).name()).isEqualTo("cup");
        assertThat(ids(t)).containsExactly(0, 2, 0, 0, 2);
        assertThat(heard).hasSize(6 + 6 + 6);
    }

    @Test
    void badEditsChangeNothing() {
        AssociationTable t = table();
        assertThatThrownBy(() -> t.apply(new Edit.Merge(1, Set.of(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.apply(new Edit.Merge(1, Set.of(9))))
                .hasMessageContaining("no instance 9");
        assertThatThrownBy(() -> t.apply(new Edit.Split(2, List.of(new MaskKey(0, 1)), null)))
                .hasMessageContaining("not in");
        assertThatThrownBy(() -> t.apply(new Edit.Reassign(List.of(new MaskKey(1, 9)), 1)))
                .hasMessageContaining("no local mask 9");
        assertThat(t.canUndo()).isFalse();
        assertThat(t.allMasks()).isEqualTo(table().allMasks());
    }

    @Test
    void snapshotGivesGlobalMasksAndStaysPut() {
        AssociationTable t = table();
        AssociationSnapshot s = t.snapshot();
        LabelMask local = new LabelMask(3, 2, new int[] {0, 1, 2, 5, 7, 1});
        assertThat(s.relabel(0, local).labels()).containsExactly(0, 1, 2, 0, 0, 1);
        t.apply(new Edit.Delete(1));
        assertThat(s.global(0, 1)).isEqualTo(1); // the snapshot does not follow the table
        assertThat(t.snapshot().relabel(0, local).labels()).containsExactly(0, 0, 2, 0, 0, 0);
        assertThat(s.labelCount()).isEqualTo(3);
    }

    @Test
    void jsonRoundTrips() throws Exception {
        AssociationTable t = table();
        t.apply(new Edit.Rename(1, "bowl"));
        Path f = tmp.resolve("association.json");
        AssociationJson.write(f, t, AssociationParams.defaults());
        AssociationTable back = AssociationJson.read(f);
        assertThat(back.views()).isEqualTo(t.views());
        assertThat(back.instances()).isEqualTo(t.instances());
        assertThat(back.allMasks()).isEqualTo(t.allMasks());
    }

    @Test
    void coreStaysHeadless() {
        var classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.flashsplat.associate");
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "jcuda..",
                        "org.flashsplat.cli..",
                        "org.flashsplat.studio..",
                        "org.flashsplat.raster.cpu..",
                        "org.flashsplat.raster.cuda..")
                .check(classes);
    }
}
