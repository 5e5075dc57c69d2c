package org.flashsplat.associate;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.MaskProvider;

/**
 * An immutable copy of an {@link AssociationTable}'s mapping: safe to read from any thread, and
 * what turns each view's local-ID mask into the global-ID mask the accumulate pass consumes.
 */
public final class AssociationSnapshot {
    private final List<String> views;
    private final int[][] locals; // per view, ascending
    private final int[][] globals; // per view, aligned with locals; 0 = unassigned
    private final List<Instance> instances;

    private AssociationSnapshot(
            List<String> views, int[][] locals, int[][] globals, List<Instance> instances) {
        this.views = views;
        this.locals = locals;
        this.globals = globals;
        this.instances = instances;
    }

    static AssociationSnapshot of(
            List<String> views, MaskAssignment[][] rows, Collection<Instance> instances) {
        int[][] l = new int[rows.length][], g = new int[rows.length][];
        for (int v = 0; v < rows.length; v++) {
            l[v] = Arrays.stream(rows[v]).mapToInt(MaskAssignment::local).toArray();
            g[v] = Arrays.stream(rows[v]).mapToInt(MaskAssignment::instance).toArray();
        }
        return new AssociationSnapshot(views, l, g, List.copyOf(instances));
    }

    public List<String> views() {
        return views;
    }

    public List<Instance> instances() {
        return instances;
    }

    /** Rows the contributions need: the largest instance id + 1 (at least 2). */
    public int labelCount() {
        int max = 1;
        for (Instance i : instances) max = Math.max(max, i.id());
        return max + 1;
    }

    /** The global instance of a local mask; 0 when unassigned or unknown. */
    public int global(int view, int local) {
        int k = Arrays.binarySearch(locals[view], local);
        return k < 0 ? 0 : globals[view][k];
    }

    /**
     * A view's mask with global IDs: 0 for background and for unassigned masks (ignored pixels stay
     * ignored). What the studio edits: there an unassigned mask is one the user may still assign.
     */
    public LabelMask relabel(int view, LabelMask local) {
        return relabel(view, local, 0);
    }

    /**
     * A view's mask with global IDs for lifting: 0 for background, {@link LabelMask#IGNORE} for
     * masks that were left out (too small, or seeing nothing). A left-out mask shows something, we
     * just do not know which instance: voting "background" with its pixels would pull the Gaussians
     * of whatever it shows towards background.
     */
    public LabelMask relabelForLift(int view, LabelMask local) {
        return relabel(view, local, LabelMask.IGNORE);
    }

    private LabelMask relabel(int view, LabelMask local, int unassigned) {
        int[] map = new int[local.maxLabel() + 1];
        for (int k = 0; k < locals[view].length; k++) {
            if (locals[view][k] < map.length)
                map[locals[view][k]] = globals[view][k] == 0 ? unassigned : globals[view][k];
        }
        int[] src = local.labels(), dst = new int[src.length];
        for (int p = 0; p < src.length; p++) dst[p] = src[p] < 0 ? LabelMask.IGNORE : map[src[p]];
        return new LabelMask(local.width(), local.height(), dst);
    }

    /**
     * Global-ID masks for {@link org.flashsplat.raster.Renderer#accumulate}, made on demand from
     * the local ones ({@code locals} gives view {@code v}'s local mask, or null).
     */
    public MaskProvider provider(IntFunction<LabelMask> localMasks) {
        return v -> {
            LabelMask m = localMasks.apply(v);
            return m == null ? null : relabelForLift(v, m);
        };
    }
}
