package org.flashsplat.raster;

import org.flashsplat.mask.LabelMask;

/**
 * Gives the label mask of view {@code index} (index into the camera list passed to {@link
 * Renderer#accumulate}), at that camera's resolution, or null when the view has no mask and is
 * skipped. Must be safe to call from several threads: renderers decode ahead while they work.
 */
@FunctionalInterface
public interface MaskProvider {
    LabelMask mask(int index);
}
