package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import org.flashsplat.mask.LabelMask;
import org.junit.jupiter.api.Test;

/** Which pixels of a mask speak for its support ({@link SupportPass#interior}). */
class SupportInteriorTest {
    /**
     * A 20x12 mask: label 1 everywhere, a 6x6 square of label 2 at (7, 3), background at x = 19.
     */
    private static LabelMask floorAndObject() {
        int w = 20, h = 12;
        int[] l = new int[w * h];
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
                l[v * w + u] = u == 19 ? 0 : (u >= 7 && u < 13 && v >= 3 && v < 9 ? 2 : 1);
        return new LabelMask(w, h, l);
    }

    @Test
    void onlyTheLargerMasksBorderIsLeftOut() {
        LabelMask m = floorAndObject();
        boolean[] in = SupportPass.interior(m, 2);
        int w = m.width();
        // the object (smaller) keeps every pixel, its edge included
        for (int p = 0; p < in.length; p++) if (m.labels()[p] == 2) assertThat(in[p]).isTrue();
        // the floor loses the two pixels next to the object, 4-neighbour steps
        assertThat(in[5 * w + 6]).isFalse(); // 1 step left of the object
        assertThat(in[5 * w + 5]).isFalse(); // 2 steps
        assertThat(in[5 * w + 4]).isTrue(); // 3 steps
        assertThat(in[1 * w + 7]).isFalse(); // 2 steps above
        assertThat(in[1 * w + 6]).isTrue(); // diagonal: 3 steps
        // next to background (not a mask) nothing is left out
        assertThat(in[5 * w + 18]).isTrue();
        assertThat(SupportPass.interior(m, 0)).containsOnly(true);
    }

    @Test
    void aMaskWithAlmostNoInsideKeepsAllItsPixels() {
        // one row: label 1 at x 0..7, label 2 at x 8, label 3 at x 9..13; four steps of border
        int[] l = {1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3};
        boolean[] in = SupportPass.interior(new LabelMask(l.length, 1, l), 4);
        // label 1 keeps x 0..3 (half of it): its border next to label 2 is left out
        assertThat(in).startsWith(true, true, true, true, false, false, false, false, true);
        // label 3 would keep only x 13 (1 of 5 px): too little inside, so it keeps everything
        assertThat(java.util.Arrays.copyOfRange(in, 9, 14)).containsOnly(true);
    }
}
