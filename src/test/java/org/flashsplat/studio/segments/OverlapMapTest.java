package org.flashsplat.studio.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.flashsplat.lift.OverlapStats;
import org.flashsplat.studio.model.ObjectSelection;
import org.junit.jupiter.api.Test;

/** The overlap heat map's state without the toolkit: axes, image, hit-testing, zoom and pan. */
class OverlapMapTest {
    /** The highlight requests the map makes, as the preview would receive them. */
    private static final class Selection implements ObjectSelection {
        final List<int[]> toggles = new ArrayList<>();
        final javafx.beans.property.IntegerProperty a =
                new javafx.beans.property.SimpleIntegerProperty();
        final javafx.beans.property.IntegerProperty b =
                new javafx.beans.property.SimpleIntegerProperty();

        @Override
        public ObservableSet<Integer> selected() {
            return FXCollections.observableSet();
        }

        @Override
        public void toggleHighlight(int a, int b) {
            toggles.add(new int[] {a, b});
            boolean same = this.a.get() == a && this.b.get() == b;
            this.a.set(same ? 0 : a);
            this.b.set(same ? 0 : b);
        }

        @Override
        public javafx.beans.property.ReadOnlyIntegerProperty highlightAProperty() {
            return a;
        }

        @Override
        public javafx.beans.property.ReadOnlyIntegerProperty highlightBProperty() {
            return b;
        }
    }

    private final Selection selection = new Selection();
    private final OverlapMap map = new OverlapMap(selection);

    /** Statistics from per-object counts (by 0-based index) and pairs {a, b, shared}. */
    private static OverlapStats stats(int[] counts, long[]... pairs) {
        long[] keys = new long[pairs.length], shared = new long[pairs.length];
        java.util.Arrays.sort(pairs, java.util.Comparator.comparingLong(p -> p[0] << 32 | p[1]));
        for (int j = 0; j < pairs.length; j++) {
            keys[j] = pairs[j][0] << 32 | pairs[j][1];
            shared[j] = pairs[j][2];
        }
        int any = 0;
        for (int c : counts) any += c;
        return new OverlapStats(
                counts,
                new double[counts.length],
                new double[counts.length],
                new OverlapStats.Pairs(keys, shared),
                any,
                0,
                0);
    }

    /** 300 objects of 100 Gaussians; neighbours i, i + 1 share i + 1 of them. */
    private static OverlapStats chain(int k, int delta) {
        int[] counts = new int[k];
        java.util.Arrays.fill(counts, 100);
        long[][] pairs = new long[k - 1][];
        for (int i = 0; i + 1 < k; i++) pairs[i] = new long[] {i, i + 1, (i + delta) % 100 + 1};
        return stats(counts, pairs);
    }

    private void view(double w, double h) {
        map.widthProperty().set(w);
        map.heightProperty().set(h);
    }

    @Test
    void mapsOnlyTheObjectsThatHoldGaussiansEvenWithSixteenBitIds() {
        int[] counts = new int[65535];
        counts[0] = 100;
        counts[6] = 50;
        counts[3999] = 20;
        map.setStats(stats(counts, new long[] {0, 6, 10}, new long[] {6, 3999, 5}));

        assertThat(map.size()).isEqualTo(3);
        assertThat(map.holding()).isEqualTo(3);
        assertThat(new int[] {map.objectAt(0), map.objectAt(1), map.objectAt(2)})
                .containsExactly(1, 7, 4000);
        assertThat(map.positionOf(4000)).isEqualTo(2);
        assertThat(map.positionOf(2)).isEqualTo(-1);
        int[] px = map.pixels();
        assertThat(px).hasSize(9);
        assertThat(px[0 * 3 + 1]).isEqualTo(OverlapMap.heat(10, 10)).isEqualTo(px[1 * 3 + 0]);
        assertThat(px[1 * 3 + 2]).isEqualTo(OverlapMap.heat(5, 10)).isNotEqualTo(px[1]);
        assertThat(px[0 * 3 + 2]).isEqualTo(OverlapMap.ZERO);
        assertThat(px[4]).isEqualTo(OverlapMap.DIAGONAL);
        assertThat(map.cell(1, 2).count()).isEqualTo(5);
        assertThat(map.cell(2, 2).count()).isEqualTo(20);
    }

