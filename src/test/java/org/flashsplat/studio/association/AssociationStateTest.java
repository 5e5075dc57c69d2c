package org.flashsplat.studio.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Instance;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskFlag;
import org.flashsplat.project.ProjectData;
import org.junit.jupiter.api.Test;

/** The association a project stores keeps sub-instances (parts) through save and open. */
class AssociationStateTest {
    @Test
    void partsSurviveTheProject() {
        AssociationTable t =
                new AssociationTable(
                        List.of("a", "b"),
                        List.of(
                                new MaskAssignment(0, 1, 100, 1, 0.9, Set.of()),
                                new MaskAssignment(0, 2, 40, 1, 0.8, Set.of(MaskFlag.SPLIT), 3),
                                new MaskAssignment(1, 4, 45, 1, 0.6, Set.of(), 3)),
                        List.of(Instance.of(1)));
        ProjectData data =
                ProjectData.of(new ProjectData.Inputs("s.ply", "c.json", "masks", null))
                        .withAssociation(AssociationState.of(t));
        AssociationTable back = AssociationState.table(data, List.of("a", "b"));
        assertThat(back.allMasks()).isEqualTo(t.allMasks());
        assertThat(back.parts(1)).containsExactly(3);
    }
}
