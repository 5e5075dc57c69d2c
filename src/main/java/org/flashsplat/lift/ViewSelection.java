package org.flashsplat.lift;

import java.util.BitSet;
import org.flashsplat.core.InputException;

/**
 * A set of view indices written as {@code 0-99,120,130-139}: how a capture is split into shards.
 */
public final class ViewSelection {
    private final BitSet views;
    private final String text;

    private ViewSelection(BitSet views, String text) {
        this.views = views;
        this.text = text;
    }

    public static ViewSelection all() {
        return new ViewSelection(null, "all");
    }

    public static ViewSelection parse(String text) {
        if (text == null || text.isBlank() || text.equals("all")) return all();
        BitSet set = new BitSet();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to < from) throw new NumberFormatException();
                set.set(from, to + 1);
            } catch (NumberFormatException e) {
                throw new InputException(
                        null, "--views", "'" + p + "' is not a view index or range like 0-99");
            }
        }
        return new ViewSelection(set, text);
    }

    public boolean contains(int index) {
        return views == null || views.get(index);
    }

    @Override
    public String toString() {
        return text;
    }
}
