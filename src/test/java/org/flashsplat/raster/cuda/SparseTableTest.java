package org.flashsplat.raster.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.cuda.SparseTable.Flush;
import org.flashsplat.raster.cuda.SparseTable.Grow;
import org.flashsplat.raster.cuda.SparseTable.Merge;
import org.flashsplat.raster.cuda.SparseTable.Step;
import org.junit.jupiter.api.Test;

/**
 * The host's side of the sparse contributions on the device (issue 13 item 6), with a Java model of
 * cuda/sparse.cuh's hash table: records of many views and hundreds of labels, merged by the plan
 * (growing, flushing), folded into the host's contributions, give exactly the sums of adding every
 * record directly.
 */
class SparseTableTest {
    /** cuda/sparse.cuh's table, in Java: the same hash, linear probing and counters. */
    static final class TableModel {
        long[] keys, sums;
        long occupied;

        TableModel(long slots) {
            keys = new long[(int) slots];
            sums = new long[(int) slots];
            Arrays.fill(keys, SparseTable.EMPTY);
        }

        void add(long key, long value) {
            int mask = keys.length - 1;
            int s = (int) ((key * 0x9E3779B97F4A7C15L >>> 17) & mask);
            while (keys[s] != key) {
                if (keys[s] == SparseTable.EMPTY) {
                    keys[s] = key;
                    occupied++;
                    break;
                }
                s = (s + 1) & mask;
            }
            sums[s] += value;
        }
    }

    @Test
    void keysHoldAnyGaussianAndSixteenBitLabel() {
        for (int g : new int[] {0, 1, 123_456, Integer.MAX_VALUE}) {
            for (int l : new int[] {0, 1, 299, 65_535}) {
                long k = SparseTable.key(g, l);
                assertThat(SparseTable.gaussian(k)).isEqualTo(g);
                assertThat(SparseTable.label(k)).isEqualTo(l);
                assertThat(k).isBetween(0L, (1L << 48) - 1).isNotEqualTo(SparseTable.EMPTY);
            }
        }
    }

    @Test
    void tablesArePowersOfTwoAtMostHalfFull() {
        assertThat(SparseTable.slotsFor(0)).isEqualTo(SparseTable.MIN_SLOTS);
        assertThat(SparseTable.slotsFor(512)).isEqualTo(1024);
        assertThat(SparseTable.slotsFor(513)).isEqualTo(2048);
        assertThat(SparseTable.slotsFor(3_000_000)).isEqualTo(1L << 23);
    }

    @Test
    void roomEnoughMeansOneMerge() {
        assertThat(SparseTable.plan(100, 400, 1024, 1 << 20)).containsExactly(new Merge(0, 400));
    }

    @Test
    void theTableGrowsWhenMemoryAllows() {
        assertThat(SparseTable.plan(400, 5000, 1024, 1 << 20))
                .containsExactly(new Grow(16384), new Merge(0, 5000));
    }

    @Test
    void withoutRoomToGrowTheTableIsFoldedToTheHostInParts() {
        List<Step> steps = SparseTable.plan(500, 1100, 1024, 1024);
        assertThat(steps)
                .containsExactly(
                        new Merge(0, 12),
                        new Flush(),
                        new Merge(12, 512),
                        new Flush(),
                        new Merge(524, 512),
                        new Flush(),
                        new Merge(1036, 64));
    }

    @Test
    void growthIsCappedByFreeMemoryAndTheCap() {
        long slots = 1 << 20;
        // too little free memory: no growth beyond what is there
        assertThat(SparseTable.maxSlots(SparseTable.MARGIN / 2, slots, Long.MAX_VALUE))
                .isEqualTo(slots);
        long free = SparseTable.MARGIN + 16L * (1 << 24);
        assertThat(SparseTable.maxSlots(free, slots, Long.MAX_VALUE)).isEqualTo(1 << 24);
        assertThat(SparseTable.maxSlots(free, slots, 1 << 22)).isEqualTo(1 << 22);
    }

