package org.flashsplat.studio.segments;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.flashsplat.lift.OverlapStats;
import org.flashsplat.studio.model.ObjectSelection;

/**
 * The overlap view's state without the toolkit: which objects the axes hold and in what order, the
 * image of shared counts (one ARGB pixel per pair of objects, the only K x K allocation), and the
 * zoom, pan and hovered cell the pane draws and queries.
 *
 * <p>Built from the sparse pairs of {@link OverlapStats}: only objects holding Gaussians get a row
 * (mask IDs up to 65535 are sparse; an ID of 4000 with three objects is a 3 x 3 map), and at most
 * {@link #MAX_AXIS} objects, those sharing the most, so the image stays within 4 MB even for
 * thousands of objects. Coordinates are the pane's: the matrix starts {@link #HEADER} pixels in
 * from the top and left (the object colour strips), offset by the pan, {@code scale} pixels a cell.
 */
public final class OverlapMap {
    /** Most objects on an axis: 1024 x 1024 ARGB is 4 MB (and as much again for the image). */
    public static final int MAX_AXIS = 1024;

    /** Width of the colour strips naming the objects along the top and left. */
    public static final double HEADER = 12;

    /** The largest cell, in pixels: enough for a count to be written in it. */
    public static final double MAX_CELL = 64;

    static final int ZERO = 0xff24272c, DIAGONAL = 0xff30343b;
    private static final int LOW = 0xff3b2a4a, HIGH = 0xffff4fd8;

    /** How the objects are laid out along both axes. */
    public enum Order {
        ID("by id"),
        OVERLAP("by overlap"),
        SIZE("by size");

        private final String text;

