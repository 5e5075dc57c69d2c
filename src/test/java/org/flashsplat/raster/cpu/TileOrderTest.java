package org.flashsplat.raster.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tile's lazily sorted order is exactly the order of a sort on the whole (depth, index) key,
 * however far it is read, whatever the spread of depths.
 */
class TileOrderTest {
    @ParameterizedTest
    @CsvSource({
        "0, 100",
        "1, 100",
        "64, 100",
        "65, 100",
        "1000, 1000",
        "5000, 250",
        "5000, 1",
        "20000, 100000",
        "3000, 0"
    })
    void readsInTheOrderOfAFullSort(int n, int distinctDepths) {
        SplittableRandom rnd = new SplittableRandom(n * 31L + distinctDepths);
        long[] a = new long[n + 10];
        int index = 0;
        for (int i = 5; i < n + 5; i++) {
            // ascending indices as the scatter leaves them; distinctDepths = 0: a far outlier
            // among equal depths (one bucket holds nearly all)
            index += 1 + rnd.nextInt(3);
            float depth =
                    distinctDepths == 0
                            ? (i == 7 ? 1000f : 2f)
                            : 1f + rnd.nextInt(distinctDepths) * 0.001f;
            a[i] = ((long) Float.floatToRawIntBits(depth) << 32) | index;
        }
        long[] expected = Arrays.copyOfRange(a, 5, n + 5);
        Arrays.sort(expected);
        TileOrder order = new TileOrder();
        order.load(a, 5, n + 5);
        assertThat(order.size).isEqualTo(n);
        // read in steps as the blend does: the prefix read so far is final
        for (int read = 0; read < n; ) {
            int step = 1 + rnd.nextInt(40);
            int sorted = order.sortThrough(read + step);
            assertThat(sorted).isGreaterThanOrEqualTo(Math.min(n, read + step));
            int to = Math.min(n, read + step);
            assertThat(Arrays.copyOfRange(order.keys, read, to))
                    .containsExactly(Arrays.copyOfRange(expected, read, to));
            read += step;
        }
        assertThat(Arrays.copyOfRange(order.keys, 0, n)).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"5000", "300"})
    void aTileReloadedAfterAPartialReadStartsAfresh(int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((long) Float.floatToRawIntBits(1f + (n - i) * 0.01f) << 32) | i;
        }
        long[] expected = a.clone();
        Arrays.sort(expected);
        TileOrder order = new TileOrder();
        order.load(a, 0, n);
        order.sortThrough(10);
        order.load(a, 0, n);
        order.sortThrough(n);
        assertThat(Arrays.copyOfRange(order.keys, 0, n)).containsExactly(expected);
    }
}
