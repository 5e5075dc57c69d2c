package org.flashsplat.associate;

/**
 * The running supports of the global instances, stored per Gaussian: up to {@link #SLOTS}
 * (instance, weight) pairs and the total weight of every mask that voted for the Gaussian. Dense
 * per-instance arrays would cost instances x Gaussians (GBs on a 1M scene with many stray masks); a
 * Gaussian is claimed by one or two instances in practice, so four slots lose nothing that matters.
 * When a fifth instance claims a Gaussian, the lightest claim is dropped from the slots (it stays
 * in the total, so shares stay honest).
 *
 * <p>A Gaussian's total and slots lie together in one 64-byte record of {@link #data}: scoring a
 * mask visits its Gaussians in index order but all over the scene, so each visit is a cache miss,
 * and one line per Gaussian instead of four (separate arrays) is most of the clustering's time.
 */
final class InstanceSupports {
    static final int SLOTS = 4;
    private static final float TINY = 1e-7f;

    /** Ints per Gaussian: total, then (owner, weight, voters) per slot, padded to 64 bytes. */
    private static final int STRIDE = 16;

    /**
     * Ints before the first record: the array's header is 16 bytes, and a large array starts at a
     * region boundary, so 12 ints of padding put every record on its own cache line.
     */
    private static final int PAD = 12;

    private final int[] data;
    private final double strength;

    /**
     * @param strength see {@link #affinities}
     */
    InstanceSupports(int gaussians, double strength) {
        data = new int[PAD + gaussians * STRIDE];
        for (int i = 0; i < gaussians; i++) {
            for (int s = 0; s < SLOTS; s++) data[PAD + i * STRIDE + 1 + 3 * s] = -1;
        }
        this.strength = strength;
    }

    private float total(int base) {
        return Float.intBitsToFloat(data[base]);
    }

    private float weight(int slot) {
        return Float.intBitsToFloat(data[slot + 1]);
    }

    private void setWeight(int slot, float w) {
        data[slot + 1] = Float.floatToRawIntBits(w);
    }

    /** Adds a mask's votes to an instance. */
    void add(MaskSupport m, int instance) {
        int[] g = m.gaussians();
        float[] p = m.weights();
        for (int k = 0; k < g.length; k++) {
            int base = PAD + g[k] * STRIDE;
            data[base] = Float.floatToRawIntBits(total(base) + p[k]);
            int free = -1, light = -1;
            boolean done = false;
            for (int s = base + 1; s < base + 1 + 3 * SLOTS; s += 3) {
                if (data[s] == instance) {
                    setWeight(s, weight(s) + p[k]);
                    data[s + 2]++;
                    done = true;
                    break;
                }
                if (data[s] < 0) {
                    if (free < 0) free = s;
                } else if (light < 0 || weight(s) < weight(light)) {
                    light = s;
                }
            }
            if (done) continue;
            int s = free >= 0 ? free : (weight(light) < p[k] ? light : -1);
            if (s >= 0) {
                data[s] = instance;
                setWeight(s, p[k]);
                data[s + 2] = 1;
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
            int base = PAD + g[k] * STRIDE;
            float t = total(base);
            data[base] = Float.floatToRawIntBits(t - p[k] < TINY ? 0 : t - p[k]);
            for (int s = base + 1; s < base + 1 + 3 * SLOTS; s += 3) {
                if (data[s] == instance) {
                    float w = weight(s) - p[k];
                    setWeight(s, w);
                    if (--data[s + 2] == 0 || w < TINY) {
                        data[s] = -1;
                        setWeight(s, 0);
                        data[s + 2] = 0;
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
            int base = PAD + g[k] * STRIDE;
            // Leave-one-out without touching the arrays: the mask's own votes (in instance
            // own, when it votes) are taken out on the fly, so scoring is read-only.
            float t = own >= 0 ? total(base) - p[k] : total(base);
            if (t <= TINY) continue;
            double share = p[k] / (double) t, full = strength * p[k];
            for (int s = base + 1; s < base + 1 + 3 * SLOTS; s += 3) {
                int owner = data[s];
                if (owner < 0) continue;
                float w = weight(s);
                int n = data[s + 2];
                if (owner == own) {
                    w -= p[k];
                    n--;
                    if (n <= 0 || w <= TINY) continue;
                }
                double claim = Math.min(1.0, w / n / full);
                affinity[owner] += share * w * claim;
            }
        }
    }
}
