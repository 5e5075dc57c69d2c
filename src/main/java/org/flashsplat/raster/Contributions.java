package org.flashsplat.raster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * The contributions A[l, i] while they are being summed: the blending weight alpha*T of Gaussian i
 * over all pixels labelled l. Renderers add into it from many threads; {@link #table()} freezes the
 * non-zero entries for assignment and files.
 *
 * <p>Values are 64-bit fixed point with {@link #ONE} = 2^32, each pixel's weight truncated to that
 * grid before it is added. Integer addition is associative, so the result is bit-identical whatever
 * the thread count, the order of the views or the backend, and a view (or a set of pixels) added
 * and later subtracted leaves exactly nothing behind.
 *
 * <p>Sparse: a Gaussian is seen under a handful of labels while a capture has hundreds, so memory
 * follows the entries, never labels x Gaussians. Gaussians come in blocks of {@value #BLOCK}, whose
 * storage exists only once something is added to one of them; each Gaussian has {@value #SLOTS}
 * (label, sum) slots claimed by compare-and-set, and the rare Gaussian seen under more labels keeps
 * the rest in a shared map. Which slot a label lands in depends on thread timing, so nothing reads
 * slots in their order: {@link #table()} sorts each Gaussian's entries by label.
 *
 * <p>Range: a sum is a signed 64-bit integer and one pixel's weight is below 1.0 = 2^32, so one
 * (label, Gaussian) holds at least 2^31 - 1 (about 2.1e9) full-weight pixel-views; for comparison,
 * 1000 views of 4K (8.3M pixels) at full weight on one Gaussian are 8.3e9, but a Gaussian covers a
 * few hundred pixels per view at most, with weights well below 1, so real captures stay orders of
 * magnitude under it. Every add checks that limit and throws {@link RangeException} instead of
 * wrapping around; the contributions are then unusable (the entry that overflowed holds a wrapped
 * value) and the pass that was adding fails with that message.
 */
public final class Contributions {
    /** Fixed-point scale: a weight w is stored as {@code (long) (w * ONE)}. */
    public static final double ONE = 4294967296.0;

    /** Label ids are 16-bit at most (masks), so rows never exceed this. */
    public static final int MAX_LABELS = 1 << 16;

    static final int SLOTS = 4;
    static final int BLOCK_BITS = 12;
    static final int BLOCK = 1 << BLOCK_BITS;

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /** Slots of {@link #BLOCK} Gaussians: {@code label + 1} (0 = free) and the sum. */
    private static final class Block {
        final int[] label = new int[BLOCK * SLOTS];
        final long[] sum = new long[BLOCK * SLOTS];
        volatile boolean overflowed;
    }

    private final int labels;
    private final int count;
    private final AtomicReferenceArray<Block> blocks;

    /** Entries beyond a Gaussian's slots, by Gaussian. */
    private final ConcurrentHashMap<Integer, Extra> overflow = new ConcurrentHashMap<>();

    /** A Gaussian's entries beyond its slots; rare, so a lock is fine. */
    private static final class Extra {
        int[] label = new int[4];
        long[] sum = new long[4];
        int size;

        synchronized void add(int l, int gaussian, long v) {
            for (int k = 0; k < size; k++) {
                if (label[k] == l) {
                    long before = sum[k];
                    sum[k] += v;
                    checkRange(before, v, l, gaussian);
                    return;
                }
            }
            if (size == label.length) {
                label = Arrays.copyOf(label, size * 2);
                sum = Arrays.copyOf(sum, size * 2);
            }
            label[size] = l;
            sum[size++] = v;
        }
    }

    public Contributions(int labels, int count) {
        if (labels < 1 || labels > MAX_LABELS || count < 0) {
            throw new IllegalArgumentException(
                    labels + " labels x " + count + " Gaussians: labels must be 1.." + MAX_LABELS);
        }
        this.labels = labels;
        this.count = count;
        this.blocks = new AtomicReferenceArray<>((count + BLOCK - 1) >>> BLOCK_BITS);
    }

    public int labels() {
        return labels;
    }

    public int count() {
        return count;
    }

    /** Converts one pixel weight to fixed point; every backend must use exactly this rounding. */
    public static long toFixed(float weight) {
        return (long) ((double) weight * ONE);
    }

    /** Adds {@code value} (fixed point) at (label, gaussian), safely from several threads. */
    public void addAtomic(int label, int gaussian, long value) {
        if (value == 0) return;
        if (label < 0 || label >= labels)
            throw new IllegalArgumentException("label " + label + " of " + labels);
        Block b = block(gaussian);
        int base = (gaussian & (BLOCK - 1)) * SLOTS, tag = label + 1;
        for (int s = base; s < base + SLOTS; s++) {
            int held = (int) INTS.getAcquire(b.label, s);
            if (held == 0) {
                held = (int) INTS.compareAndExchange(b.label, s, 0, tag);
                // held = held == 0 ? tag : held, without a branch: losing the race is rare, and
                // a branch the compiler never saw taken sends the whole blend loop, where this
                // is inlined, back to the interpreter the first time it is
                held |= tag & ~((held | -held) >> 31);
            }
            if (held == tag) {
                checkRange((long) LONGS.getAndAdd(b.sum, s, value), value, label, gaussian);
                return;
            }
        }
        b.overflowed = true;
        overflow.computeIfAbsent(gaussian, k -> new Extra()).add(label, gaussian, value);
    }

    /**
     * Reads Gaussian i's slots without changing anything and returns a value derived from them,
     * which the caller must use (so the loads stay): a blender calls it for a batch of Gaussians it
     * is about to add to, so their cache misses overlap instead of coming one by one inside {@link
     * #addAtomic}.
     */
    public long touch(int gaussian) {
        Block b = blocks.get(gaussian >>> BLOCK_BITS);
        if (b == null) return 0;
        int s = (gaussian & (BLOCK - 1)) * SLOTS;
        return b.label[s] + b.sum[s];
    }

    /**
     * Throws if {@code before + value} left the signed 64-bit range (it wrapped): the sum's sign
     * differs from both operands' signs.
     */
    private static void checkRange(long before, long value, int label, int gaussian) {
        long after = before + value;
        if (((before ^ after) & (value ^ after)) < 0) throw new RangeException(label, gaussian);
    }

    /**
     * A sum left the range of 64-bit fixed point (more than about 2.1e9 full-weight pixel-views on
     * one label and Gaussian); see the class comment.
     */
    public static final class RangeException extends ArithmeticException {
        public RangeException(int label, int gaussian) {
            super(
                    "the contribution of Gaussian "
                            + gaussian
                            + " under label "
                            + label
                            + " exceeds the 64-bit fixed-point range (2^31 full-weight"
                            + " pixel-views): this scene and these views cannot be summed exactly");
        }
    }

    private Block block(int gaussian) {
        int at = gaussian >>> BLOCK_BITS;
        Block b = blocks.get(at);
        if (b != null) return b;
        Block made = new Block();
        return blocks.compareAndSet(at, null, made) ? made : blocks.get(at);
    }

    /** The fixed-point sum at (label, gaussian). */
    public long fixed(int label, int gaussian) {
        Block b = blocks.get(gaussian >>> BLOCK_BITS);
        if (b == null) return 0;
        int base = (gaussian & (BLOCK - 1)) * SLOTS;
        for (int s = base; s < base + SLOTS; s++) {
            if (b.label[s] == label + 1) return b.sum[s];
        }
        long[] found = new long[1];
        if (b.overflowed)
            forExtra(
                    gaussian,
                    (l, v) -> {
                        if (l == label) found[0] = v;
                    });
        return found[0];
    }

    public double get(int label, int gaussian) {
        return fixed(label, gaussian) / ONE;
    }

    /** Total over labels for one Gaussian. */
    public double total(int gaussian) {
        long[] sums = new long[1];
        forEntriesOf(gaussian, (l, v) -> sums[0] += v);
        return sums[0] / ONE;
    }

    /** Receives one entry. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int label, long fixed);
    }

    /** Gaussian i's entries, in no particular order (zeros included where a sum returned to 0). */
    void forEntriesOf(int gaussian, EntryConsumer to) {
        Block b = blocks.get(gaussian >>> BLOCK_BITS);
        if (b == null) return;
        int base = (gaussian & (BLOCK - 1)) * SLOTS;
        for (int s = base; s < base + SLOTS; s++) {
            if (b.label[s] != 0) to.accept(b.label[s] - 1, b.sum[s]);
        }
        if (b.overflowed && b.label[base + SLOTS - 1] != 0) forExtra(gaussian, to);
    }

    private void forExtra(int gaussian, EntryConsumer to) {
        Extra e = overflow.get(gaussian);
        if (e == null) return;
        synchronized (e) {
            for (int k = 0; k < e.size; k++) to.accept(e.label[k], e.sum[k]);
        }
    }

    /** Sort buffers for one Gaussian's entries, grown on demand. */
    static final class Scratch {
        int[] label = new int[SLOTS * 2];
        long[] value = new long[SLOTS * 2];

        void fit(int n) {
            if (n <= label.length) return;
            label = Arrays.copyOf(label, n);
            value = Arrays.copyOf(value, n);
        }
    }

    /**
     * Entries of Gaussian i sorted by label into {@code s}, zeros left out; returns how many were
     * written.
     */
    int sortedEntries(int gaussian, Scratch s) {
        Extra extra = overflow.isEmpty() ? null : overflow.get(gaussian);
        if (extra != null) {
            synchronized (extra) {
                s.fit(SLOTS + extra.size);
            }
        }
        int[] label = s.label;
        long[] value = s.value;
        int[] n = new int[1];
        forEntriesOf(
                gaussian,
                (l, v) -> {
                    if (v == 0) return;
                    int at = n[0]++;
                    while (at > 0 && label[at - 1] > l) {
                        label[at] = label[at - 1];
                        value[at] = value[at - 1];
                        at--;
                    }
                    label[at] = l;
                    value[at] = v;
                });
        return n[0];
    }

    /** Adds every entry of {@code other} (same shape or fewer labels). */
    public void add(Contributions other) {
        combine(other, 1);
    }

    /** Adds every entry of a frozen table (same count, no more labels), exactly. */
    public void add(ContributionTable t) {
        if (t.count() != count || t.labels() > labels)
            throw new IllegalArgumentException("contributions of another shape");
        int[] start = t.start(), label = t.label();
        long[] fixed = t.fixed();
        for (int i = 0; i < count; i++)
            for (int e = start[i]; e < start[i + 1]; e++) addAtomic(label[e], i, fixed[e]);
    }

    public void subtract(Contributions other) {
        combine(other, -1);
    }

    private void combine(Contributions other, long sign) {
        if (other.count != count || other.labels > labels) {
            throw new IllegalArgumentException(
                    "contributions of shape ("
                            + other.labels
                            + ", "
                            + other.count
                            + ") and ("
                            + labels
                            + ", "
                            + count
                            + ") cannot be combined");
        }
        other.forEach((l, i, v) -> addAtomic(l, i, sign * v));
    }

    /**
     * Adds every entry of {@code source}, whose Gaussian r is this one's {@code order[r]} ({@code
     * rankOf} is the inverse of {@code order}): a renderer that works in its own order of the
     * Gaussians hands its sums back in the scene's order. No other thread may add to this one
     * meanwhile. A source holding most blocks is added block of this one by block in parallel (on
     * the caller's fork-join pool, if it runs in one), each written by one thread without locked
     * instructions so that the reads of {@code source} overlap; a sparse one (a pass over a few
     * edited pixels) entry by entry, without visiting the Gaussians it does not hold.
     */
    public void addRenumbered(Contributions source, int[] order, int[] rankOf) {
        if (source.count != count
                || order.length != count
                || rankOf.length != count
                || source.labels > labels) {
            throw new IllegalArgumentException("contributions or index of another shape");
        }
        int held = 0;
        for (int at = 0; at < source.blocks.length(); at++) {
            if (source.blocks.get(at) != null) held++;
        }
        if (held * 8 < source.blocks.length()) {
            source.forEach((l, r, v) -> addAtomic(l, order[r], v));
            return;
        }
        IntStream.range(0, blocks.length())
                .parallel()
                .forEach(
                        at -> {
                            int from = at << BLOCK_BITS, end = Math.min(count, from + BLOCK);
                            for (int i = from; i < end; i++) {
                                int r = rankOf[i];
                                Block b = source.blocks.get(r >>> BLOCK_BITS);
                                if (b == null) continue;
                                int base = (r & (BLOCK - 1)) * SLOTS;
                                for (int s = base; s < base + SLOTS; s++) {
                                    if (b.label[s] != 0) addOwned(b.label[s] - 1, i, b.sum[s]);
                                }
                                if (b.overflowed && b.label[base + SLOTS - 1] != 0) {
                                    int to = i;
                                    source.forExtra(r, (l, v) -> addOwned(l, to, v));
                                }
                            }
                        });
    }

    /** {@link #addAtomic} for the only thread adding to this Gaussian's block at the time. */
    private void addOwned(int label, int gaussian, long value) {
        if (value == 0) return;
        Block b = block(gaussian);
        int base = (gaussian & (BLOCK - 1)) * SLOTS, tag = label + 1;
        int[] held = b.label;
        for (int s = base; s < base + SLOTS; s++) {
            if (held[s] == 0) held[s] = tag;
            if (held[s] == tag) {
                long before = b.sum[s];
                b.sum[s] = before + value;
                checkRange(before, value, label, gaussian);
                return;
            }
        }
        b.overflowed = true;
        overflow.computeIfAbsent(gaussian, k -> new Extra()).add(label, gaussian, value);
    }

    /** Receives one entry with its Gaussian. */
    @FunctionalInterface
    public interface IndexedEntryConsumer {
        void accept(int label, int gaussian, long fixed);
    }

    /** Every stored entry, Gaussian by Gaussian (labels within one in no particular order). */
    public void forEach(IndexedEntryConsumer to) {
        for (int at = 0; at < blocks.length(); at++) {
            if (blocks.get(at) == null) continue;
            int from = at << BLOCK_BITS, end = Math.min(count, from + BLOCK);
            for (int i = from; i < end; i++) {
                int g = i;
                forEntriesOf(i, (l, v) -> to.accept(l, g, v));
            }
        }
    }

    /** Forgets every entry; the storage goes with them. */
    public void clear() {
        for (int at = 0; at < blocks.length(); at++) blocks.set(at, null);
        overflow.clear();
    }

    /** A copy with at least {@code newLabels} labels. */
    public Contributions withLabels(int newLabels) {
        Contributions c = new Contributions(Math.max(newLabels, labels), count);
        c.add(this);
        return c;
    }

    public Contributions copy() {
        return withLabels(labels);
    }

    /**
     * The non-zero entries, frozen and sorted (Gaussian, then label). Built in fixed blocks, so the
     * result is the same for any thread count and any order the entries were added in.
     */
    public ContributionTable table() {
        int blockCount = blocks.length();
        int[] perBlock = new int[blockCount + 1];
        IntStream.range(0, blockCount).parallel().forEach(b -> perBlock[b + 1] = countBlock(b));
        long total = 0;
        for (int b = 0; b < blockCount; b++) {
            total += perBlock[b + 1];
            if (total > Integer.MAX_VALUE - 8)
                throw new IllegalStateException(
                        "more than 2^31 non-zero contributions: split the views into shards");
            perBlock[b + 1] = (int) total;
        }
        int[] start = new int[count + 1];
        int[] label = new int[(int) total];
        long[] fixed = new long[(int) total];
        IntStream.range(0, blockCount)
                .parallel()
                .forEach(b -> fillBlock(b, perBlock[b], start, label, fixed));
        start[count] = (int) total;
        return ContributionTable.ofFixed(labels, count, start, label, fixed);
    }

    private int countBlock(int b) {
        if (blocks.get(b) == null) return 0;
        int n = 0, from = b << BLOCK_BITS, end = Math.min(count, from + BLOCK);
        Scratch s = new Scratch();
        for (int i = from; i < end; i++) n += sortedEntries(i, s);
        return n;
    }

    private void fillBlock(int b, int at, int[] start, int[] label, long[] fixed) {
        int from = b << BLOCK_BITS, end = Math.min(count, from + BLOCK);
        if (blocks.get(b) == null) {
            Arrays.fill(start, from, end, at);
            return;
        }
        Scratch s = new Scratch();
        for (int i = from; i < end; i++) {
            start[i] = at;
            int n = sortedEntries(i, s);
            System.arraycopy(s.label, 0, label, at, n);
            System.arraycopy(s.value, 0, fixed, at, n);
            at += n;
        }
    }

    /** Bytes held, for memory estimates and benchmarks. */
    public long bytes() {
        long n = 0;
        for (int at = 0; at < blocks.length(); at++)
            if (blocks.get(at) != null) n += (long) BLOCK * SLOTS * 12;
        return n + overflow.size() * 128L;
    }
}