    @Test
    void plansNeverOverfillAndMergeEveryRecordOnce() {
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 2000; t++) {
            long slots = 1L << (10 + r.nextInt(8));
            long occupied = r.nextLong(slots / 2 + 1);
            long records = r.nextLong(200_000);
            long max = r.nextBoolean() ? slots : slots << r.nextInt(6);
            long next = 0, occ = occupied, s = slots;
            for (Step step : SparseTable.plan(occupied, records, slots, max)) {
                switch (step) {
                    case Grow g -> {
                        assertThat(g.slots()).isGreaterThan(s).isLessThanOrEqualTo(max);
                        assertThat(Long.bitCount(g.slots())).isEqualTo(1);
                        s = g.slots();
                    }
                    case Flush f -> {
                        assertThat(s)
                                .as("flushed although it could grow")
                                .isEqualTo(Long.highestOneBit(Math.max(max, slots)));
                        occ = 0;
                    }
                    case Merge m -> {
                        assertThat(m.from()).isEqualTo(next);
                        assertThat(m.count()).isPositive();
                        next += m.count();
                        occ += m.count();
                        assertThat(occ).isLessThanOrEqualTo(s / 2);
                    }
                }
            }
            assertThat(next).isEqualTo(records);
        }
    }

    @Test
    void manyLabelsThroughTheDeviceTableGiveTheSameBitsAsAddingDirectly() {
        int gaussians = 20_000, labels = 300, views = 12;
        SplittableRandom r = new SplittableRandom(2026);
        Contributions reference = new Contributions(labels, gaussians);
        Contributions folded = new Contributions(labels, gaussians);
        TableModel table = new TableModel(SparseTable.MIN_SLOTS);
        long maxSlots = 1 << 13; // small: the plan has to flush as well as grow
        int flushes = 0, grows = 0;
        for (int v = 0; v < views; v++) {
            // a view's records: several per (Gaussian, label), as tiles and batches give them
            int n = 3000 + r.nextInt(6000);
            long[] keys = new long[n], sums = new long[n];
            for (int k = 0; k < n; k++) {
                int g = r.nextInt(gaussians), l = r.nextInt(labels);
                keys[k] = SparseTable.key(g, l);
                sums[k] = 1 + r.nextLong(256L << 32); // up to 256 pixels of weight < 1
                reference.addAtomic(l, g, sums[k]);
            }
            long occupied = table.occupied;
            for (Step step : SparseTable.plan(occupied, n, table.keys.length, maxSlots)) {
                switch (step) {
                    case Grow g -> {
                        TableModel bigger = new TableModel(g.slots());
                        for (int s = 0; s < table.keys.length; s++)
                            if (table.keys[s] != SparseTable.EMPTY)
                                bigger.add(table.keys[s], table.sums[s]);
                        table = bigger;
                        grows++;
                    }
                    case Flush f -> {
                        SparseTable.fold(table.keys, table.sums, table.keys.length, folded);
                        table = new TableModel(table.keys.length);
                        flushes++;
                    }
                    case Merge m -> {
                        for (long k = m.from(); k < m.from() + m.count(); k++)
                            table.add(keys[(int) k], sums[(int) k]);
                        assertThat(table.occupied).isLessThanOrEqualTo(table.keys.length / 2);
                    }
                }
            }
        }
        SparseTable.fold(table.keys, table.sums, table.keys.length, folded);
        assertThat(grows).isPositive();
        assertThat(flushes).isPositive();
        assertThat(folded.table().fixed()).containsExactly(reference.table().fixed());
        assertThat(folded.table().label()).containsExactly(reference.table().label());
        assertThat(folded.table().start()).containsExactly(reference.table().start());
    }

    @Test
    void aSumThatReachedTheSignBitOnTheDeviceFails() {
        long[] keys = {SparseTable.EMPTY, SparseTable.key(42, 7)};
        long[] sums = {0, Long.MIN_VALUE + 3}; // 2^63 + 3 as an unsigned device sum
        Contributions c = new Contributions(8, 100);
        assertThatThrownBy(() -> SparseTable.fold(keys, sums, 2, c))
                .isInstanceOf(Contributions.RangeException.class)
                .hasMessageContaining("Gaussian 42 under label 7");
    }
}
