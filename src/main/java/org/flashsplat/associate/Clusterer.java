package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups masks of different views into global instances by the Gaussians they cover (the algorithm
 * is described on {@link Associator}). Works on internal instance numbers; {@link Associator}
 * renumbers them for the user. Single-threaded and deterministic: the same supports in the same
 * order give the same result.
 */
final class Clusterer {
    private final MaskSupport[] masks; // in processing order
    private final AssociationParams params;
    private final InstanceSupports supports;
    private final int gaussians;
    final int[] instance;
    final boolean[] votes;
    private int[] members = new int[16];
    private int instances;
    private double[] affinity = new double[16];

    Clusterer(MaskSupport[] masksInOrder, int gaussians, AssociationParams params) {
        this.masks = masksInOrder;
        this.params = params;
        this.supports = new InstanceSupports(gaussians, params.strength());
        this.gaussians = gaussians;
        this.instance = new int[masks.length];
        this.votes = new boolean[masks.length];
        Arrays.fill(instance, -1);
    }

    /** Greedy pass, then refinement, then merging of instances that are one object. */
    void run() {
        for (int m = 0; m < masks.length; m++) {
            instance[m] = -1;
            place(m, null);
        }
        for (int step = 0; step < 5; step++) {
            boolean merged = mergeBridged();
            refine();
            if (!merged) break;
        }
        adoptStrays();
        linkStrays();
    }

    /** Masks still alone in their instance are grouped by their supports (see StrayLinks). */
    private void linkStrays() {
        List<Integer> alone = new ArrayList<>();
        for (int m = 0; m < masks.length; m++) if (members[instance[m]] == 1) alone.add(m);
        MaskSupport[] strays = new MaskSupport[alone.size()];
        for (int s = 0; s < strays.length; s++) strays[s] = masks[alone.get(s)];
        for (int[] group : StrayLinks.groups(strays, params.join())) {
            int to = instance[alone.get(group[0])];
            for (int s = 1; s < group.length; s++) {
                int m = alone.get(group[s]), from = instance[m];
                if (votes[m]) supports.remove(masks[m], from);
                supports.add(masks[m], to);
                votes[m] = true;
                instance[m] = to;
                members[from]--;
                members[to]++;
            }
        }
    }

    /**
     * A mask left alone in its instance joins the instance it scores best on, when that score
     * reaches {@code flag} and the instance has no voting mask in the mask's view. Such masks are
     * small glimpses of an object (mostly hidden behind another): too little of their weight lies
     * on Gaussians other views saw to reach {@code join}, yet an object cannot show twice in one
     * view, so the view check keeps them out of the object in front.
     */
    private void adoptStrays() {
        long[][] seen = viewsWithVotes(instances);
        for (int m = 0; m < masks.length; m++) {
            int own = instance[m];
            if (members[own] != 1) continue;
            double[] a = scores(m);
            int best = -1;
            for (int j = 0; j < a.length; j++) {
                if (j == own || members[j] == 0) continue;
                if ((seen[j][masks[m].view() >>> 6] & 1L << masks[m].view()) != 0) continue;
                if (best < 0 || a[j] > a[best]) best = j;
            }
            if (best < 0 || a[best] < params.flag()) continue;
            if (votes[m]) supports.remove(masks[m], own);
            supports.add(masks[m], best);
            votes[m] = true;
            instance[m] = best;
            members[own]--;
            members[best]++;
            seen[best][masks[m].view() >>> 6] |= 1L << masks[m].view();
        }
    }

    int instanceCount() {
        return instances;
    }

    /** Leave-one-out affinities of mask m (read-only: safe from several threads). */
    double[] scores(int m) {
        double[] a = new double[instances];
        supports.affinities(masks[m], a, votes[m] ? instance[m] : -1);
        return a;
    }

    /** Affinities of a mask that does not take part (it holds no votes anywhere). */
    double[] scoresOf(MaskSupport s) {
        double[] a = new double[instances];
        supports.affinities(s, a, -1);
        return a;
    }

    /** An empty instance to move masks to. */
    int freshInstance() {
        return newInstance(-1);
    }

    /** Moves mask m, with its votes if it casts them, to instance {@code to}. */
    void move(int m, int to) {
        int from = instance[m];
        if (from == to) return;
        if (votes[m]) {
            supports.remove(masks[m], from);
            supports.add(masks[m], to);
        }
        instance[m] = to;
        members[from]--;
        members[to]++;
    }

