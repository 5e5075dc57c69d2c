package org.flashsplat.raster;

import java.util.SplittableRandom;

/** Random orders of 0..n-1 for tests that compare orders of the Gaussians. */
public final class Permutations {
    private Permutations() {}

    /** 0..n-1 shuffled (Fisher-Yates) with {@code rnd}. */
    public static int[] shuffled(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
