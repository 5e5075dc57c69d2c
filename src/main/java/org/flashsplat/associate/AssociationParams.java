package org.flashsplat.associate;

/**
 * The knobs of the automatic association.
 *
 * @param minArea masks smaller than this many pixels (at the camera's resolution) cast no vote:
 *     SAM's specks carry too few Gaussians to vote reliably, and a wrong vote costs more than a
 *     missing one (64 px is an 8x8 patch); they join the instance their support clearly points at,
 *     or are left out (their pixels then ignored in the lift, see {@code
 *     AssociationSnapshot#relabelForLift})
 * @param join a mask joins the instance that claims at least this share of its weight
 * @param flag a second instance claiming at least this share marks the mask as covering two objects
 *     (under-segmented): it still goes to the first but casts no vote
 * @param strength an instance's claim on a Gaussian counts in full where its masks weigh it at
 *     least this share of what the mask being scored does; fainter claims count in proportion
 * @param rounds most refinement rounds (each reassigns every mask against the others)
 * @param downscale the scene pass renders at 1/downscale of the cameras' resolution (1: full);
 *     areas and --min-area stay in full-resolution pixels
 */
public record AssociationParams(
        int minArea, double join, double flag, double strength, int rounds, int downscale) {
    public static final int DEFAULT_MIN_AREA = 64;

    public AssociationParams {
        if (downscale < 1) throw new IllegalArgumentException("downscale must be at least 1");
        if (minArea < 1) throw new IllegalArgumentException("min area must be at least 1 pixel");
        if (!(join > 0 && join <= 1) || !(flag > 0 && flag <= join)) {
            throw new IllegalArgumentException("need 0 < flag <= join <= 1");
        }
    }

    public static AssociationParams defaults() {
        return new AssociationParams(DEFAULT_MIN_AREA, 0.35, 0.2, 0.1, 10, 1);
    }

    public AssociationParams withMinArea(int area) {
        return new AssociationParams(area, join, flag, strength, rounds, downscale);
    }

    public AssociationParams withDownscale(int factor) {
        return new AssociationParams(minArea, join, flag, strength, rounds, factor);
    }
}
