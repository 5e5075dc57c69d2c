package org.flashsplat.mask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a mask folder holds, for {@code flashsplat info} and the studio's import page.
 *
 * @param resolutions mask size ("WxH") to number of files, in file order of first appearance
 * @param labelValues distinct labels seen over the folder after mapping, ascending
 * @param problems one line per file that cannot be used (file: place: what)
 * @param warnings things that work but deserve a look (label count varying between views, ...)
 */
public record MaskSetSummary(
        Path folder,
        MaskFormat format,
        int maskFiles,
        int matchedViews,
        Map<String, Integer> resolutions,
        int labelCount,
        int[] labelValues,
        List<String> missingViews,
        List<String> unmatchedMasks,
        List<String> problems,
        List<String> warnings) {

    /** The summary as lines of text. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("masks: " + folder);
        out.add("form: " + format.description());
        out.add("files: " + maskFiles + " (" + matchedViews + " matched to cameras)");
        StringBuilder res = new StringBuilder("resolutions:");
        resolutions.forEach((k, v) -> res.append(' ').append(k).append(" (").append(v).append(')'));
        out.add(res.toString());
        out.add("labels: " + labelCount + " (values seen: " + ranges(labelValues) + ")");
        if (!missingViews.isEmpty()) {
            out.add("views without a mask (skipped): " + String.join(", ", missingViews));
        }
        if (!unmatchedMasks.isEmpty()) {
            out.add("masks without a camera: " + String.join(", ", unmatchedMasks));
        }
        for (String w : warnings) out.add("warning: " + w);
        for (String p : problems) out.add("problem: " + p);
        return out;
    }

    /** "0-4, 7, 9-12": label sets can be long (SAM, RGB). */
    static String ranges(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[j + 1] == v[j] + 1) j++;
            if (sb.length() > 0) sb.append(", ");
            sb.append(v[i]);
            if (j > i) sb.append('-').append(v[j]);
            i = j + 1;
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
