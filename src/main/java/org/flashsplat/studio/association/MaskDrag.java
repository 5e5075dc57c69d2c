package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.List;
import org.flashsplat.associate.MaskKey;

/**
 * The text a dragged thumbnail carries: the masks it moves. Plain text with a prefix, so a drop of
 * anything else (a file name, text from another program) is refused.
 */
final class MaskDrag {
    static final String PREFIX = "flashsplat-masks:";

    private MaskDrag() {}

    static String encode(List<MaskKey> keys) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (MaskKey k : keys) b.append(k.view()).append(':').append(k.local()).append(';');
        return b.toString();
    }

    /** The masks of a drag, or null when the text is not ours. */
    static List<MaskKey> decode(String s) {
        if (s == null || !s.startsWith(PREFIX)) return null;
        List<MaskKey> out = new ArrayList<>();
        try {
            for (String part : s.substring(PREFIX.length()).split(";")) {
                if (part.isEmpty()) continue;
                String[] vl = part.split(":");
                out.add(new MaskKey(Integer.parseInt(vl[0]), Integer.parseInt(vl[1])));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }
}
