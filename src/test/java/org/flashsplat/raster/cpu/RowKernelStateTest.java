package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.flashsplat.raster.Contributions;
import org.junit.jupiter.api.Test;

/**
 * The vector and the scalar row kernel leave a tile in the same state, call by call: random
 * Gaussians (narrow ones at every window position, which the vector kernel blends two half rows per
 * vector, and wide ones), partly closed rows, rows of one label and mixed rows, pixels that stop.
 * Compared: transmittance, stop positions, open bits, the stopped count and the per-label sums once
 * the mixed rows' pixels are added the way the blender adds them.
 */
class RowKernelStateTest {
    private static final int TILE = TileScratch.TILE;
    private static final int LABELS = 3;

    @Test
    void everyCallLeavesTheSameState() {
        RowKernel vector = RowKernels.vector();
        assertThat(vector).as("vector kernel (surefire adds jdk.incubator.vector)").isNotNull();
        SplittableRandom random = new SplittableRandom(14);
        int narrow = 0, blendedPairs = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int tw = trial % 10 == 0 ? 1 + random.nextInt(TILE) : TILE;
            int[] pixelLabel = new int[TILE * TILE];
            TileScratch expected = tile(random, tw, pixelLabel);
            TileScratch actual = copy(expected);
            int c0 = random.nextInt(tw);
            int width = random.nextInt(4) == 0 ? random.nextInt(tw - c0) : random.nextInt(8);
            int c1 = Math.min(tw - 1, c0 + width);
            int r0 = random.nextInt(TILE), r1 = Math.min(TILE - 1, r0 + random.nextInt(9));
            if (c1 - c0 < 8) narrow++;
            float gx = c0 + (c1 - c0) * (float) random.nextDouble() + 40f;
            float gy = r0 + (r1 - r0) * (float) random.nextDouble() + 96f;
            float ca = (float) (0.05 + random.nextDouble() * 2),
                    cc = (float) (0.05 + random.nextDouble() * 2);
            float cb = (float) ((random.nextDouble() - 0.5) * Math.sqrt(ca * cc));
            float opacity = (float) (0.2 + random.nextDouble() * 0.79);
            float powerMin = (float) -(1 + random.nextDouble() * 24);
            boolean sumFixed = random.nextBoolean();
            int listPos = trial;
            int stoppedExpected =
                    ScalarRowKernel.INSTANCE.blendRows(
                            expected, tw, 40, 96, r0, r1, c0, c1, gx, gy, ca, cb, cc, opacity,
                            powerMin, listPos, sumFixed);
            int stoppedActual =
                    vector.blendRows(
                            actual, tw, 40, 96, r0, r1, c0, c1, gx, gy, ca, cb, cc, opacity,
                            powerMin, listPos, sumFixed);
            String call = "trial " + trial;
            assertThat(stoppedActual).as(call).isEqualTo(stoppedExpected);
            assertThat(actual.blended).as(call).isEqualTo(expected.blended);
            blendedPairs += expected.blended;
            assertThat(actual.transmittance).as(call).containsExactly(expected.transmittance);
            assertThat(actual.stoppedAt).as(call).containsExactly(expected.stoppedAt);
            assertThat(actual.openBits).as(call).containsExactly(expected.openBits);
            assertThat(actual.rowsOpen).as(call).isEqualTo(expected.rowsOpen);
            assertThat(sums(actual, tw, pixelLabel, sumFixed))
                    .as(call)
                    .containsExactly(sums(expected, tw, pixelLabel, sumFixed));
        }
        assertThat(narrow).isGreaterThan(10_000);
        assertThat(blendedPairs).isGreaterThan(100_000);
    }

    /** A tile part way through its list: some pixels stopped, T below 1, rows of one label. */
    private static TileScratch tile(SplittableRandom random, int tw, int[] pixelLabel) {
        TileScratch s = new TileScratch();
        s.startLabels(LABELS);
        for (int r = 0; r < TILE; r++) {
            int kind = random.nextInt(4); // 0: mixed labels; else one label for the row
            s.rowLabel[r] = kind == 0 ? TileScratch.MIXED : random.nextInt(LABELS);
            int bits = 0;
            for (int c = 0; c < tw; c++) {
                int q = r * tw + c;
                pixelLabel[q] = kind == 0 ? random.nextInt(LABELS) : s.rowLabel[r];
                boolean open = random.nextInt(5) != 0;
                s.stoppedAt[q] = open ? -1 : random.nextInt(50);
                s.transmittance[q] = open ? (float) (0.0002 + random.nextDouble()) : 0.5f;
                if (s.transmittance[q] > 1f) s.transmittance[q] = 1f;
                if (open) bits |= 1 << c;
            }
            s.openBits[r] = bits;
            if (bits != 0) s.rowsOpen |= 1 << r;
        }
        return s;
    }

    private static TileScratch copy(TileScratch from) {
        TileScratch s = new TileScratch();
        s.startLabels(LABELS);
        System.arraycopy(from.transmittance, 0, s.transmittance, 0, from.transmittance.length);
        System.arraycopy(from.stoppedAt, 0, s.stoppedAt, 0, from.stoppedAt.length);
        System.arraycopy(from.openBits, 0, s.openBits, 0, TILE);
        System.arraycopy(from.rowLabel, 0, s.rowLabel, 0, TILE);
        s.rowsOpen = from.rowsOpen;
        return s;
    }

    /** The per-label sums as the blender completes them: plus each pixel of the pixel rows. */
    private static long[] sums(TileScratch s, int tw, int[] pixelLabel, boolean sumFixed) {
        long[] total = new long[LABELS];
        for (int l = 0; l < LABELS; l++) total[l] = s.labelSum[l];
        for (int rows = s.pixelRows; rows != 0; rows &= rows - 1) {
            int r = Integer.numberOfTrailingZeros(rows);
            for (int bits = s.rowBlended[r]; bits != 0; bits &= bits - 1) {
                int c = Integer.numberOfTrailingZeros(bits);
                float w = s.weights[r * TILE + c];
                // a render (no sums) still reports the weights of the pixels it blended
                total[sumFixed ? pixelLabel[r * tw + c] : 0] += Contributions.toFixed(w);
            }
        }
        return total;
    }
}