    @Test
    void buildsFromThePairsWithOneImageBufferAndNoObjectPerCell() {
        int k = 300;
        int[] counts = new int[k];
        java.util.Arrays.fill(counts, 1000);
        long[][] pairs = new long[k * (k - 1) / 2][];
        int j = 0;
        for (int a = 0; a < k; a++)
            for (int b = a + 1; b < k; b++) pairs[j++] = new long[] {a, b, 1 + (a * 31 + b) % 97};
        OverlapStats every = stats(counts, pairs);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 3; i++) map.setStats(every); // class loading and first-call costs
        long before = threads.getThreadAllocatedBytes(tid);
        map.setStats(every);
        map.orderProperty().set(OverlapMap.Order.OVERLAP);
        long bytes = (threads.getThreadAllocatedBytes(tid) - before) / 2;

        System.out.printf("overlap map of %d objects: %,d bytes allocated a build%n", k, bytes);
        assertThat(map.size()).isEqualTo(k);
        // One int per cell is 360,000 bytes; an object per cell would be at least 1.4 MB.
        assertThat(bytes).isLessThan(8L * k * k);
        assertThat(map.pixels()).hasSize(k * k);
    }

    @Test
    void hitTestingFollowsZoomAndPan() {
        map.setStats(chain(300, 0));
        view(312, 312); // 300 pixels of room after the header strips: one pixel a cell
        assertThat(map.scaleProperty().get()).isEqualTo(1);
        assertThat(map.cellAt(12.5, 12.5)).extracting("row", "col").containsExactly(0, 0);
        assertThat(map.cellAt(11, 50)).as("the header strip").isNull();
        assertThat(map.cellAt(12 + 299.5, 12.5)).extracting("row", "col").containsExactly(0, 299);
        assertThat(map.cellAt(312.5, 20)).isNull();

        // Zooming keeps the cell under the pointer under it.
        double x = 12 + 150.5, y = 12 + 100.5;
        map.zoomAt(10, x, y);
        assertThat(map.scaleProperty().get()).isEqualTo(10);
        assertThat(map.cellAt(x, y)).extracting("row", "col").containsExactly(100, 150);
        assertThat(map.cellAt(x + 10, y)).extracting("row", "col").containsExactly(100, 151);
        map.panBy(-12, 0); // 1.2 cells: the point moves from 150.5 to 151.7
        assertThat(map.cellAt(x, y)).extracting("row", "col").containsExactly(100, 151);

        // Panning stops at the matrix's edges.
        map.panBy(1e6, 1e6);
        assertThat(map.cellAt(12.5, 12.5)).extracting("row", "col").containsExactly(0, 0);
        map.panBy(-1e6, -1e6);
        assertThat(map.cellAt(311.9, 311.9)).extracting("row", "col").containsExactly(299, 299);

        // Zoom stays between "all of it" and MAX_CELL pixels a cell.
        map.zoomAt(1e6, 100, 100);
        assertThat(map.scaleProperty().get()).isEqualTo(OverlapMap.MAX_CELL);
        map.zoomAt(1e-6, 100, 100);
        assertThat(map.scaleProperty().get()).isEqualTo(1);
        assertThat(map.cellAt(12.5, 12.5)).extracting("row", "col").containsExactly(0, 0);
    }

    @Test
    void aSmallMatrixIsCentredAndFitted() {
        map.setStats(chain(3, 0));
        view(112, 212);
        // 100 pixels of width for 3 cells; the height's spare room is split above and below.
        assertThat(map.scaleProperty().get()).isCloseTo(100 / 3.0, within());
        assertThat(map.panXProperty().get()).isZero();
        assertThat(map.panYProperty().get()).isCloseTo(50, within());
        assertThat(map.cellAt(12 + 40, 12 + 50 + 40))
                .extracting("row", "col")
                .containsExactly(1, 1);
        assertThat(map.cellAt(12 + 40, 12 + 40)).as("above the centred matrix").isNull();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    @Test
    void theHoveredCellIsDescribedAndFollowsANewAssignment() {
        map.setStats(chain(300, 0));
        view(312, 312);
        map.zoomAt(20, 12.5, 12.5); // the top-left corner stays in view
        // The centre of row 2, column 3 after the zoom, from the map's own scale and pan.
        double s = map.scaleProperty().get();
        double x = 12 + map.panXProperty().get() + 3.5 * s;
        double y = 12 + map.panYProperty().get() + 2.5 * s;
        map.hover(x, y);
        OverlapMap.Cell c = map.hoveredProperty().get();
        assertThat(c).extracting("a", "b", "count").containsExactly(3, 4, 3L);
        assertThat(map.describe(c))
                .isEqualTo("object 3 × object 4: 3 Gaussians / 3.0% of object 3");
        map.hover(x - s, y); // one cell to the left: the diagonal
        assertThat(map.describe(map.hoveredProperty().get()))
                .isEqualTo("object 3: 100 Gaussians / 0.3% of assigned");

        // A gamma change: new counts, same objects. The view stays where the user put it.
        double scale = map.scaleProperty().get(), pan = map.panXProperty().get();
        map.hover(x, y);
        map.setStats(chain(300, 40));
        assertThat(map.scaleProperty().get()).isEqualTo(scale);
        assertThat(map.panXProperty().get()).isEqualTo(pan);
        assertThat(map.hoveredProperty().get())
                .extracting("a", "b", "count")
                .containsExactly(3, 4, 43L);
        map.exit();
        assertThat(map.hoveredProperty().get()).isNull();
        assertThat(map.describe(null)).isEmpty();
    }

    @Test
    void aClickHighlightsThePairAndTheSameCellAgainClearsIt() {
        map.setStats(chain(300, 0));
        view(312, 312);
        assertThat(map.click(5, 5)).isNull();
        assertThat(selection.toggles).isEmpty();
        OverlapMap.Cell c = map.click(12 + 10.5, 12 + 9.5);
        assertThat(c).extracting("a", "b").containsExactly(10, 11);
        assertThat(selection.toggles).hasSize(1);
        assertThat(selection.toggles.getFirst()).containsExactly(10, 11);
        assertThat(map.pickedProperty().get()).isEqualTo(c);
        map.click(12 + 10.5, 12 + 9.5);
        assertThat(selection.toggles).hasSize(2);
        assertThat(selection.toggles.get(1)).containsExactly(10, 11);
        assertThat(map.pickedProperty().get()).isNull();
        map.click(12 + 10.5, 12 + 9.5);
        // The preview clears the highlight itself (Preview > All): the outline goes too, and the
        // same cell then highlights again instead of clearing.
        selection.a.set(0);
        selection.b.set(0);
        assertThat(map.pickedProperty().get()).isNull();
        map.click(12 + 10.5, 12 + 9.5);
        assertThat(selection.a.get()).isEqualTo(10);
        assertThat(map.pickedProperty().get()).isEqualTo(c);
        map.setStats(null); // a new scene: nothing is highlighted any more
        assertThat(map.pickedProperty().get()).isNull();
        assertThat(map.size()).isZero();
    }

    @Test
    void ordersByOverlapAndBySize() {
        // Object 3 shares the most, object 1 is the largest, object 2 neither.
        map.setStats(
                stats(
                        new int[] {500, 20, 90, 30},
                        new long[] {0, 2, 10},
                        new long[] {2, 3, 25},
                        new long[] {1, 3, 1}));
        map.orderProperty().set(OverlapMap.Order.OVERLAP);
        assertThat(ids()).containsExactly(3, 4, 1, 2);
        map.orderProperty().set(OverlapMap.Order.SIZE);
        assertThat(ids()).containsExactly(1, 3, 4, 2);
        assertThat(map.pixels()[map.positionOf(3) * 4 + map.positionOf(4)])
                .isEqualTo(OverlapMap.heat(25, 25));
        map.orderProperty().set(OverlapMap.Order.ID);
        assertThat(ids()).containsExactly(1, 2, 3, 4);
    }

    private int[] ids() {
        int[] out = new int[map.size()];
        for (int i = 0; i < out.length; i++) out[i] = map.objectAt(i);
        return out;
    }

    @Test
    void theAxesStopAtTheObjectsThatShareTheMost() {
        int k = OverlapMap.MAX_AXIS + 76;
        int[] counts = new int[k];
        java.util.Arrays.fill(counts, 10);
        // Objects 77.. share with their neighbour; the first 76 share nothing.
        long[][] pairs = new long[k - 77][];
        for (int i = 76; i + 1 < k; i++) pairs[i - 76] = new long[] {i, i + 1, 2};
        map.setStats(stats(counts, pairs));
        assertThat(map.holding()).isEqualTo(k);
        assertThat(map.size()).isEqualTo(OverlapMap.MAX_AXIS);
        assertThat(map.positionOf(1)).isEqualTo(-1);
        assertThat(map.positionOf(77)).isEqualTo(0);
        assertThat(map.objectAt(OverlapMap.MAX_AXIS - 1)).isEqualTo(k);
        assertThat(map.pixels()).hasSize(OverlapMap.MAX_AXIS * OverlapMap.MAX_AXIS);
    }
}
