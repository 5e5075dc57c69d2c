package org.flashsplat.studio.association;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flashsplat.associate.AssociationTable;
import org.flashsplat.associate.Instance;
import org.flashsplat.associate.MaskAssignment;
import org.flashsplat.associate.MaskFlag;
import org.flashsplat.project.ProjectData;

/**
 * The association table as a project stores it ({@link ProjectData.Association}: every local mask
 * with its instance, area, confidence and flags, and the instances with their names and colours),
 * and back. The local masks themselves stay where they are: the project's {@code inputs.masks}
 * names their folder.
 */
public final class AssociationState {
    private AssociationState() {}

    public static ProjectData.Association of(AssociationTable t) {
        List<ProjectData.Association.Entry> entries = new ArrayList<>();
        for (MaskAssignment m : t.allMasks()) {
            List<String> flags = new ArrayList<>();
            for (MaskFlag f : new java.util.TreeSet<>(m.flags())) // enum order: stable files
            flags.add(f.name().toLowerCase(Locale.ROOT));
            entries.add(
                    new ProjectData.Association.Entry(
                            t.views().get(m.view()),
                            m.local(),
                            m.instance(),
                            m.area(),
                            m.confidence(),
                            flags,
                            m.part() == 0 ? null : m.part()));
        }
        List<ProjectData.ObjectInfo> instances = new ArrayList<>();
        for (Instance i : t.instances())
            instances.add(new ProjectData.ObjectInfo(i.id(), i.name(), i.hex(), null));
        return new ProjectData.Association(entries, instances);
    }

    /**
     * The table a project stores, over the views {@code views} (camera names by index); entries of
     * views not among them are left out. Without stored instances (a project made by the CLI) the
     * instances are the objects the entries name, with the objects' names and colours.
     *
     * @return null when the project has no association
     */
    public static AssociationTable table(ProjectData data, List<String> views) {
        ProjectData.Association a = data.association();
        if (a.entries().isEmpty()) return null;
        Map<String, Integer> index = new HashMap<>();
        for (int v = 0; v < views.size(); v++) index.put(views.get(v), v);
        List<Instance> instances = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        if (!a.instances().isEmpty()) {
            for (ProjectData.ObjectInfo o : a.instances()) {
                instances.add(new Instance(o.id(), o.name(), o.rgb()));
                ids.add(o.id());
            }
        } else {
            for (ProjectData.Association.Entry e : a.entries()) {
                if (e.instance() == 0 || !ids.add(e.instance())) continue;
                ProjectData.ObjectInfo o = data.object(e.instance());
                instances.add(
                        o == null || o.name().isBlank()
                                ? Instance.of(e.instance())
                                : new Instance(o.id(), o.name(), o.rgb()));
            }
        }
        List<MaskAssignment> masks = new ArrayList<>();
        for (ProjectData.Association.Entry e : a.entries()) {
            Integer v = index.get(e.view());
            if (v == null) continue;
            Set<MaskFlag> flags = EnumSet.noneOf(MaskFlag.class);
            if (e.flags() != null)
                for (String f : e.flags()) {
                    try {
                        flags.add(MaskFlag.valueOf(f.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException unknown) {
                        // a flag of a newer studio: not shown here
                    }
                }
            masks.add(
                    new MaskAssignment(
                            v,
                            e.localId(),
                            e.area() == null ? 0 : e.area(),
                            ids.contains(e.instance()) ? e.instance() : 0,
                            e.confidence() == null ? 1.0 : e.confidence(),
                            flags,
                            e.part() == null || !ids.contains(e.instance()) ? 0 : e.part()));
        }
        return new AssociationTable(views, masks, instances);
    }
}
