package org.flashsplat.studio.association;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flashsplat.associate.MaskKey;
import org.junit.jupiter.api.Test;

/**
 * What a thumbnail drag carries. Headless Monocle has no drag and drop, so the UI test cannot drag;
 * the drop itself is {@code AssociationViewModel.reassign}, tested with the view model.
 */
class DragPayloadTest {
    @Test
    void masksSurviveTheDragAndForeignTextIsRefused() {
        List<MaskKey> keys = List.of(new MaskKey(0, 3), new MaskKey(12, 40));
        assertThat(MaskDrag.decode(MaskDrag.encode(keys))).isEqualTo(keys);
        assertThat(MaskDrag.decode("hello")).isNull();
        assertThat(MaskDrag.decode(null)).isNull();
        assertThat(MaskDrag.decode(MaskDrag.PREFIX + "1:x;")).isNull();
    }
}
