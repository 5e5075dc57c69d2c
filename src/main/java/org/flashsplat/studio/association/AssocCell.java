package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.flashsplat.associate.MaskFlag;
import org.flashsplat.associate.MaskKey;

/**
 * One local mask in an instance's row of the association view.
 *
 * @param sameView how many masks of this view the instance holds (over 1 is a conflict: one object
 *     should be one mask per view)
 * @param low confidence below the view model's threshold
 * @param part the part of the instance the mask shows (0: the instance itself; see {@link
 *     org.flashsplat.associate.MaskAssignment#part()})
 */
public record AssocCell(
        int view,
        int local,
        String viewName,
        int area,
        int instance,
        double confidence,
        Set<MaskFlag> flags,
        int sameView,
        boolean low,
        int part) {

    public MaskKey key() {
        return new MaskKey(view, local);
    }

    /** Two or more masks of one view in one instance. */
    public boolean conflict() {
        return sameView > 1;
    }

    /** Every reason the cell deserves a look, one per line; empty when none. */
    public String why() {
        List<String> out = new ArrayList<>();
        if (conflict())
            out.add(
                    sameView
                            + " masks of "
                            + viewName
                            + " in this instance (one object, one mask)");
        if (low) out.add(String.format(Locale.ROOT, "low confidence %.2f", confidence));
        if (part != 0) out.add("part " + part + " of this instance");
        if (flags.contains(MaskFlag.UNDER_SEGMENTED)) out.add("covers two instances");
        if (flags.contains(MaskFlag.SINGLE_VIEW)) out.add("its instance is seen in one view only");
        if (flags.contains(MaskFlag.SMALL)) out.add("below the minimum area: not associated");
        if (flags.contains(MaskFlag.UNSEEN)) out.add("covers no Gaussian: not associated");
        return String.join("\n", out);
    }

    /** The tooltip: which mask it is, then {@link #why}. */
    public String describe() {
        String head =
                String.format(
                        Locale.ROOT,
                        "%s, mask %d: %d px, confidence %.2f%s",
                        viewName,
                        local,
                        area,
                        confidence,
                        flags.contains(MaskFlag.EDITED) ? " (edited)" : "");
        String w = why();
        return w.isEmpty() ? head : head + "\n" + w;
    }
}
