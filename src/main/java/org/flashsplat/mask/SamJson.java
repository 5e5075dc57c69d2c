package org.flashsplat.mask;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Limits;

/**
 * SAM automatic-mask-generator output: a JSON list of entries whose {@code segmentation} is COCO
 * RLE ({@code size: [h, w]}, {@code counts} a compressed string or, in the uncompressed form, a
 * list of runs).
 *
 * <p>Overlaps: SAM's masks overlap (parts inside wholes). Each entry gets the ID 1 + its index in
 * the file, whatever the overlaps; entries are painted largest area first (ties: file order), so
 * that a smaller mask lying on a larger one stays visible instead of being swallowed by it. The
 * result depends only on the file, so it is deterministic.
 */
final class SamJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SamJson() {}

    /** One entry's segmentation, still encoded. */
    record Entry(int height, int width, String counts, int[] runs) {}

    /** Parses and checks the structure of a SAM file; run lengths are checked when painted. */
    static List<Entry> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(MaskImages.readAll(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String place =
                    at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(
                    file, place, "malformed JSON: " + org.flashsplat.core.Json.problem(e), e);
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new InputException(
                    file, null, "expected a JSON list of SAM masks, found " + kind(root));
        }
        List<Entry> entries = new ArrayList<>(root.size());
        int h0 = -1, w0 = -1;
        for (int i = 0; i < root.size(); i++) {
            JsonNode seg = root.get(i).get("segmentation");
            String place = "entry " + i + " segmentation";
            if (seg == null || !seg.isObject()) {
                throw new InputException(
                        file, place, "missing or not an RLE object (found " + kind(seg) + ")");
            }
            JsonNode size = seg.get("size");
            if (size == null
                    || !size.isArray()
                    || size.size() != 2
                    || !size.get(0).canConvertToInt()
                    || !size.get(1).canConvertToInt()
                    || size.get(0).asInt() <= 0
                    || size.get(1).asInt() <= 0) {
                throw new InputException(file, place + ".size", "expected [height, width]");
            }
            int h = size.get(0).asInt(), w = size.get(1).asInt();
            Limits.imagePixels(file, place + ".size", w, h); // before painting allocates w * h
            if (h0 < 0) {
                h0 = h;
                w0 = w;
            } else if (h != h0 || w != w0) {
                throw new InputException(
                        file,
                        place + ".size",
                        "size ["
                                + h
                                + ", "
                                + w
                                + "] differs from entry 0's ["
                                + h0
                                + ", "
                                + w0
                                + "]");
            }
            JsonNode counts = seg.get("counts");
            if (counts != null && counts.isTextual()) {
                entries.add(new Entry(h, w, counts.asText(), null));
            } else if (counts != null && counts.isArray()) {
                int[] runs = new int[counts.size()];
                for (int j = 0; j < runs.length; j++) {
                    if (!counts.get(j).canConvertToInt()) {
                        throw new InputException(file, place + ".counts[" + j + "]", "not a run");
                    }
                    runs[j] = counts.get(j).asInt();
                }
                entries.add(new Entry(h, w, null, runs));
            } else {
                throw new InputException(
                        file,
                        place + ".counts",
                        "expected a string or list, found " + kind(counts));
            }
        }
        return entries;
    }

    /**
     * Paints the entries into one mask of local IDs at the RLE size (an empty list gives an empty
     * mask of {@code height x width}).
     */
    static MaskImages.Raw paint(Path file, List<Entry> entries, int width, int height) {
        if (!entries.isEmpty()) {
            width = entries.get(0).width();
            height = entries.get(0).height();
        }
        int n = entries.size();
        int[][] runs = new int[n][];
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            try {
                runs[i] = e.counts() != null ? Rle.decodeCounts(e.counts()) : e.runs();
                Rle.checkRuns(runs[i], e.height(), e.width());
            } catch (Rle.RleException x) {
                String place = "entry " + i + " segmentation.counts";
                if (x.offset() >= 0) place += " character " + x.offset();
                throw new InputException(file, place, x.getMessage(), x);
            }
            // Sort key: larger area first, then file order.
            order[i] = (long) (Integer.MAX_VALUE - Rle.area(runs[i])) << 32 | i;
        }
        java.util.Arrays.sort(order);
        int[] labels = new int[width * height];
        for (long key : order) {
            int i = (int) key;
            Rle.paint(runs[i], height, width, labels, i + 1);
        }
        return new MaskImages.Raw(width, height, labels);
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().toString().toLowerCase();
    }
}
