package org.flashsplat.associate;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Turns an {@link Edit} into the {@link Edit.Change} it makes to a table, checking it first. */
final class EditPlanner {
    private EditPlanner() {}

    static Edit.Change plan(AssociationTable t, Edit edit) {
        return switch (edit) {
            case Edit.Merge e -> merge(t, e);
            case Edit.Split e -> split(t, e);
            case Edit.SplitPart e -> {
                Instance i = existing(t, e.instance());
                List<MaskKey> masks = t.partMembers(i.id(), e.part());
                if (masks.isEmpty())
                    throw new IllegalArgumentException(i.name() + " has no part " + e.part());
                yield split(t, new Edit.Split(i.id(), masks, e.name()));
            }
            case Edit.Reassign e -> reassign(t, e);
            case Edit.Delete e -> {
                Instance i = existing(t, e.instance());
                List<MaskAssignment> before = rows(t, t.members(i.id()));
                yield new Edit.Change(
                        "delete " + i.name(), before, moved(before, 0), List.of(i), List.of());
            }
            case Edit.Rename e -> {
                Instance i = existing(t, e.instance());
                Instance n = i.withName(e.name());
                yield new Edit.Change(
                        "rename " + i.name() + " to " + n.name(),
                        List.of(),
                        List.of(),
                        List.of(i),
                        List.of(n));
            }
            case Edit.Recolour e -> {
                Instance i = existing(t, e.instance());
                yield new Edit.Change(
                        "recolour " + i.name(),
                        List.of(),
                        List.of(),
                        List.of(i),
                        List.of(i.withColour(e.colour())));
            }
        };
    }

    private static Edit.Change merge(AssociationTable t, Edit.Merge e) {
        Instance target = existing(t, e.target());
        if (e.sources().isEmpty()) throw new IllegalArgumentException("nothing to merge");
        List<Instance> gone = new ArrayList<>();
        List<MaskKey> keys = new ArrayList<>();
        for (int id : e.sources().stream().sorted().toList()) {
            if (id == e.target())
                throw new IllegalArgumentException(
                        "cannot merge " + target.name() + " into itself");
            gone.add(existing(t, id));
            keys.addAll(t.members(id));
        }
        keys.sort(null);
        List<MaskAssignment> before = rows(t, keys);
        String names = String.join(", ", gone.stream().map(Instance::name).toList());
        return new Edit.Change(
                "merge " + names + " into " + target.name(),
                before,
                moved(before, target.id(), true),
                gone,
                List.of());
    }

    private static Edit.Change split(AssociationTable t, Edit.Split e) {
        Instance from = existing(t, e.instance());
        if (e.masks().isEmpty()) throw new IllegalArgumentException("no mask to split off");
        List<MaskAssignment> before = rows(t, e.masks());
        for (MaskAssignment m : before) {
            if (m.instance() != from.id())
                throw new IllegalArgumentException(
                        "mask " + m.local() + " of view " + m.view() + " is not in " + from.name());
        }
        Instance made = Instance.of(t.nextId());
        if (e.name() != null) made = made.withName(e.name());
        return new Edit.Change(
                "split " + made.name() + " off " + from.name(),
                before,
                moved(before, made.id()),
                List.of(),
                List.of(made));
    }

    private static Edit.Change reassign(AssociationTable t, Edit.Reassign e) {
        String to = e.target() == 0 ? "no instance" : existing(t, e.target()).name();
        if (e.masks().isEmpty()) throw new IllegalArgumentException("no mask to reassign");
        List<MaskAssignment> before = rows(t, e.masks());
        return new Edit.Change(
                "give " + before.size() + (before.size() == 1 ? " mask to " : " masks to ") + to,
                before,
                moved(before, e.target()),
                List.of(),
                List.of());
    }

    private static Instance existing(AssociationTable t, int id) {
        Instance i = t.instance(id);
        if (i == null) throw new IllegalArgumentException("no instance " + id);
        return i;
    }

    private static List<MaskAssignment> rows(AssociationTable t, List<MaskKey> keys) {
        List<MaskAssignment> out = new ArrayList<>(keys.size());
        java.util.Set<MaskKey> seen = new java.util.HashSet<>();
        for (MaskKey k : keys) {
            MaskAssignment m = t.get(k);
            if (m == null)
                throw new IllegalArgumentException(
                        "view " + k.view() + " has no local mask " + k.local());
            if (seen.add(k)) out.add(m);
        }
        return out;
    }

    /** The rows given to {@code id} by hand, parts dropped. */
    private static List<MaskAssignment> moved(List<MaskAssignment> before, int id) {
        return moved(before, id, false);
    }

    /**
     * The rows given to {@code id} by hand: the user is sure, so confidence 1. A merge keeps the
     * parts (they are parts of the merged object too); a split, reassign or delete makes the moved
     * masks part of nothing.
     */
    private static List<MaskAssignment> moved(
            List<MaskAssignment> before, int id, boolean keepParts) {
        List<MaskAssignment> out = new ArrayList<>(before.size());
        for (MaskAssignment m : before) {
            Set<MaskFlag> f = EnumSet.of(MaskFlag.EDITED);
            for (MaskFlag x : m.flags()) if (x == MaskFlag.SMALL || x == MaskFlag.UNSEEN) f.add(x);
            out.add(keepParts ? m.withKeepingPart(id, 1.0, f) : m.with(id, 1.0, f));
        }
        return out;
    }
}
