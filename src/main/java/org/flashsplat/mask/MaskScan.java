package org.flashsplat.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;

/**
 * One decode pass over every mask file of a folder (with or without a camera, so that the numbering
 * does not depend on which cameras were given): decides binary versus instance IDs, builds the
 * colour table, and gathers the label values and label counts for the summary. Decoded pixels are
 * not kept; a set of hundreds of full-size masks would not fit in memory.
 */
final class MaskScan {
    private MaskScan() {}

    /**
     * @param labelCounts per file: largest label + 1 (for SAM: entries + 1), -1 where it failed
     */
    record Result(
            MaskFormat format,
            ColourTable table,
            int labelCount,
            int[] labelCounts,
            BitSet labelValues,
            List<InputException> problems,
            List<String> warnings) {}

    /** What one file holds, in raw values (grey, index, colour) before the folder's mapping. */
    private record FileStats(
            int[] distinct, int fullValue, double gradientShare, InputException problem) {}

    static Result scan(
            MaskImages.Kind kind,
            List<MaskFiles.Entry> files,
            IntFunction<MaskImages.Raw> decode,
            Parallel parallel,
            Progress progress) {
        FileStats[] stats = new FileStats[files.size()];
        parallel.forEach(
                files.size(),
                i -> {
                    MaskFiles.Entry f = files.get(i);
                    if (f.problem() != null) {
                        stats[i] = new FileStats(null, 0, 0, f.problem());
                        return;
                    }
                    try {
                        MaskImages.Raw decoded = decode.apply(i);
                        int[] raw = decoded.values();
                        int full = (1 << Math.min(16, f.header().bitDepth())) - 1;
                        double gradient =
                                kind == MaskImages.Kind.RGB || kind == MaskImages.Kind.GREY
                                        ? gradientShare(decoded, kind == MaskImages.Kind.RGB)
                                        : 0;
                        stats[i] = new FileStats(distinct(raw), full, gradient, null);
                    } catch (InputException e) {
                        stats[i] = new FileStats(null, 0, 0, e);
                    }
                },
                progress);
        List<InputException> problems = new ArrayList<>();
        for (FileStats s : stats) if (s.problem() != null) problems.add(s.problem());

        MaskFormat format =
                switch (kind) {
                    case GREY -> isBinary(stats) ? MaskFormat.BINARY : MaskFormat.INSTANCE_IDS;
                    case PALETTE -> MaskFormat.PALETTE;
                    case RGB -> MaskFormat.RGB;
                    case JPEG -> MaskFormat.JPEG_BINARY;
                    case SAM -> MaskFormat.SAM_RLE;
                };
        ColourTable table = format == MaskFormat.RGB ? colourTable(files, stats) : null;

        int[] counts = new int[stats.length];
        BitSet values = new BitSet();
        int labelCount = 1;
        for (int i = 0; i < stats.length; i++) {
            FileStats s = stats[i];
            if (s.problem() != null) {
                counts[i] = -1;
                continue;
            }
            int max = 0;
            for (int v : s.distinct()) {
                // 65535 in a 16-bit ID mask is "ignore" (LabelMask.IGNORE_16), not a label
                if (format == MaskFormat.INSTANCE_IDS && v == LabelMask.IGNORE_16) continue;
                int label =
                        switch (format) {
                            case BINARY -> v == 0 ? 0 : 1;
                            case RGB -> table.labelOf(v);
                            default -> v;
                        };
                values.set(label);
                max = Math.max(max, label);
            }
            counts[i] = format == MaskFormat.SAM_RLE ? files.get(i).sam().size() + 1 : max + 1;
            labelCount = Math.max(labelCount, counts[i]);
        }
        if (format == MaskFormat.BINARY) labelCount = 2;
        return new Result(
                format, table, labelCount, counts, values, problems, photoWarning(files, stats));
    }

    /** Neighbouring pixels that differ, but only slightly, above which a file is a photo. */
    static final double PHOTO_GRADIENT_SHARE = 0.15;

    /** Distinct values above which a colour or grey file is a photo. */
    static final int PHOTO_DISTINCT_VALUES = 1024;