    MaskSupport mask(int m) {
        return masks[m];
    }

    int maskCount() {
        return masks.length;
    }

    int members(int inst) {
        return members[inst];
    }

    /**
     * Places every mask again against all the others, round after round, until few move or the
     * moves stop going down (a few masks on the fence can swap back and forth for ever; they are
     * flagged by their low confidence, and waiting for them costs a round each).
     *
     * <p>Each round scores all masks up front in parallel; a mask then uses its score unless one of
     * its Gaussians was touched by a move earlier in the round, in which case it is scored again
     * where it stands. Scores read only the supports of the mask's own Gaussians, so this gives
     * exactly what scoring each mask in turn would, and late rounds, where little moves, run on all
     * cores.
     */
    private void refine() {
        int fewest = Integer.MAX_VALUE, stale = 0;
        for (int round = 0; round < params.rounds(); round++) {
            double[][] ahead =
                    java.util.stream.IntStream.range(0, masks.length)
                            .parallel()
                            .mapToObj(this::scores)
                            .toArray(double[][]::new);
            long[] touched = new long[(gaussians + 63) / 64];
            int moved = 0;
            for (int m = 0; m < masks.length; m++) {
                int before = instance[m];
                boolean voted = votes[m];
                members[instance[m]]--;
                place(m, touches(masks[m], touched) ? null : ahead[m]);
                ahead[m] = null;
                if (instance[m] != before || votes[m] != voted) {
                    moved++;
                    for (int i : masks[m].gaussians()) touched[i >>> 6] |= 1L << i;
                }
            }
            if (moved <= masks.length / 500) return;
            if (moved < fewest) {
                fewest = moved;
                stale = 0;
            } else if (++stale == 3) {
                return;
            }
        }
    }

    private static boolean touches(MaskSupport m, long[] touched) {
        for (int i : m.gaussians()) if ((touched[i >>> 6] & 1L << i) != 0) return true;
        return false;
    }

    /**
     * Scores mask m against the instances (leave-one-out) and assigns it; its member count is
     * already out of its instance, its votes are moved only if its place or its vote changes.
     */
    private void place(int m, double[] scored) {
        int was = instance[m];
        boolean voted = was >= 0 && votes[m];
        Arrays.fill(affinity, 0, instances, 0);
        if (scored == null) {
            supports.affinities(masks[m], affinity, voted ? was : -1);
        } else {
            // instances started since it was scored hold none of its Gaussians: 0 there
            System.arraycopy(scored, 0, affinity, 0, scored.length);
        }
        int best = -1, second = -1;
        for (int k = 0; k < instances; k++) {
            if (members[k] == 0 && k != was) continue;
            if (best < 0 || affinity[k] > affinity[best]) {
                second = best;
                best = k;
            } else if (second < 0 || affinity[k] > affinity[second]) {
                second = k;
            }
        }
        double a1 = best < 0 ? 0 : affinity[best], a2 = second < 0 ? 0 : affinity[second];
        boolean under = a2 >= params.flag();
        int to;
        boolean vote;
        if (a1 >= params.join() || (under && a1 + a2 >= params.join())) {
            to = best;
            vote = !under;
        } else {
            // A new object, or one no other view confirms yet; a mask alone in its instance
            // keeps it rather than leaving an empty instance behind.
            to = was >= 0 && members[was] == 0 ? was : newInstance(was);
            vote = true;
        }
        if (voted && (to != was || !vote)) supports.remove(masks[m], was);
        if (vote && (to != was || !voted)) supports.add(masks[m], to);
        instance[m] = to;
        votes[m] = vote;
        members[to]++;
    }

    /** An empty instance to start: the lowest one emptied earlier, else a fresh one. */
    private int newInstance(int leaving) {
        // Reusing emptied ones keeps the count (and every scan over instances) bounded when a
        // mask on the fence keeps leaving and rejoining. Not the one the mask leaves: its votes
        // are still there until the mask has moved.
        for (int k = 0; k < instances; k++) if (members[k] == 0 && k != leaving) return k;
        if (instances == members.length) {
            members = Arrays.copyOf(members, 2 * instances);
            affinity = Arrays.copyOf(affinity, 2 * instances);
        }
        members[instances] = 0;
        return instances++;
    }

