package org.flashsplat.associate;

/** Why a mask's association deserves a look. */
public enum MaskFlag {
    /** Below the minimum area and no instance clearly its own: not associated. */
    SMALL,
    /**
     * Blends (almost) no Gaussian, or only a faint graze of what its instance's masks see (outside
     * the scene, or sky): not associated.
     */
    UNSEEN,
    /** Covers two instances; went to the one holding most of its weight. */
    UNDER_SEGMENTED,
    /** One of several masks of its view that map to the same instance (object split in parts). */
    SPLIT,
    /** Its instance appears in no other view: nothing confirms it. */
    SINGLE_VIEW,
    /** Changed by hand. */
    EDITED
}
