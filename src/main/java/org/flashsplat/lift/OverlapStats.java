package org.flashsplat.lift;

import java.util.Arrays;

/**
 * How objects share Gaussians. Objects are decided one by one, so in real scenes about a fifth of
 * the Gaussians land in more than one object: shown, never hidden.
 *
 * @param objectCounts Gaussians in object k + 1
 * @param objectMass summed contribution A[k + 1, i] over the members of object k + 1
 * @param objectShare objectMass as a share of all of A[k + 1, .]
 * @param pairs Gaussians shared by two objects, for the pairs that share any (K x K would not
 *     scale to hundreds of objects)
 * @param inAny Gaussians in at least one object
 * @param inTwoOrMore Gaussians in two or more objects
 * @param unseen Gaussians no view saw (all contributions zero)
 */
public record OverlapStats(
        int[] objectCounts,
        double[] objectMass,
        double[] objectShare,
        Pairs pairs,
        int inAny,
        int inTwoOrMore,
        int unseen) {

    /**
     * Object pairs (a, b), a < b (0-based), sharing Gaussians: {@code keys[j] = a << 32 | b},
     * ascending, and how many they share.
     */
    public record Pairs(long[] keys, long[] counts) {
        public int size() {
            return keys.length;
        }

        public int first(int j) {
            return (int) (keys[j] >>> 32);
        }

        public int second(int j) {
            return (int) keys[j];
        }

        long count(int a, int b) {
            int j = Arrays.binarySearch(keys, ((long) a << 32) | b);
            return j < 0 ? 0 : counts[j];
        }
    }

    /** Share of the assigned Gaussians that belong to two or more objects. */
    public double overlapShare() {
        return inAny == 0 ? 0 : (double) inTwoOrMore / inAny;
    }

    /** Gaussians in both objects a and b (0-based); a == b gives the object's count. */
    public long shared(int a, int b) {
        if (a == b) return objectCounts[a];
        return a < b ? pairs.count(a, b) : pairs.count(b, a);
    }
}