        Order(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One cell: the objects {@code a} (row) and {@code b} (column) by id, 1-based as in the masks;
     * on the diagonal a == b and {@code count} is the object's own size.
     */
    public record Cell(int row, int col, int a, int b, long count) {}

    private final ObjectSelection selection;
    private final ObjectProperty<Order> order = new SimpleObjectProperty<>(Order.ID);
    private final DoubleProperty width = new SimpleDoubleProperty();
    private final DoubleProperty height = new SimpleDoubleProperty();
    private final DoubleProperty scale = new SimpleDoubleProperty(1);
    private final DoubleProperty panX = new SimpleDoubleProperty();
    private final DoubleProperty panY = new SimpleDoubleProperty();
    private final ObjectProperty<Cell> hovered = new SimpleObjectProperty<>();
    private final ObjectProperty<Cell> picked = new SimpleObjectProperty<>();
    private final IntegerProperty revision = new SimpleIntegerProperty();

    private OverlapStats stats;
    private int holding; // objects holding Gaussians, before the cap
    private int[] axis = new int[0]; // position -> object index (0-based)
    private int[] position = new int[0]; // object index -> position, -1 when not on the axes
    private int[] pixels = new int[0]; // row-major axis x axis ARGB
    private double mouseX = Double.NaN, mouseY = Double.NaN;

    public OverlapMap(ObjectSelection selection) {
        this.selection = selection;
        selection.highlightAProperty().addListener(o -> followHighlight());
        selection.highlightBProperty().addListener(o -> followHighlight());
        order.addListener(o -> rebuild());
        width.addListener(o -> clampView());
        height.addListener(o -> clampView());
    }

    /**
     * New statistics (after every assignment, so after every gamma change). The zoom and pan stay
     * while the axes keep their length; the hovered cell is looked up again under the pointer.
     */
    /**
     * Which objects (1-based ids) may have an axis: a retired object (merged away or deleted) is
     * left out even while the last assignment still counts Gaussians for it.
     */
    public void setShown(java.util.function.IntPredicate shownId) {
        this.shownId = shownId;
        if (stats != null) setStats(stats);
    }

    private java.util.function.IntPredicate shownId = id -> true;

    public void setStats(OverlapStats st) {
        int before = axis.length;
        stats = st;
        if (st == null) picked.set(null);
        rebuild();
        if (axis.length != before) fit();
    }

    private void rebuild() {
        OverlapStats st = stats;
        if (st == null) {
            axis = new int[0];
            position = new int[0];
            pixels = new int[0];
            holding = 0;
        } else {
            axis = axisOf(st, order.get());
            position = new int[st.objectCounts().length];
            Arrays.fill(position, -1);
            for (int i = 0; i < axis.length; i++) position[axis[i]] = i;
            pixels = paint(st, axis, position);
        }
        // The axes may have moved: place the outline again from the highlight itself.
        picked.set(null);
        followHighlight();
        revision.set(revision.get() + 1);
        clampView();
    }

    /** The objects to show, in order: those holding Gaussians, the most sharing ones if capped. */
    private int[] axisOf(OverlapStats st, Order by) {
        int k = st.objectCounts().length;
        long[] shared = new long[k]; // per object, Gaussians shared with any other (pair sums)
        OverlapStats.Pairs p = st.pairs();
        for (int j = 0; j < p.size(); j++) {
            shared[p.first(j)] += p.counts()[j];
            shared[p.second(j)] += p.counts()[j];
        }
        int n = 0;
        int[] all = new int[k];
        for (int o = 0; o < k; o++)
            if ((st.objectCounts()[o] > 0 || shared[o] > 0) && shownId.test(o + 1)) all[n++] = o;
        holding = n;
        all = Arrays.copyOf(all, n);
        int[] kept = all;
        if (all.length > MAX_AXIS) {
            kept = Arrays.copyOf(sorted(all, shared, st.objectCounts(), Order.OVERLAP), MAX_AXIS);
            Arrays.sort(kept);
        }
        return sorted(kept, shared, st.objectCounts(), by);
    }

    /**
     * Objects ordered by id, or by a size falling (ties by id): a key packs the size's complement
     * above the 16-bit object index, so the sort runs on primitives.
     */
    private static int[] sorted(int[] objects, long[] shared, int[] counts, Order by) {
        if (by == Order.ID) return objects.clone();
        long[] key = new long[objects.length];
        long most = (1L << 46) - 1;
        for (int i = 0; i < objects.length; i++) {
            int o = objects[i];
            long v = Math.min(most, by == Order.OVERLAP ? shared[o] : counts[o]);
            key[i] = ((most - v) << 17) | o;
        }
        Arrays.sort(key);
        int[] out = new int[objects.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) (key[i] & 0x1ffff);
        return out;
    }

    /** The image: every cell the "none" colour, then the diagonal, then the pairs that share. */
    private static int[] paint(OverlapStats st, int[] axis, int[] pos) {
        int n = axis.length;
        OverlapStats.Pairs p = st.pairs();
        long max = 1;
        for (int j = 0; j < p.size(); j++)
            if (pos[p.first(j)] >= 0 && pos[p.second(j)] >= 0) max = Math.max(max, p.counts()[j]);
        int[] px = new int[n * n];
        Arrays.fill(px, ZERO);
        for (int i = 0; i < n; i++) px[i * n + i] = DIAGONAL;
        for (int j = 0; j < p.size(); j++) {
            int r = pos[p.first(j)], c = pos[p.second(j)];
            if (r < 0 || c < 0 || p.counts()[j] == 0) continue;
            int colour = heat(p.counts()[j], max);
            px[r * n + c] = colour;
            px[c * n + r] = colour;
        }
        return px;
    }

    /** Log scale, so that small overlaps still show next to large ones. */
    static int heat(long count, long max) {
        double t = Math.log1p(count) / Math.log1p(max);
        int out = 0xff000000;
        for (int shift = 0; shift <= 16; shift += 8) {
            int lo = (LOW >> shift) & 0xff, hi = (HIGH >> shift) & 0xff;
            out |= (int) Math.round(lo + (hi - lo) * t) << shift;
        }
        return out;
    }

    /** Objects on each axis. */
    public int size() {
        return axis.length;
    }

    /** Objects holding Gaussians; more than {@link #size()} when the axes are capped. */
    public int holding() {
        return holding;
    }

    /** The object id (1-based) at an axis position. */
    public int objectAt(int position) {
        return axis[position] + 1;
    }

    /** The axis position of object {@code id} (1-based), or -1 when it is not shown. */
    public int positionOf(int id) {
        return id < 1 || id > position.length ? -1 : position[id - 1];
    }

    /** The image, row-major {@code size() x size()} ARGB; replaced whenever the revision moves. */
    public int[] pixels() {
        return pixels;
    }

    /** Increases whenever the axes or the image change. */
    public IntegerProperty revisionProperty() {
        return revision;
    }

    public OverlapStats stats() {
        return stats;
    }

    /** The cell under a point of the pane, or null outside the matrix. */
    public Cell cellAt(double x, double y) {
        int n = axis.length;
        if (n == 0 || x < HEADER || y < HEADER) return null;
        double s = scale.get();
        int col = (int) Math.floor((x - HEADER - panX.get()) / s);
        int row = (int) Math.floor((y - HEADER - panY.get()) / s);
        if (row < 0 || col < 0 || row >= n || col >= n) return null;
        return cell(row, col);
    }

    /** The cell at a row and column of the current order. */
    public Cell cell(int row, int col) {
        int a = axis[row], b = axis[col];
        return new Cell(row, col, a + 1, b + 1, stats.shared(a, b));
    }

    /**
     * What a cell says: "object 3 × object 17: 1,204 Gaussians / 12.5% of object 17", the share
     * taken of the smaller object (how much of it lies in the other); on the diagonal, the share of
     * all assigned Gaussians.
     */
    public String describe(Cell c) {
        if (c == null) return "";
        int[] counts = stats.objectCounts();
        if (c.a() == c.b())
            return String.format(
                    Locale.ROOT,
                    "object %d: %,d Gaussians / %s of assigned",
                    c.a(),
                    c.count(),
                    percent(share(c.count(), stats.inAny())));
        int smaller = counts[c.a() - 1] <= counts[c.b() - 1] ? c.a() : c.b();
        return String.format(
                Locale.ROOT,
                "object %d × object %d: %,d Gaussians / %s of object %d",
                c.a(),
                c.b(),
                c.count(),
                percent(share(c.count(), counts[smaller - 1])),
                smaller);
    }

    /** A share as a percentage; a few overlaps must not read as "0.0%". */
    public static String percent(double share) {
        if (share > 0 && share < 0.001) return "<0.1%";
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static double share(long part, long whole) {
        return whole <= 0 ? 0 : (double) part / whole;
    }

    /** The pointer moved over the pane. */
    public void hover(double x, double y) {
        mouseX = x;
        mouseY = y;
        hovered.set(cellAt(x, y));
    }

    /** The pointer left the pane. */
    public void exit() {
        mouseX = mouseY = Double.NaN;
        hovered.set(null);
    }

    /**
     * A click: highlights the pair's shared Gaussians in the preview, as the small matrix does; the
     * same pair again clears it. Returns the cell, or null outside the matrix.
     */
    public Cell click(double x, double y) {
        Cell c = cellAt(x, y);
        return c == null ? null : toggle(c.row(), c.col());
    }

    /** Highlights the pair at a row and column, or clears it when it is the one highlighted. */
    public Cell toggle(int row, int col) {
        Cell c = cell(row, col);
        Cell was = picked.get();
        boolean same = was != null && was.a() == c.a() && was.b() == c.b();
        picked.set(same ? null : c);
        selection.toggleHighlight(c.a(), c.b());
        return c;
    }

    /** The outlined cell follows the highlight wherever it changed (here or in the preview). */
    private void followHighlight() {
        int a = selection.highlightAProperty().get(), b = selection.highlightBProperty().get();
        Cell was = picked.get();
        if (a <= 0 || b <= 0 || stats == null) picked.set(null);
        else if (was == null || was.a() != a || was.b() != b) {
            int row = positionOf(a), col = positionOf(b);
            picked.set(row >= 0 && col >= 0 ? cell(row, col) : null);
        }
    }

    /** Zooms by {@code factor} keeping the point (x, y) of the pane where it is. */
    public void zoomAt(double factor, double x, double y) {
        double s = scale.get(), to = Math.max(minScale(), Math.min(maxScale(), s * factor));
        double ax = x - HEADER, ay = y - HEADER;
        panX.set(ax - (ax - panX.get()) * to / s);
        panY.set(ay - (ay - panY.get()) * to / s);
        scale.set(to);
        clampView();
    }

    /** Moves the matrix by a drag of (dx, dy) pixels. */
    public void panBy(double dx, double dy) {
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
        clampView();
    }

    /** The whole matrix in view, as large as fits. */
    public void fit() {
        scale.set(minScale());
        panX.set(0);
        panY.set(0);
        clampView();
    }

    private double minScale() {
        int n = Math.max(1, axis.length);
        double room = Math.min(width.get(), height.get()) - HEADER;
        return Math.max(1e-3, Math.min(MAX_CELL, room / n));
    }

    private double maxScale() {
        return Math.max(MAX_CELL, minScale());
    }

    /** Keeps the scale in range, centres a matrix smaller than the view, else keeps it filled. */
    private void clampView() {
        double s = Math.max(minScale(), Math.min(maxScale(), scale.get()));
        scale.set(s);
        double content = axis.length * s;
        panX.set(clampPan(panX.get(), width.get() - HEADER, content));
        panY.set(clampPan(panY.get(), height.get() - HEADER, content));
        if (!Double.isNaN(mouseX)) hovered.set(cellAt(mouseX, mouseY));
    }

    private static double clampPan(double pan, double room, double content) {
        if (content <= room) return Math.max(0, room - content) / 2;
        return Math.max(room - content, Math.min(0, pan));
    }

    public ObjectProperty<Order> orderProperty() {
        return order;
    }

    /** The pane's size, which the pane keeps current. */
    public DoubleProperty widthProperty() {
        return width;
    }

    public DoubleProperty heightProperty() {
        return height;
    }

    /** Pixels per cell. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    /** Offset of the matrix's first cell from the header corner, in pixels. */
    public DoubleProperty panXProperty() {
        return panX;
    }

    public DoubleProperty panYProperty() {
        return panY;
    }

    /** The cell under the pointer, null when none. */
    public ObjectProperty<Cell> hoveredProperty() {
        return hovered;
    }

    /** The pair last clicked for highlighting; null when cleared. */
    public ObjectProperty<Cell> pickedProperty() {
        return picked;
    }
}
