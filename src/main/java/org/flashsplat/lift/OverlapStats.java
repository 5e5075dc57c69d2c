package org.flashsplat.lift;

/**
 * How objects share Gaussians. Objects are decided one by one, so in real scenes about a fifth of
 * the Gaussians land in more than one object: shown, never hidden.
 *
 * @param objectCounts Gaussians in object k + 1
 * @param objectMass summed contribution A[k + 1, i] over the members of object k + 1
 * @param objectShare objectMass as a share of all of A[k + 1, .]
 * @param shared K x K row-major: Gaussians in both objects (the diagonal holds objectCounts)
 * @param inAny Gaussians in at least one object
 * @param inTwoOrMore Gaussians in two or more objects
 * @param unseen Gaussians no view saw (all contributions zero)
 */
public record OverlapStats(
        int[] objectCounts,
        double[] objectMass,
        double[] objectShare,
        long[] shared,
        int inAny,
        int inTwoOrMore,
        int unseen) {

    /** Share of the assigned Gaussians that belong to two or more objects. */
    public double overlapShare() {
        return inAny == 0 ? 0 : (double) inTwoOrMore / inAny;
    }

    public long shared(int a, int b) {
        return shared[a * objectCounts.length + b];
    }
}
