package org.flashsplat.associate;

/**
 * The Gaussians one local mask covers: its row of the per-view contributions, kept sparse.
 *
 * @param view index of the view in the camera list
 * @param local the mask's local ID in that view
 * @param area pixels of the mask at the camera's resolution
 * @param gaussians indices of the Gaussians kept, ascending
 * @param weights their summed alpha*T over the mask's pixels, divided by {@code total} so that
 *     every mask casts the same vote whatever its size in the image
 * @param total the summed alpha*T of the whole row before sparsifying (0: the mask sees nothing)
 */
public record MaskSupport(
        int view, int local, int area, int[] gaussians, float[] weights, double total) {

    public int size() {
        return gaussians.length;
    }
}
