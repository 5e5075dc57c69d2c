package org.flashsplat.correct;

import org.flashsplat.mask.LabelMask;

/**
 * How far one view's input mask is from the mask the 3D result renders for it.
 *
 * @param objectIoU IoU of object k + 1 between input and rendered mask; NaN where neither shows it
 * @param missing pixels where the input shows an object and the rendering shows background
 * @param extra pixels where the rendering shows an object and the input shows background
 * @param wrongObject pixels where both show an object, but different ones
 * @param foreground pixels where either mask shows an object
 * @param score the ranking key: disagreeing pixels as a share of {@code foreground}, i.e. 1 - the
 *     IoU of all objects pooled. Pooled rather than averaged over objects: SAM-like border noise on
 *     a small or far object drives that object's own IoU down in many good views, while a swapped
 *     or missing object or a false blob moves many pixels. Measured against the objects' area
 *     rather than the image's, so views where the objects are small are not let off.
 * @param map per-pixel codes ({@link Disagreement#AGREE} ...), row-major; null unless asked for
 */
public record ViewDisagreement(
        int view,
        String name,
        int width,
        int height,
        double[] objectIoU,
        long missing,
        long extra,
        long wrongObject,
        long foreground,
        double score,
        byte[] map) {

    public long disagreeing() {
        return missing + extra + wrongObject;
    }

    /** Share of the view's pixels that disagree. */
    public double disagreeingShare() {
        return (double) disagreeing() / ((long) width * height);
    }

    /**
     * Mean over the objects either mask shows of (1 - IoU): the other possible ranking key, which
     * weighs a small object as much as a large one (0 for none).
     */
    public double meanObjectLoss() {
        double m = meanIoU();
        return Double.isNaN(m) ? 0 : 1 - m;
    }

    /** Mean IoU over the objects either mask shows (NaN for none). */
    public double meanIoU() {
        double s = 0;
        int n = 0;
        for (double v : objectIoU) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** The map as a label image (codes 0-3), e.g. to write with MaskPngWriter or tint in a view. */
    public LabelMask mapAsMask() {
        if (map == null) throw new IllegalStateException("computed without a map");
        int[] l = new int[map.length];
        for (int p = 0; p < l.length; p++) l[p] = map[p];
        return new LabelMask(width, height, l);
    }
}
