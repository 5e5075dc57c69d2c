package org.flashsplat.lift;

import org.flashsplat.raster.Memberships;

/**
 * The result of an assignment: per-object memberships (overlapping), the exclusive labelling and
 * the overlap statistics.
 *
 * @param labels exclusive label argmax_l A[l, i] per Gaussian, 0 = background, -1 = unseen
 */
public record Segmentation(
        Memberships memberships, int[] labels, OverlapStats stats, AssignmentParams params) {
    public int objects() {
        return memberships.objects();
    }

    public int count() {
        return memberships.count();
    }

    /** Gaussians of object {@code object} (1..K) as a keep-mask. */
    public boolean[] members(int object) {
        return memberships.keepMask(object - 1);
    }
}
