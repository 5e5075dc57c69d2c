package org.flashsplat.associate;

import java.util.Arrays;

/**
 * The running supports of the global instances, stored per Gaussian: up to {@link #SLOTS}
 * (instance, weight) pairs and the total weight of every mask that voted for the Gaussian. Dense
 * per-instance arrays would cost instances x Gaussians (GBs on a 1M scene with many stray masks); a
 * Gaussian is claimed by one or two instances in practice, so four slots lose nothing that matters.
 * When a fifth instance claims a Gaussian, the lightest claim is dropped from the slots (it stays
 * in the total, so shares stay honest).
 */
final class InstanceSupports {
    static final int SLOTS = 4;
    private static final float TINY = 1e-7f;

    private final int[] owner;
    private final float[] weight;
    private final int[] voters; // masks whose votes make up weight[s]
    private final float[] total;
    private final double strength;

    /**
     * @param strength see {@link #affinities}
     */
    InstanceSupports(int gaussians, double strength) {
        owner = new int[gaussians * SLOTS];
        weight = new float[gaussians * SLOTS];
        voters = new int[gaussians * SLOTS];
        total = new float[gaussians];
        this.strength = strength;
        Arrays.fill(owner, -1);
    }

    /** Adds a mask's votes to an instance. */
    void add(MaskSupport m, int instance) {
        int[] g = m.gaussians();
        float[] p = m.weights();
        for (int k = 0; k < g.length; k++) {
            int i = g[k], base = i * SLOTS;
            total[i] += p[k];
            int free = -1, light = -1;
            boolean done = false;
            for (int s = base; s < base + SLOTS; s++) {
                if (owner[s] == instance) {
                    weight[s] += p[k];
                    voters[s]++;
                    done = true;
                    break;
                }
                if (owner[s] < 0) {
                    if (free < 0) free = s;
                } else if (light < 0 || weight[s] < weight[light]) {
                    light = s;
                }
            }
            if (done) continue;
            int s = free >= 0 ? free : (weight[light] < p[k] ? light : -1);
            if (s >= 0) {
                owner[s] = instance;
                weight[s] = p[k];
                voters[s] = 1;
            }
        }
    }

    /**
     * Takes a mask's votes back from an instance (the exact inverse of {@link #add}, up to
     * rounding).
     */
    void remove(MaskSupport m, int instance) {
        int[] g = m.gaussians();
        float[] p = m.weights();
        for (int k = 0; k < g.length; k++) {
            int i = g[k], base = i * SLOTS;
            total[i] = total[i] - p[k] < TINY ? 0 : total[i] - p[k];
            for (int s = base; s < base + SLOTS; s++) {
                if (owner[s] == instance) {
                    weight[s] -= p[k];
                    if (--voters[s] == 0 || weight[s] < TINY) {
                        owner[s] = -1;
                        weight[s] = 0;
                        voters[s] = 0;
                    }
                    break;
                }
            }
        }
    }

    /**
     * Adds to {@code affinity[I]} the share of the mask's weight lying on Gaussians that instance I
     * claims, each Gaussian split between its claimants in proportion to their votes. Gaussians
     * nobody voted for count for no instance, so a mask of a new object scores low everywhere.
     *
     * <p>A claim counts in full only where the instance's masks weigh the Gaussian at least {@code
     * strength} times as much as this mask does (on average over the masks that cover it), and in
     * proportion below that. Without it, an object seen through the semi-transparent edge of one in
     * front would belong to the front object: the front object's masks cover the hidden Gaussians
     * too, faintly, and with nobody else claiming them yet a faint claim would win.
     */
    void affinities(MaskSupport m, double[] affinity, int own) {
        int[] g = m.gaussians();
        float[] p = m.weights();
        for (int k = 0; k < g.length; k++) {
            int i = g[k];
            // Leave-one-out without touching the arrays: the mask's own votes (in instance
            // own, when it votes) are taken out on the fly, so scoring is read-only.
            float t = own >= 0 ? total[i] - p[k] : total[i];
            if (t <= TINY) continue;
            double share = p[k] / (double) t, full = strength * p[k];
            for (int s = i * SLOTS, end = s + SLOTS; s < end; s++) {
                if (owner[s] < 0) continue;
                float w = weight[s];
                int n = voters[s];
                if (owner[s] == own) {
                    w -= p[k];
                    n--;
                    if (n <= 0 || w <= TINY) continue;
                }
                double claim = Math.min(1.0, w / n / full);
                affinity[owner[s]] += share * w * claim;
            }
        }
    }
}