    /**
     * Instance masks are flat regions with sharp borders; photos (the images folder given as masks,
     * a common slip) have gradients everywhere and thousands of colours. Read as masks they give
     * hundreds of nonsense objects, so say so.
     */
    private static List<String> photoWarning(List<MaskFiles.Entry> files, FileStats[] stats) {
        int photos = 0, worst = -1, read = 0;
        for (int i = 0; i < stats.length; i++) {
            FileStats s = stats[i];
            if (s.problem() != null) continue;
            read++;
            boolean photo =
                    s.gradientShare() > PHOTO_GRADIENT_SHARE
                            || s.distinct().length > PHOTO_DISTINCT_VALUES;
            if (!photo) continue;
            photos++;
            if (worst < 0 || s.distinct().length > stats[worst].distinct().length) worst = i;
        }
        if (photos == 0) return List.of();
        FileStats w = stats[worst];
        return List.of(
                String.format(
                        java.util.Locale.ROOT,
                        "%d of %d mask files look like photos, not masks (%s: %,d distinct values,"
                                + " %.0f%% of neighbouring pixels differ only slightly); is this the"
                                + " images folder?",
                        photos,
                        read,
                        files.get(worst).name(),
                        w.distinct().length,
                        100 * w.gradientShare()));
    }

    /**
     * Share of horizontally neighbouring pixels (on a subsample of rows) that differ by a small
     * nonzero amount: a gradient. Mask borders are a few percent of pixels at most, and there the
     * step between IDs or colours is usually large.
     */
    static double gradientShare(MaskImages.Raw raw, boolean rgb) {
        int w = raw.width(), h = raw.height();
        if (w < 2 || h < 1) return 0;
        int[] v = raw.values();
        long pairs = 0, small = 0;
        int rowStep = Math.max(1, h / 64);
        for (int y = 0; y < h; y += rowStep) {
            for (int x = 1, i = y * w + 1; x < w; x++, i++) {
                int a = v[i - 1], b = v[i];
                pairs++;
                if (a == b) continue;
                boolean slight =
                        rgb
                                ? Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) <= 12
                                        && Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)) <= 12
                                        && Math.abs((a & 0xff) - (b & 0xff)) <= 12
                                : Math.abs(a - b) <= 3;
                if (slight) small++;
            }
        }
        return pairs == 0 ? 0 : (double) small / pairs;
    }

    /** Binary when every file holds only 0 and its largest value, and that value occurs. */
    private static boolean isBinary(FileStats[] stats) {
        boolean anyFull = false;
        for (FileStats s : stats) {
            if (s.problem() != null) continue;
            for (int v : s.distinct()) {
                if (v == s.fullValue()) anyFull = true;
                else if (v != 0) return false;
            }
        }
        return anyFull;
    }

    private static ColourTable colourTable(List<MaskFiles.Entry> files, FileStats[] stats) {
        int[] union = new int[0];
        for (int i = 0; i < stats.length; i++) {
            if (stats[i].problem() != null) continue;
            union = mergeDistinct(union, stats[i].distinct());
            int nonBlack = union.length > 0 && union[0] == 0 ? union.length - 1 : union.length;
            if (nonBlack > ColourTable.MAX_COLOURS) {
                // Named at the file where the union first passes the limit (files are in name
                // order, so the same file is named every time).
                throw new InputException(
                        files.get(i).path(),
                        null,
                        "colour-coded masks hold more than "
                                + ColourTable.MAX_COLOURS
                                + " colours (found "
                                + nonBlack
                                + " up to this file): not an instance mask set (photos?)");
            }
        }
        int start = union.length > 0 && union[0] == 0 ? 1 : 0;
        return new ColourTable(Arrays.copyOfRange(union, start, union.length));
    }

    /** Sorted distinct values of an array (pixel values: non-negative). */
    static int[] distinct(int[] values) {
        int max = 0;
        for (int v : values) max = Math.max(max, v);
        if (max < 1 << 16) {
            // IDs, indices and 0/1: a presence table is much faster than sorting megapixels.
            boolean[] seen = new boolean[max + 1];
            for (int v : values) seen[v] = true;
            int n = 0;
            for (boolean b : seen) if (b) n++;
            int[] out = new int[n];
            n = 0;
            for (int v = 0; v <= max; v++) if (seen[v]) out[n++] = v;
            return out;
        }
        // Colours: masks are long runs of one value, so sort only where the value changes.
        int[] s = new int[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == 0 || values[i] != values[i - 1]) s[n++] = values[i];
        }
        s = Arrays.copyOf(s, n);
        Arrays.sort(s);
        n = 0;
        for (int i = 0; i < s.length; i++) if (i == 0 || s[i] != s[n - 1]) s[n++] = s[i];
        return Arrays.copyOf(s, n);
    }

    private static int[] mergeDistinct(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0, j = 0, n = 0;
        while (i < a.length || j < b.length) {
            int v;
            if (j >= b.length || (i < a.length && a[i] < b[j])) v = a[i++];
            else if (i >= a.length || b[j] < a[i]) v = b[j++];
            else {
                v = a[i++];
                j++;
            }
            out[n++] = v;
        }
        return Arrays.copyOf(out, n);
    }
}
