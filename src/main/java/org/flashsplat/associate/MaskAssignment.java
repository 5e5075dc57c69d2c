package org.flashsplat.associate;

import java.util.EnumSet;
import java.util.Set;

/**
 * One row of the association table: local mask {@code local} of view {@code view} shows global
 * instance {@code instance} (0: none).
 *
 * @param confidence in [0, 1]: how clearly the other views' masks agree (see {@link Associator})
 * @param part the sub-instance of {@code instance} the mask shows (0: none, the mask is of the
 *     instance itself): a part of an object that the association merged into its whole (see {@link
 *     Hierarchy}). Part numbers are unique within a table; the masks of one part can be split out
 *     to an instance of their own ({@link Edit.SplitPart}). Labels and lifts use {@code instance}
 *     only.
 */
public record MaskAssignment(
        int view,
        int local,
        int area,
        int instance,
        double confidence,
        Set<MaskFlag> flags,
        int part) {
    public MaskAssignment {
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence " + confidence + " outside [0, 1]");
        }
        if (part < 0) throw new IllegalArgumentException("part " + part);
        if (part != 0 && instance == 0)
            throw new IllegalArgumentException("part " + part + " of no instance");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** A row of no part. */
    public MaskAssignment(
            int view, int local, int area, int instance, double confidence, Set<MaskFlag> flags) {
        this(view, local, area, instance, confidence, flags, 0);
    }

    public boolean has(MaskFlag f) {
        return flags.contains(f);
    }

    /** The row in another instance, as a part of none (a part belongs to its whole). */
    public MaskAssignment withInstance(int id) {
        return new MaskAssignment(view, local, area, id, confidence, flags);
    }

    /** The row in another instance, as a part of none. */
    public MaskAssignment with(int id, double conf, Set<MaskFlag> newFlags) {
        return new MaskAssignment(view, local, area, id, conf, newFlags);
    }

    /** The row in another instance, keeping its part (a merge takes whole and parts along). */
    MaskAssignment withKeepingPart(int id, double conf, Set<MaskFlag> newFlags) {
        return new MaskAssignment(view, local, area, id, conf, newFlags, id == 0 ? 0 : part);
    }
}
