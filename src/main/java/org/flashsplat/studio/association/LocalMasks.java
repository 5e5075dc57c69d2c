package org.flashsplat.studio.association;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.flashsplat.mask.LabelMask;

/**
 * The per-view local-ID masks an association was made from, decoded on demand from their files and
 * kept in a cache bounded by pixel count: a few hundred full-size views do not fit in memory next
 * to the studio's own masks, and SAM's RLE decodes in milliseconds. Thread-safe; decoding runs
 * outside the lock so the association pass can read views in parallel.
 */
public final class LocalMasks {
    private final IntFunction<LabelMask> source;
    private final long budget;
    private long held;
    private final Map<Integer, LabelMask> cache = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param source view index -> that view's local mask at the camera's resolution, or null
     * @param budgetPixels how many pixels of masks to keep decoded
     */
    public LocalMasks(IntFunction<LabelMask> source, long budgetPixels) {
        this.source = source;
        this.budget = budgetPixels;
    }

    /** View {@code v}'s local mask (shared: callers must not write it), or null. */
    public LabelMask load(int v) {
        synchronized (this) {
            LabelMask m = cache.get(v);
            if (m != null) return m;
        }
        LabelMask m = source.apply(v);
        if (m == null) return null;
        synchronized (this) {
            if (cache.put(v, m) == null) held += m.labels().length;
            var it = cache.entrySet().iterator();
            while (held > budget && cache.size() > 1 && it.hasNext()) {
                var e = it.next();
                if (e.getKey() == v) continue;
                held -= e.getValue().labels().length;
                it.remove();
            }
        }
        return m;
    }

    /**
     * Pixels of a view's moved local masks, ascending, with the association values they had ({@code
     * before}) and take ({@code after}): what a fix writes into a view's mask.
     */
    record Patch(int view, int[] index, int[] before, int[] after) {}

    /**
     * The pixels of view {@code v} showing a local mask of {@code moves} (local ID -> {old global
     * ID, new global ID}).
     */
    Patch patch(int v, Map<Integer, int[]> moves) {
        LabelMask m = load(v);
        if (m == null) return new Patch(v, new int[0], new int[0], new int[0]);
        int max = 0;
        for (int l : moves.keySet()) max = Math.max(max, l);
        int[] from = new int[max + 1], to = new int[max + 1];
        Arrays.fill(to, -1);
        moves.forEach(
                (l, g) -> {
                    from[l] = g[0];
                    to[l] = g[1];
                });
        int[] labels = m.labels();
        int n = 0;
        for (int l : labels) if (l < to.length && to[l] >= 0) n++;
        int[] index = new int[n], before = new int[n], after = new int[n];
        n = 0;
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
            if (l < to.length && to[l] >= 0) {
                index[n] = p;
                before[n] = from[l];
                after[n++] = to[l];
            }
        }
        return new Patch(v, index, before, after);
    }
}
