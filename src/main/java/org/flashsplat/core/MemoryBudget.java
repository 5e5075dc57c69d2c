package org.flashsplat.core;

import java.util.Locale;

/**
 * Checks a large allocation against what the JVM can still give before it is made, so that a
 * scene too large for the heap ends in one line saying what to change instead of an
 * OutOfMemoryError half way through.
 */
public final class MemoryBudget {
    private MemoryBudget() {}

    /** What to change when memory runs short; the same advice wherever it runs short. */
    public static final String ADVICE =
            "give Java more memory (the launcher's FLASHSPLAT_HEAP, e.g. FLASHSPLAT_HEAP=16g, or"
                    + " -Xmx16g), split the views into shards (accumulate --views, then merge),"
                    + " or lift fewer labels";

    /** Too little memory for a step: a problem with the input's size, reported as one line. */
    public static final class Exceeded extends InputException {
        public Exceeded(String what) {
            super(null, null, what);
        }
    }

    /** Bytes the heap can still grow into. */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * Throws {@link Exceeded} when {@code bytes} will not fit; {@code what} says what needs it
     * ("accumulating 250 labels x 3,000,000 Gaussians").
     */
    public static void check(String what, long bytes) {
        long free = available();
        if (bytes <= free) return;
        System.gc(); // garbage of an earlier step may still hold the room
        free = available();
        if (bytes <= free) return;
        throw new Exceeded(message(what, bytes, free));
    }

    static String message(String what, long bytes, long free) {
        return String.format(
                Locale.ROOT,
                "not enough memory: %s needs about %s, the JVM has %s free of %s; %s",
                what,
                human(bytes),
                human(Math.max(0, free)),
                human(Runtime.getRuntime().maxMemory()),
                ADVICE);
    }

    /** The line shown when an allocation failed anyway. */
    public static String outOfMemory() {
        return String.format(
                Locale.ROOT,
                "out of memory (the JVM may use %s); %s",
                human(Runtime.getRuntime().maxMemory()),
                ADVICE);
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / 1073741824.0);
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0);
    }
}