    /**
     * Settles, for each pair of instances, whether they are one object or two, by counting votes:
     * masks that bridge them (score at least {@code flag} on both) say one object; views that show
     * both as separate voting masks say two. More bridges than separations merge them, and so do
     * two bridges or more against under 1.5 times as many separations: SAM's automatic output gives
     * an object whole in some views and in parts in others, so its parts are seen apart about as
     * often as joined, while a mask of two distinct objects is a rarer slip (1.5 measured on the
     * SAM-like input, docs/PERFORMANCE.md). This catches an object split in parts (its parts
     * started two instances, whole masks bridge them) and an object met from two sides before the
     * views between them (never seen apart); a mask of two objects that most views show apart stays
     * under-segmented.
     */
    private boolean mergeBridged() {
        int k = instances;
        // (low instance << 32 | high instance) -> masks bridging the two; sparse, as stray
        // instances can be many
        Map<Long, Integer> bridge = new HashMap<>();
        // For each non-voting mask, the pair it bridges most strongly (key) and the other side.
        long[] bridges = new long[masks.length];
        int[] partner = new int[masks.length];
        Arrays.fill(partner, -1);
        // Scoring is read-only, so it runs in parallel; the tally below stays in mask order.
        double[][] all =
                java.util.stream.IntStream.range(0, masks.length)
                        .parallel()
                        .mapToObj(this::scores)
                        .toArray(double[][]::new);
        for (int m = 0; m < masks.length; m++) {
            double[] a = all[m];
            all[m] = null;
            for (int j = 0; j < k; j++) {
                if (j != instance[m] && members[j] > 0 && a[j] >= params.flag()) {
                    long key = (long) Math.min(j, instance[m]) << 32 | Math.max(j, instance[m]);
                    bridge.merge(key, 1, Integer::sum);
                    if (!votes[m] && (partner[m] < 0 || a[j] > a[partner[m]])) {
                        partner[m] = j;
                        bridges[m] = key;
                    }
                }
            }
        }
        List<long[]> pairs = new ArrayList<>();
        bridge.forEach((key, n) -> pairs.add(new long[] {n, key >>> 32, key & 0xffffffffL}));
        pairs.sort(
                Comparator.<long[]>comparingLong(p -> -p[0])
                        .thenComparingLong(p -> p[1])
                        .thenComparingLong(p -> p[2]));
        boolean[] touched = new boolean[k];
        long[][] seen = viewsWithVotes(k);
        boolean merged = false;
        for (long[] p : pairs) {
            int a = (int) p[1], b = (int) p[2];
            if (touched[a] || touched[b] || !oneObject(p[0], together(seen, a, b))) continue;
            touched[a] = touched[b] = true;
            for (int m = 0; m < masks.length; m++) {
                if (instance[m] != b) continue;
                if (votes[m]) supports.remove(masks[m], b);
                instance[m] = a;
                if (votes[m]) supports.add(masks[m], a);
                members[b]--;
                members[a]++;
            }
            // The masks that bridged the two were held back as covering two objects; they cover
            // one, so they vote again.
            long key = (long) a << 32 | b;
            for (int m = 0; m < masks.length; m++) {
                if (partner[m] >= 0 && bridges[m] == key && !votes[m]) {
                    votes[m] = true;
                    supports.add(masks[m], instance[m]);
                }
            }
            merged = true;
        }
        return merged;
    }

    /**
     * Per instance, the views where it has a voting mask, as bits. Made once per merge step: the
     * pairs merged in a step are disjoint, and an instance touched by a merge is not looked at
     * again in that step, so the bits stay right for every pair still tested.
     */
    long[][] viewsWithVotes(int k) {
        int views = 0;
        for (MaskSupport m : masks) views = Math.max(views, m.view() + 1);
        long[][] bits = new long[k][(views + 63) / 64];
        for (int m = 0; m < masks.length; m++) {
            if (votes[m]) bits[instance[m]][masks[m].view() >>> 6] |= 1L << masks[m].view();
        }
        return bits;
    }

    /** The vote of {@link #mergeBridged}: masks bridging two instances against views apart. */
    static boolean oneObject(long bridges, int apart) {
        return bridges > apart || (bridges >= 2 && 3 * bridges > 2L * apart);
    }

    /** Views in which both instances have a voting mask: evidence that they are two objects. */
    static int together(long[][] seen, int a, int b) {
        int n = 0;
        for (int w = 0; w < seen[a].length; w++) n += Long.bitCount(seen[a][w] & seen[b][w]);
        return n;
    }
}
