package org.flashsplat.mask;

/**
 * COCO run-length encoding of binary masks, as written by pycocotools and SAM: runs over the pixels
 * in column-major order (down each column, then the next column), alternating 0 and 1 and starting
 * with a (possibly empty) run of 0. The compressed string form stores each run as 5-bit groups in
 * characters from '0' (48), low group first, bit 0x20 meaning "more groups follow" and bit 0x10 of
 * the last group the sign; from the fourth run on, the value stored is the difference to the run
 * two places earlier (same pixel value), which keeps similar columns short.
 *
 * <p>Masks here are row-major like {@link LabelMask}; only the run order is column-major.
 */
public final class Rle {
    private Rle() {}

    /** A counts string or run list that is not a valid mask of the given size. */
    public static final class RleException extends IllegalArgumentException {
        private final int offset;

        RleException(String what, int offset) {
            super(what);
            this.offset = offset;
        }

        /** Character offset in the counts string (or run index), -1 when it applies to all. */
        public int offset() {
            return offset;
        }
    }

    /** Runs of a compressed counts string, undone from the difference coding. */
    public static int[] decodeCounts(String counts) {
        int[] runs = new int[Math.max(4, counts.length())];
        int m = 0, p = 0, n = counts.length();
        while (p < n) {
            int start = p;
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= n) throw new RleException("counts string ends inside a run", start);
                int c = counts.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new RleException(
                            "character '" + counts.charAt(p) + "' is not RLE (48..111)", p);
                }
                if (k >= 7) throw new RleException("run longer than 32 bits", start);
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) x |= -1L << (5 * k);
            }
            if (m > 2) x += runs[m - 2];
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new RleException("run " + m + " has length " + x, start);
            }
            if (m == runs.length) runs = java.util.Arrays.copyOf(runs, m * 2);
            runs[m++] = (int) x;
        }
        return java.util.Arrays.copyOf(runs, m);
    }

    /** The compressed counts string of a run list (the inverse of {@link #decodeCounts}). */
    public static String encodeCounts(int[] runs) {
        StringBuilder sb = new StringBuilder(runs.length * 2);
        for (int i = 0; i < runs.length; i++) {
            long x = runs[i];
            if (i > 2) x -= runs[i - 2];
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                // Stop once the remaining bits are pure sign extension of this group's bit 0x10.
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) c |= 0x20;
                sb.append((char) (c + 48));
            }
        }
        return sb.toString();
    }

    /** Row-major mask of a counts string; runs must add up to exactly {@code height * width}. */
    public static boolean[] decode(String counts, int height, int width) {
        return fromRuns(decodeCounts(counts), height, width);
    }

    /** Row-major mask of a run list (COCO's uncompressed RLE form). */
    public static boolean[] fromRuns(int[] runs, int height, int width) {
        int[] labels = new int[checkRuns(runs, height, width)];
        paint(runs, height, width, labels, 1);
        boolean[] mask = new boolean[labels.length];
        for (int i = 0; i < mask.length; i++) mask[i] = labels[i] != 0;
        return mask;
    }

    /** Checks that the runs cover exactly {@code height * width} pixels; returns that count. */
    static int checkRuns(int[] runs, int height, int width) {
        long total = 0;
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] < 0) throw new RleException("negative run " + runs[i], -1);
            total += runs[i];
        }
        long size = (long) height * width;
        if (total != size) {
            throw new RleException(
                    "runs add up to "
                            + total
                            + " pixels but size "
                            + height
                            + "x"
                            + width
                            + " has "
                            + size,
                    -1);
        }
        return (int) size;
    }

    /** Number of pixels set by checked runs. */
    static int area(int[] runs) {
        int a = 0;
        for (int i = 1; i < runs.length; i += 2) a += runs[i];
        return a;
    }

    /** Writes {@code value} into a row-major array wherever the checked runs are set. */
    static void paint(int[] runs, int height, int width, int[] labels, int value) {
        int j = 0;
        for (int i = 0; i < runs.length; i++) {
            int end = j + runs[i];
            if ((i & 1) == 1) {
                for (int q = j; q < end; q++) labels[(q % height) * width + q / height] = value;
            }
            j = end;
        }
    }

    /** Runs of a row-major mask, in COCO's column-major order, starting with the zeros. */
    public static int[] toRuns(boolean[] mask, int height, int width) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, not h*w");
        }
        int[] runs = new int[16];
        int m = 0, len = 0;
        boolean current = false;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                if (mask[y * width + x] != current) {
                    if (m == runs.length) runs = java.util.Arrays.copyOf(runs, m * 2);
                    runs[m++] = len;
                    len = 0;
                    current = !current;
                }
                len++;
            }
        }
        if (m == runs.length) runs = java.util.Arrays.copyOf(runs, m + 1);
        runs[m++] = len;
        return java.util.Arrays.copyOf(runs, m);
    }

    /** Compressed counts string of a row-major mask. */
    public static String encode(boolean[] mask, int height, int width) {
        return encodeCounts(toRuns(mask, height, width));
    }

    /** Compressed counts string of the pixels of {@code mask} that hold {@code label}. */
    public static String encode(LabelMask mask, int label) {
        int[] l = mask.labels();
        boolean[] b = new boolean[l.length];
        for (int i = 0; i < l.length; i++) b[i] = l[i] == label;
        return encode(b, mask.height(), mask.width());
    }
}
