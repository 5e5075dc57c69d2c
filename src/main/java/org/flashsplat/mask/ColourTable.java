package org.flashsplat.mask;

import java.util.Arrays;

/**
 * The numbering of a colour-coded mask set: black (0x000000) is label 0 and every other colour
 * found in any mask of the folder gets 1 + its rank in ascending packed-RGB order. One table serves
 * every view, so a colour means the same object everywhere, and it depends only on the set of
 * colours, not on file order.
 */
public final class ColourTable {
    /** Labels are stored in up to 16 bits downstream (instance-ID PNGs). */
    public static final int MAX_COLOURS = 65535;

    private final int[] sorted; // non-black colours, ascending

    ColourTable(int[] sortedNonBlack) {
        this.sorted = sortedNonBlack;
    }

    /** Number of labels including background. */
    public int labelCount() {
        return sorted.length + 1;
    }

    /** The label of a packed 0xRRGGBB colour, or -1 when the set has no such colour. */
    public int labelOf(int rgb) {
        rgb &= 0xffffff;
        if (rgb == 0) return 0;
        int i = Arrays.binarySearch(sorted, rgb);
        return i >= 0 ? i + 1 : -1;
    }

    /** The packed 0xRRGGBB colour of a label (0 gives black). */
    public int colourOf(int label) {
        return label == 0 ? 0 : sorted[label - 1];
    }

    /** Colours by label, index 0 black: what the UI shows next to each label. */
    public int[] colours() {
        int[] c = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, c, 1, sorted.length);
        return c;
    }

    /**
     * Replaces packed colours by labels in place; returns the first unknown colour's index or -1.
     */
    int toLabels(int[] pixels) {
        int lastRgb = 0, lastLabel = 0;
        for (int i = 0; i < pixels.length; i++) {
            int rgb = pixels[i];
            // Masks are mostly long runs of one colour: skip the search when it repeats.
            if (rgb != lastRgb) {
                lastLabel = labelOf(rgb);
                if (lastLabel < 0) return i;
                lastRgb = rgb;
            }
            pixels[i] = lastLabel;
        }
        return -1;
    }
}
