package org.flashsplat.propagate;

import java.util.BitSet;
import org.flashsplat.correct.MaskEdit;

/**
 * One view's proposed mask for the propagated object: what SAM made of the mask the 3D result
 * renders there, to be accepted or rejected by the user.
 *
 * @param view index of the view among the cameras
 * @param name the view's camera name
 * @param mask the proposed pixels (row-major); one bit a pixel, since a run over hundreds of views
 *     keeps every proposal until the user has decided
 * @param area pixels in the proposal
 * @param renderedArea pixels of the object in the rendered mask the prompt was made from
 * @param iou intersection over union of the proposal and the rendered mask: low where SAM moved far
 *     from the 3D result, which is where the user should look
 * @param score SAM's own quality estimate; NaN when the proposal is the rendered mask unrefined
 */
public record Proposal(
        int view,
        String name,
        int width,
        int height,
        BitSet mask,
        int area,
        int renderedArea,
        double iou,
        float score) {

    /** Whether SAM refined it (else it is the rendered mask as it is). */
    public boolean refined() {
        return !Float.isNaN(score);
    }

    public boolean contains(int pixel) {
        return mask.get(pixel);
    }

    /**
     * The edit that makes {@code object} cover exactly the proposal in a view's labels: proposed
     * pixels take the object (over whatever they held, as a SAM click does), pixels of the object
     * outside the proposal become background, all others stay. Empty when nothing would change.
     */
    public MaskEdit change(int[] labels, int object) {
        if (labels.length != width * height)
            throw new IllegalArgumentException("labels are not of the view's size");
        int n = 0;
        for (int p = 0; p < labels.length; p++) if (changes(labels[p], p, object)) n++;
        int[] pixels = new int[n], before = new int[n], after = new int[n];
        int k = 0;
        for (int p = 0; p < labels.length; p++) {
            if (!changes(labels[p], p, object)) continue;
            pixels[k] = p;
            before[k] = labels[p];
            after[k++] = mask.get(p) ? object : 0;
        }
        return new MaskEdit(
                "propagate object " + object + " to " + name, view, pixels, before, after);
    }

    private boolean changes(int label, int p, int object) {
        return mask.get(p) ? label != object : label == object;
    }
}
