package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * Automatic cross-view association of per-view (local) instance masks through the scene.
 *
 * <ol>
 *   <li>Supports ({@link SupportPass}): for every local mask, the Gaussians it covers, weighted by
 *       their summed alpha*T over its pixels (one accumulate pass with the view's local labels; the
 *       2 px border a mask shares with a smaller one left out), normalised to sum 1; the heaviest
 *       entries holding 98% of the weight are kept, none under 1e-3 of the largest. A mask that
 *       sees under 0.01 alpha*T per pixel (sky, beyond the scene) takes no part; one under {@code
 *       minArea} pixels casts no vote and at the end follows the object its support clearly points
 *       at (see {@code follow}).
 *   <li>Affinity of a mask to an instance: the share of the mask's weight lying on Gaussians the
 *       instance claims, each Gaussian split between the instances that claim it in proportion to
 *       their summed votes (the member masks' weights). It is an overlap coefficient: a part of an
 *       object scores high on the whole (over-segmentation), a mask of two objects splits its score
 *       between them (under-segmentation), a new object scores near 0 everywhere. A claim counts in
 *       full only where the instance's masks weigh the Gaussian at least {@code strength} (0.1)
 *       times what this mask does, so faint claims (a hidden object seen through the
 *       semi-transparent edge of one in front) do not capture it.
 *   <li>Greedy pass over views in a chain of neighbouring cameras (starting at the view with the
 *       most masks, as merged masks make fewer of them; each next view the one nearest any view
 *       already taken), masks by decreasing area: join the best instance when its affinity is at
 *       least {@code join} (0.35), else start a new one. A second instance at {@code flag} (0.2) or
 *       more marks the mask under-segmented: it joins the best and casts no vote.
 *   <li>One object or two: for each pair of instances, masks bridging them (scoring {@code flag} on
 *       both) vote "one", views showing both as separate voting masks vote "two"; a majority for
 *       "one" merges them (the parts of an object split in an early view; an object met from two
 *       sides before the views between them).
 *   <li>Refinement: every mask is scored again against all the others (its own votes taken out) and
 *       moved, until (almost) nothing moves, at most {@code rounds} rounds; then the merge vote
 *       again, up to 5 times while it merges.
 *   <li>Strays: a mask still alone in its instance joins the instance it scores best on when that
 *       reaches {@code flag} and the instance has no voting mask in its view (small glimpses of a
 *       mostly hidden object). Masks still alone are then grouped mask to mask by the weight their
 *       supports share (at least {@code join}), never two of one view in a group ({@link
 *       StrayLinks}): a run of glimpses becomes one instance instead of one per mask.
 *   <li>Pieces apart ({@link Contact#splitPieces}): masks whose weight lies on a piece of their
 *       instance's lifted Gaussians away from its body, held by voting masks of two views or more,
 *       get an instance of their own (another object's part seen through an edge).
 *   <li>Parts ({@link Hierarchy}): an instance that whole masks bridge to another in a good share
 *       of the views, and whose weight lies together with the other's in the scene, becomes a
 *       sub-instance of it: its masks get the whole's ID and keep the part ({@link
 *       MaskAssignment#part()}), so that one object gives one ID and a part can be split out.
 *   <li>Wholes around parts ({@link Wraps}): a mask that most of another mask's boundary in its
 *       view runs along (a whole that a part painted over leaves as a crescent) goes to that mask's
 *       object when its support gives the object at least {@code flag}.
 *   <li>Parts in contact ({@link Contact#follow}): an instance most of whose Gaussians lie against
 *       those of a bigger one in the lift becomes a part of it (a part seen in a few views, which
 *       no mask bridges and no boundary wraps).
 *   <li>Faint masks: a mask that blends under {@link #FAINT} of the alpha*T per pixel its
 *       instance's voting masks blend is left out (flagged UNSEEN): mostly empty space whose edge
 *       grazes an object.
 * </ol>
 *
 * Confidence: the leave-one-out affinity to the mask's own instance minus the best other one,
 * clamped to [0, 1]; at most 0.5 for instances seen in one view only (nothing confirms them).
 * Instances are numbered 1.. in order of their first mask (by view, then local ID), parts likewise.
 */
public final class Associator {
    private Associator() {}

    /**
     * The table and what it cost.
     *
     * @param renderSeconds the scene pass (wall clock)
     * @param readSeconds reading its rows out sparse (wall clock)
     * @param clusterSeconds the clustering (wall clock)
     * @param masks masks that took part (large enough and seeing the scene)
     */
    public record Result(
            AssociationTable table,
            double renderSeconds,
            double readSeconds,
            double clusterSeconds,
            int masks) {}

    /**
     * @param localMasks view index -> that view's local-ID mask at the camera's resolution (or
     *     null); called from several threads, twice per view
     */
    public static Result run(
            GaussianScene scene,
            List<Camera> cameras,
            IntFunction<LabelMask> localMasks,
            AssociationParams params,
            Renderer renderer,
            Progress progress) {
        // Every mask gets a support; those under minArea only follow (see follow).
        SupportPass.Result pass =
                SupportPass.run(
                        scene, cameras, localMasks, 1, params.downscale(), renderer, progress);
        long t0 = System.nanoTime();
        progress.begin("Associating masks", 0);
        MaskSupport[][] voting = new MaskSupport[pass.supports().length][];
        List<MaskSupport> small = new ArrayList<>();
        for (int v = 0; v < voting.length; v++) {
            MaskSupport[] all = pass.supports()[v];
            voting[v] = new MaskSupport[all.length];
            for (int j = 0; j < all.length; j++) {
                if (!sees(all[j])) continue;
                if (all[j].area() >= params.minArea()) voting[v][j] = all[j];
                else small.add(all[j]);
            }
        }
        int[] viewOrder = viewOrder(cameras, voting);
        List<MaskSupport> order = new ArrayList<>();
        for (int v : viewOrder) {
            List<MaskSupport> inView = new ArrayList<>();
            for (MaskSupport s : voting[v]) if (s != null) inView.add(s);
            inView.sort(
                    Comparator.comparingInt(MaskSupport::area)
                            .reversed()
                            .thenComparingInt(MaskSupport::local));
            order.addAll(inView);
        }
        MaskSupport[] masks = order.toArray(MaskSupport[]::new);
        Clusterer c = new Clusterer(masks, scene.count(), params);
        c.run();
        AssociationTable table = build(scene, pass, masks, small, c, params);
        return new Result(
                table,
                pass.renderSeconds(),
                pass.readSeconds(),
                (System.nanoTime() - t0) / 1e9,
                masks.length);
    }

    /**
     * Least summed alpha*T per pixel of a mask that takes part. A mask below it is almost all empty
     * space (sky, or beyond the scene's edge): the little it sees is what its border grazes, a few
     * Gaussians of whatever object it touches, and normalised to one full vote they would drag it
     * into that object. Object and floor masks see 0.1 to 1 per pixel.
     */
    static final double MIN_COVER = 0.01;

    static boolean sees(MaskSupport s) {
        return s != null && s.size() > 0 && s.total() >= MIN_COVER * s.area();
    }

    private static AssociationTable build(
            GaussianScene scene,
            SupportPass.Result pass,
            MaskSupport[] masks,
            List<MaskSupport> small,
            Clusterer c,
            AssociationParams params) {
        Hierarchy.splitApart(c, scene);
        Contact.splitPieces(c, scene);
        int k = c.instanceCount();
        Hierarchy.Result h = Hierarchy.find(c, scene, params);
        h = Wraps.follow(h, pass.wraps(), masks, c, params.flag());
        h = Contact.follow(h, masks, c, scene);
        int[] root = h.root();
        // Masks that see their instance only faintly are left out (see FAINT).
        double[] typical = typicalCover(masks, c, root, k);
        boolean[] out = new boolean[masks.length];
        for (int m = 0; m < masks.length; m++) out[m] = faint(masks[m], typical[root[m]]);
        // Number instances by their first mask in (view, local) order, parts likewise.
        long[] firstAt = new long[k];
        Arrays.fill(firstAt, Long.MAX_VALUE);
        // A part is keyed by (instance it was clustered in, whole): an instance holding parts of
        // two objects gives one part to each.
        java.util.Map<Long, Long> partAt = new java.util.HashMap<>();
        List<Set<Integer>> viewsOf = new ArrayList<>();
        for (int i = 0; i < k; i++) viewsOf.add(new java.util.HashSet<>());
        for (int m = 0; m < masks.length; m++) {
            if (out[m]) continue;
            long at = (long) masks[m].view() << 32 | masks[m].local();
            firstAt[root[m]] = Math.min(firstAt[root[m]], at);
            if (h.part()[m] >= 0) partAt.merge((long) h.part()[m] << 32 | root[m], at, Math::min);
            viewsOf.get(root[m]).add(masks[m].view());
        }
        int[] id = numbered(firstAt);
        java.util.Map<Long, Integer> partId = new java.util.HashMap<>();
        partAt.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByValue())
                .forEach(e -> partId.put(e.getKey(), partId.size() + 1));
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < k; i++) if (id[i] > 0) instances.add(Instance.of(id[i]));
        instances.sort(Comparator.comparingInt(Instance::id));
        // 65535 stands for "ignore" in 16-bit masks (LabelMask.IGNORE_16)
        if (instances.size() > 65534) throw new IllegalStateException("over 65534 instances");
        List<MaskAssignment> rows = new ArrayList<>();
        java.util.Map<Long, MaskAssignment> assigned = new java.util.HashMap<>();
        java.util.Map<Long, Integer> perViewInstance = new java.util.HashMap<>();
        for (int m = 0; m < masks.length; m++) {
            if (!out[m])
                perViewInstance.merge((long) masks[m].view() << 32 | root[m], 1, Integer::sum);
        }
        int[] top = h.top();
        for (int m = 0; m < masks.length; m++) {
            if (out[m]) continue; // flagged UNSEEN below
            int own = c.instance[m];
            double[] a = c.scores(m);
            // Confidence against other objects: the whole and the other parts of this one are
            // no rivals.
            double other = 0;
            for (int j = 0; j < a.length; j++) {
                if (j != own && c.members(j) > 0 && top[j] != root[m])
                    other = Math.max(other, a[j]);
            }
            double mine = a[own];
            for (int j = 0; j < a.length; j++) if (top[j] == root[m]) mine = Math.max(mine, a[j]);
            Set<MaskFlag> flags = EnumSet.noneOf(MaskFlag.class);
            double conf = Math.clamp(mine - other, 0.0, 1.0);
            if (viewsOf.get(root[m]).size() == 1) {
                flags.add(MaskFlag.SINGLE_VIEW);
                conf = Math.clamp(0.5 * (1 - other), 0.0, 0.5);
            }
            if (!c.votes[m]) flags.add(MaskFlag.UNDER_SEGMENTED);
            if (perViewInstance.get((long) masks[m].view() << 32 | root[m]) > 1)
                flags.add(MaskFlag.SPLIT);
            MaskSupport s = masks[m];
            int part = h.part()[m] >= 0 ? partId.get((long) h.part()[m] << 32 | root[m]) : 0;
            assigned.put(
                    (long) s.view() << 32 | s.local(),
                    new MaskAssignment(
                            s.view(), s.local(), s.area(), id[root[m]], conf, flags, part));
        }
        for (MaskSupport s : small) {
            MaskAssignment row = follow(s, c, top, id, partId, params, typical);
            if (row != null) assigned.put((long) s.view() << 32 | s.local(), row);
        }
        List<String> names = new ArrayList<>();
        for (ViewMasks vm : pass.views()) {
            names.add(vm.name());
            for (int j = 0; j < vm.count(); j++) {
                MaskAssignment row = assigned.get((long) vm.view() << 32 | vm.locals()[j]);
                if (row == null) {
                    MaskFlag why =
                            vm.areas()[j] < params.minArea() ? MaskFlag.SMALL : MaskFlag.UNSEEN;
                    row =
                            new MaskAssignment(
                                    vm.view(), vm.locals()[j], vm.areas()[j], 0, 0, Set.of(why));
                }
                rows.add(row);
            }
        }
        return new AssociationTable(names, rows, instances);
    }

    /**
     * A mask sees its instance only faintly when it blends under this share of the alpha*T per
     * pixel that the instance's voting masks blend on average. Such a mask is mostly empty space
     * (sky, or beyond the floor's edge) whose border grazes the edge of an object: normalised to a
     * full vote, the few Gaussians it grazes put it in that object. On the SAM-like input (8 seeds)
     * such floor masks saw 0.014-0.034 of their instance's cover, while masks that show what their
     * instance shows saw 0.065 of it and more (floor masks reaching into the sky).
     */
    static final double FAINT = 0.05;

    static boolean faint(MaskSupport s, double typical) {
        return s.total() < FAINT * typical * s.area();
    }

    /** Per top-level instance, the summed alpha*T per pixel of its voting masks. */
    private static double[] typicalCover(MaskSupport[] masks, Clusterer c, int[] root, int k) {
        double[] seen = new double[k], area = new double[k];
        for (int m = 0; m < masks.length; m++) {
            if (!c.votes[m]) continue;
            seen[root[m]] += masks[m].total();
            area[root[m]] += masks[m].area();
        }
        for (int i = 0; i < k; i++) seen[i] = area[i] == 0 ? 0 : seen[i] / area[i];
        return seen;
    }

    /** IDs 1.. in order of first appearance; 0 for entries that never appear. */
    private static int[] numbered(long[] firstAt) {
        Integer[] order = new Integer[firstAt.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingLong(i -> firstAt[i]));
        int[] id = new int[firstAt.length];
        int next = 1;
        for (int i : order) if (firstAt[i] != Long.MAX_VALUE) id[i] = next++;
        return id;
    }

    /**
     * A mask under {@code minArea}: too small to vote (a few dozen pixels cover too few Gaussians
     * for its vote to be trusted, and a wrong vote would pull an instance), but it still belongs
     * somewhere, and leaving it out loses its pixels. It follows the object (a whole with its
     * parts) its support points at when that is clear: at least {@code flag} of its weight on that
     * object and more than on all other objects together. As it casts no vote, a follower cannot
     * pull an instance, so it needs no more than a majority (asking for {@code join} on it and
     * under {@code flag} on every other left out 0.1-0.6% of the object pixels of the SAM-like
     * input, mostly masks whose support pointed at their own object; docs/PERFORMANCE.md).
     * Otherwise, or when it sees the object only faintly ({@link #FAINT}), it stays out (null:
     * flagged SMALL by the caller).
     */
    private static MaskAssignment follow(
            MaskSupport s,
            Clusterer c,
            int[] top,
            int[] id,
            java.util.Map<Long, Integer> partId,
            AssociationParams params,
            double[] typical) {
        double[] a = c.scoresOf(s);
        // Scores per object: a whole and its parts together.
        double[] object = new double[a.length];
        for (int j = 0; j < a.length; j++) if (c.members(j) > 0) object[top[j]] += a[j];
        int best = -1;
        double other = 0, claimed = 0;
        for (int j = 0; j < a.length; j++) {
            if (top[j] != j || c.members(j) == 0) continue;
            claimed += object[j];
            if (best < 0 || object[j] > object[best]) {
                if (best >= 0) other = Math.max(other, object[best]);
                best = j;
            } else {
                other = Math.max(other, object[j]);
            }
        }
        // Clear: some evidence (flag), and more weight on it than on all other objects together.
        if (best < 0 || object[best] < params.flag() || 2 * object[best] <= claimed) return null;
        if (id[best] == 0 || faint(s, typical[best])) return null;
        // Within the object, the part (or the whole itself) it scores best on.
        int in = best;
        for (int j = 0; j < a.length; j++) if (top[j] == best && a[j] > a[in]) in = j;
        Integer part = in == best ? null : partId.get((long) in << 32 | best);
        return new MaskAssignment(
                s.view(),
                s.local(),
                s.area(),
                id[best],
                Math.clamp(object[best] - other, 0.0, 1.0),
                Set.of(),
                part == null ? 0 : part);
    }

    /**
     * Views in a chain of neighbours: first the view with the most masks (merged masks lower the
     * count, so it is the least likely to seed a wrong union), then repeatedly the view nearest to
     * any view taken (camera centres, plus the angle between viewing directions so that cameras at
     * one spot looking apart are not neighbours). Views without masks come last.
     */
    static int[] viewOrder(List<Camera> cameras, MaskSupport[][] supports) {
        int n = cameras.size();
        if (n == 0) return new int[0];
        double[][] c = new double[n][], d = new double[n][];
        double[] centroid = new double[3];
        for (int v = 0; v < n; v++) {
            c[v] = cameras.get(v).position();
            double[] r = cameras.get(v).rotation();
            d[v] = new double[] {r[6], r[7], r[8]}; // camera z axis in world coordinates
            for (int a = 0; a < 3; a++) centroid[a] += c[v][a] / n;
        }
        double scale = 0;
        for (int v = 0; v < n; v++) scale += Math.sqrt(dist2(c[v], centroid)) / n;
        if (scale == 0) scale = 1;
        int[] masks = new int[n];
        for (int v = 0; v < n; v++)
            for (MaskSupport s : supports[v]) if (s != null && s.size() > 0) masks[v]++;
        int seed = 0;
        for (int v = 1; v < n; v++) if (masks[v] > masks[seed]) seed = v;
        int[] order = new int[n];
        boolean[] taken = new boolean[n];
        double[] near = new double[n];
        Arrays.fill(near, Double.POSITIVE_INFINITY);
        int count = 0;
        for (int next = seed; next >= 0; ) {
            order[count++] = next;
            taken[next] = true;
            int best = -1;
            for (int v = 0; v < n; v++) {
                if (taken[v] || masks[v] == 0) continue;
                double dd = Math.sqrt(dist2(c[v], c[next])) / scale + (1 - dot(d[v], d[next]));
                near[v] = Math.min(near[v], dd);
                if (best < 0 || near[v] < near[best]) best = v;
            }
            next = best;
        }
        for (int v = 0; v < n; v++) if (!taken[v]) order[count++] = v;
        return order;
    }

    private static double dist2(double[] a, double[] b) {
        double x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
        return x * x + y * y + z * z;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
