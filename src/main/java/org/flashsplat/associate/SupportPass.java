package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskResampler;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * The scene pass of the association: for every view and every local mask of at least {@code
 * minArea} pixels, the mask's own row of contributions (an accumulate pass with that view's local
 * labels), kept sparse.
 *
 * <p>Many views go through one {@link Renderer#accumulate} call: each view's masks get their own
 * rows of a shared block (view v's local mask k becomes row offset(v) + k), background and ignored
 * masks get -1, so they blend but add nothing and tiles holding only background are skipped. The
 * block is sparse, so its memory follows what the masks cover; a view with more masks than one
 * block has rows is rendered once per slice of its masks. After each call the rows are read out and
 * the block cleared.
 */
public final class SupportPass {
    /** Entries below this share of the mask's largest entry are dropped: they never sway a vote. */
    public static final double RELATIVE_EPS = 1e-3;

    /** Share of a mask's weight its sparse support keeps (see {@link #cut}). */
    public static final double MASS = 0.98;

    /**
     * Pixels of a mask's border next to a smaller mask (full resolution) that cast no vote: see
     * {@link #interior}.
     */
    public static final int BORDER = 2;

    private SupportPass() {}

    /** The supports of all views, aligned with each view's {@link ViewMasks#locals()}. */
    /**
     * @param renderSeconds the accumulate calls
     * @param readSeconds reading the rows out sparse
     * @param wraps per view, which of its masks wraps which (see {@link Wraps})
     */
    public record Result(
            List<ViewMasks> views,
            List<Wraps> wraps,
            MaskSupport[][] supports,
            double renderSeconds,
            double readSeconds) {}

    /** One slice of one view's kept masks, given rows [row, row + count) of a block. */
    record Item(int view, int first, int count, int row) {}

    public static Result run(
            GaussianScene scene,
            List<Camera> cameras,
            IntFunction<LabelMask> masks,
            int minArea,
            int downscale,
            Renderer renderer,
            Progress progress) {
        int n = scene.count();
        Wraps[] wraps = new Wraps[cameras.size()];
        List<ViewMasks> views = scan(cameras, masks, wraps, progress);
        // kept[v] = indices into views[v].locals of the masks large enough to take part
        int[][] kept = new int[views.size()][];
        for (ViewMasks vm : views) {
            kept[vm.view()] =
                    IntStream.range(0, vm.count()).filter(k -> vm.areas()[k] >= minArea).toArray();
        }
        // Rows per block: enough for the view with most masks.
        int most = 1;
        for (int[] k : kept) most = Math.max(most, k.length);
        int rows = Math.min(Contributions.MAX_LABELS, Math.max(64, most));
        List<List<Item>> batches = plan(kept, rows);
        MaskSupport[][] out = new MaskSupport[views.size()][];
        for (ViewMasks vm : views) out[vm.view()] = new MaskSupport[vm.count()];
        int used = 0;
        for (List<Item> b : batches) used = Math.max(used, b.getLast().row() + b.getLast().count());
        Contributions block = new Contributions(Math.max(1, used), n);
        int border = (int) Math.round(BORDER / (double) Math.max(1, downscale));
        progress.begin("Association pass", batches.size());
        long render = 0, read = 0;
        for (List<Item> batch : batches) {
            long t0 = System.nanoTime();
            progress.checkCancelled();
            List<Camera> cams = new ArrayList<>(batch.size());
            for (Item it : batch) cams.add(scaled(cameras.get(it.view()), downscale));
            renderer.accumulate(
                    scene,
                    cams,
                    b ->
                            relabel(
                                    shrink(masks.apply(batch.get(b).view()), cams.get(b)),
                                    views,
                                    kept,
                                    batch.get(b),
                                    border),
                    block,
                    Progress.NONE);
            long t1 = System.nanoTime();
            extract(block, batch, views, kept, out);
            render += t1 - t0;
            read += System.nanoTime() - t1;
            progress.advance(1);
        }
        return new Result(views, List.of(wraps), out, render / 1e9, read / 1e9);
    }

    /**
     * The camera at 1/{@code factor} of its resolution. Supports only need to say which Gaussians a
     * mask covers and how much; at half resolution they do, for a quarter of the blending.
     */
    static Camera scaled(Camera c, int factor) {
        if (factor <= 1) return c;
        int w = Math.max(1, c.width() / factor), h = Math.max(1, c.height() / factor);
        double sx = (double) w / c.width(), sy = (double) h / c.height();
        return new Camera(
                c.id(),
                c.name(),
                w,
                h,
                c.fx() * sx,
                c.fy() * sy,
                c.cx() * sx,
                c.cy() * sy,
                c.rotation(),
                c.translation());
    }

    private static LabelMask shrink(LabelMask m, Camera c) {
        if (m == null || (m.width() == c.width() && m.height() == c.height())) return m;
        return MaskResampler.nearest(m, c.width(), c.height());
    }

    private static List<ViewMasks> scan(
            List<Camera> cameras, IntFunction<LabelMask> masks, Wraps[] wraps, Progress progress) {
        ViewMasks[] views = new ViewMasks[cameras.size()];
        progress.begin("Counting mask areas", cameras.size());
        IntStream.range(0, cameras.size())
                .parallel()
                .forEach(
                        v -> {
                            progress.checkCancelled();
                            LabelMask m = masks.apply(v);
                            views[v] = ViewMasks.of(v, cameras.get(v).name(), m);
                            wraps[v] = Wraps.of(views[v], m);
                            progress.advance(1);
                        });
        return List.of(views);
    }

    /**
     * Packs views into batches of at most {@code rows} rows, in view order. A view goes whole into
     * one batch whenever it fits in an empty one: each slice of a view costs a blend of the whole
     * view, so splitting a view across two batches would render it twice. Only a view with more
     * masks than a batch holds is sliced.
     */
    static List<List<Item>> plan(int[][] kept, int rows) {
        List<List<Item>> batches = new ArrayList<>();
        List<Item> cur = new ArrayList<>();
        int next = 0;
        for (int v = 0; v < kept.length; v++) {
            int masks = kept[v].length;
            if (masks == 0) continue;
            if (next > 0 && masks <= rows && next + masks > rows) {
                batches.add(cur);
                cur = new ArrayList<>();
                next = 0;
            }
            for (int first = 0; first < masks; ) {
                if (next == rows) {
                    batches.add(cur);
                    cur = new ArrayList<>();
                    next = 0;
                }
                int count = Math.min(masks - first, rows - next);
                cur.add(new Item(v, first, count, next));
                next += count;
                first += count;
            }
        }
        if (!cur.isEmpty()) batches.add(cur);
        return batches;
    }

    private static LabelMask relabel(
            LabelMask local, List<ViewMasks> views, int[][] kept, Item it, int border) {
        if (local == null) return null;
        ViewMasks vm = views.get(it.view());
        int[] map = new int[local.maxLabel() + 1];
        Arrays.fill(map, -1);
        for (int k = 0; k < it.count(); k++)
            map[vm.locals()[kept[it.view()][it.first() + k]]] = it.row() + k;
        int[] src = local.labels(), dst = new int[src.length];
        boolean[] inner = interior(local, border);
        for (int p = 0; p < src.length; p++) dst[p] = inner[p] && src[p] >= 0 ? map[src[p]] : -1;
        return new LabelMask(local.width(), local.height(), dst);
    }

    /** Smallest interior (pixels) that stands for a mask; smaller ones keep their border. */
    static final int MIN_INTERIOR = 16;

    /**
     * Which pixels speak for their mask: all but those within {@code r} steps (4-neighbours) of a
     * smaller mask. SAM's borders are off by a pixel or two either way; where a floor mask's border
     * runs over the edge of an object in front, the floor mask claims that object's Gaussians
     * (opaque and close, they weigh much), and the floor joins the object. The smaller mask keeps
     * its border: the object's own edge is most of a small mask, and what it grazes of the floor is
     * little of the floor's weight. A mask whose interior is under {@link #MIN_INTERIOR} pixels and
     * under a quarter of its area keeps all its pixels: slivers have no inside to go by.
     */
    static boolean[] interior(LabelMask m, int r) {
        int w = m.width(), h = m.height(), n = w * h;
        int[] l = m.labels();
        int max = m.maxLabel();
        int[] area = new int[max + 1], inside = new int[max + 1];
        for (int p = 0; p < n; p++) if (l[p] > 0) area[l[p]]++;
        boolean[] near = new boolean[n]; // within `step` steps of a smaller mask
        for (int step = 0; step < r; step++) {
            boolean[] next = near.clone();
            for (int v = 0; v < h; v++) {
                for (int u = 0; u < w; u++) {
                    int p = v * w + u, a = l[p];
                    if (a <= 0 || near[p]) continue;
                    next[p] =
                            (u > 0 && toward(l, near, area, a, p - 1))
                                    || (u < w - 1 && toward(l, near, area, a, p + 1))
                                    || (v > 0 && toward(l, near, area, a, p - w))
                                    || (v < h - 1 && toward(l, near, area, a, p + w));
                }
            }
            near = next;
        }
        boolean[] in = new boolean[n];
        for (int p = 0; p < n; p++) {
            in[p] = !near[p];
            if (l[p] > 0 && in[p]) inside[l[p]]++;
        }
        for (int p = 0; p < n; p++) {
            int a = l[p];
            if (a > 0 && inside[a] < MIN_INTERIOR && 4 * inside[a] < area[a]) in[p] = true;
        }
        return in;
    }

    /** Whether neighbour q brings mask a's pixel one step nearer a smaller mask. */
    private static boolean toward(int[] l, boolean[] near, int[] area, int a, int q) {
        int b = l[q];
        return b == a ? near[q] : b > 0 && area[b] < area[a];
    }

    /** Reads the batch's rows out sparse and zeroes them for the next batch. */
    private static void extract(
            Contributions block,
            List<Item> batch,
            List<ViewMasks> views,
            int[][] kept,
            MaskSupport[][] out) {
        int rows = batch.getLast().row() + batch.getLast().count();
        int[] itemOfRow = new int[rows];
        for (int b = 0; b < batch.size(); b++) {
            Item it = batch.get(b);
            Arrays.fill(itemOfRow, it.row(), it.row() + it.count(), b);
        }
        ContributionTable.Rows table = block.table().rows();
        block.clear();
        IntStream.range(0, rows)
                .parallel()
                .forEach(
                        r -> {
                            Item it = batch.get(itemOfRow[r]);
                            int k = kept[it.view()][it.first() + r - it.row()];
                            ViewMasks vm = views.get(it.view());
                            out[it.view()][k] =
                                    readRow(table, r, it.view(), vm.locals()[k], vm.areas()[k]);
                        });
    }

    private static MaskSupport readRow(
            ContributionTable.Rows table, int row, int view, int local, int area) {
        int from = (int) table.indptr()[row], to = (int) table.indptr()[row + 1];
        int[] at = Arrays.copyOfRange(table.indices(), from, to);
        long[] value = Arrays.copyOfRange(table.fixed(), from, to);
        int nonZero = at.length;
        long sum = 0;
        for (long f : value) sum += f;
        long cut = cut(value, sum);
        int keep = 0;
        for (long f : value) if (f >= cut) keep++;
        int[] idx = new int[keep];
        float[] w = new float[keep];
        double total = sum / Contributions.ONE;
        for (int k = 0, j = 0; k < nonZero; k++) {
            if (value[k] >= cut) {
                idx[j] = at[k];
                w[j++] = (float) (value[k] / Contributions.ONE / total);
            }
        }
        return new MaskSupport(view, local, area, idx, w, total);
    }

    /**
     * The smallest weight kept: the heaviest entries that make up {@link #MASS} of the row, and
     * none under {@link #RELATIVE_EPS} of the largest. The long tail (Gaussians a mask grazes
     * through semi-transparent ones in front, or at its border) is most of the entries and little
     * of the weight, and every kept entry costs in each clustering round.
     */
    private static long cut(long[] value, long sum) {
        if (value.length == 0) return 1;
        long[] sorted = value.clone();
        Arrays.sort(sorted);
        long max = sorted[sorted.length - 1], acc = 0, byMass = sorted[0];
        for (int k = sorted.length - 1; k >= 0; k--) {
            acc += sorted[k];
            if (acc >= MASS * sum) {
                byMass = sorted[k];
                break;
            }
        }
        return Math.max(1, Math.max(byMass, (long) Math.ceil(max * RELATIVE_EPS)));
    }
}
