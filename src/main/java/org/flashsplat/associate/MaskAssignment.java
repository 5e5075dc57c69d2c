package org.flashsplat.associate;

import java.util.EnumSet;
import java.util.Set;

/**
 * One row of the association table: local mask {@code local} of view {@code view} shows global
 * instance {@code instance} (0: none).
 *
 * @param confidence in [0, 1]: how clearly the other views' masks agree (see {@link Associator})
 */
public record MaskAssignment(
        int view, int local, int area, int instance, double confidence, Set<MaskFlag> flags) {
    public MaskAssignment {
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence " + confidence + " outside [0, 1]");
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    public boolean has(MaskFlag f) {
        return flags.contains(f);
    }

    public MaskAssignment withInstance(int id) {
        return new MaskAssignment(view, local, area, id, confidence, flags);
    }

    public MaskAssignment with(int id, double conf, Set<MaskFlag> newFlags) {
        return new MaskAssignment(view, local, area, id, conf, newFlags);
    }
}
