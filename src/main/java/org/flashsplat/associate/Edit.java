package org.flashsplat.associate;

import java.util.List;
import java.util.Set;

/**
 * A change the user asks of an {@link AssociationTable}. An edit only names its intent; the table
 * turns it into a {@link Change} (the rows and instances before and after) when it is applied, and
 * that diff is what undo and redo replay, so an edit costs memory in proportion to what it touched.
 */
public sealed interface Edit {
    /** Moves every mask of the {@code sources} into {@code target} and drops the sources. */
    record Merge(int target, Set<Integer> sources) implements Edit {
        public Merge {
            sources = Set.copyOf(sources);
        }
    }

    /**
     * Moves these masks (all of {@code instance}) to a new instance named {@code name} (null: the
     * default name).
     */
    record Split(int instance, List<MaskKey> masks, String name) implements Edit {
        public Split {
            masks = List.copyOf(masks);
        }
    }

    /**
     * Makes a sub-instance ({@link MaskAssignment#part()}) of {@code instance} an instance of its
     * own, named {@code name} (null: the default name): the masks of that part move to it.
     */
    record SplitPart(int instance, int part, String name) implements Edit {}

    /** Gives these masks to instance {@code target}; 0 leaves them unassigned. */
    record Reassign(List<MaskKey> masks, int target) implements Edit {
        public Reassign {
            masks = List.copyOf(masks);
        }
    }

    /** Drops an instance; its masks become unassigned (background in the associated masks). */
    record Delete(int instance) implements Edit {}

    record Rename(int instance, String name) implements Edit {}

    /** New colour, packed 0xRRGGBB. */
    record Recolour(int instance, int colour) implements Edit {}

    /**
     * What an applied edit changed: the rows and instances it replaced and the ones it put in their
     * place.
     */
    record Change(
            String description,
            List<MaskAssignment> before,
            List<MaskAssignment> after,
            List<Instance> removed,
            List<Instance> added) {
        public Change {
            before = List.copyOf(before);
            after = List.copyOf(after);
            removed = List.copyOf(removed);
            added = List.copyOf(added);
        }

        Change inverse() {
            return new Change(description, after, before, added, removed);
        }
    }
}
