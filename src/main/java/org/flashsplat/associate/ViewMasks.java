package org.flashsplat.associate;

import java.util.Arrays;
import org.flashsplat.mask.LabelMask;

/**
 * The local masks of one view: their IDs (ascending) and areas in pixels.
 *
 * @param view index of the view in the camera list
 * @param name the camera's name (image stem)
 */
public record ViewMasks(int view, String name, int[] locals, int[] areas) {

    /**
     * Counts the pixels of every local ID of a mask (0 is background and not listed, nor are
     * ignored pixels).
     */
    public static ViewMasks of(int view, String name, LabelMask mask) {
        if (mask == null) return new ViewMasks(view, name, new int[0], new int[0]);
        int[] counts = new int[mask.maxLabel() + 1];
        for (int l : mask.labels()) if (l > 0) counts[l]++;
        int n = 0;
        for (int l = 1; l < counts.length; l++) if (counts[l] > 0) n++;
        int[] ids = new int[n], areas = new int[n];
        for (int l = 1, k = 0; l < counts.length; l++) {
            if (counts[l] > 0) {
                ids[k] = l;
                areas[k++] = counts[l];
            }
        }
        return new ViewMasks(view, name, ids, areas);
    }

    public int count() {
        return locals.length;
    }

    /** Area of a local ID, 0 when the view has no such mask. */
    public int area(int local) {
        int k = Arrays.binarySearch(locals, local);
        return k < 0 ? 0 : areas[k];
    }
}
