package org.flashsplat.associate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Json;
import org.flashsplat.core.Limits;

/**
 * {@code association.json}: the instances (id, name, colour) and, per view, every local mask with
 * its instance (0: none), confidence and flags. Written atomically through {@link Json}.
 *
 * <p>Parts: a mask that shows a sub-instance of its instance (a part the association merged into
 * its whole, {@link MaskAssignment#part()}) carries {@code "part": N}, and the instance lists its
 * parts ({@code "parts"}: id, masks, views). Both are left out when there are none, so files
 * without parts, and files written before parts existed, read the same (part 0).
 */
public final class AssociationJson {
    public static final String FORMAT = "flashsplat-association";
    public static final int VERSION = 1;

    private AssociationJson() {}

    public static void write(Path file, AssociationTable t, AssociationParams params)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        if (params != null) {
            // LinkedHashMap, not Map.of: Map.of's order changes from run to run
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("min_area", params.minArea());
            p.put("join", params.join());
            p.put("flag", params.flag());
            p.put("strength", params.strength());
            root.put("params", p);
        }
        List<Object> inst = new ArrayList<>();
        for (Instance i : t.instances()) {
            List<MaskKey> members = t.members(i.id());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", i.id());
            o.put("name", i.name());
            o.put("colour", i.hex());
            o.put("masks", members.size());
            o.put("views", members.stream().mapToInt(MaskKey::view).distinct().count());
            List<Object> parts = new ArrayList<>();
            for (int part : t.parts(i.id())) {
                List<MaskKey> pm = t.partMembers(i.id(), part);
                Map<String, Object> po = new LinkedHashMap<>();
                po.put("id", part);
                po.put("masks", pm.size());
                po.put("views", pm.stream().mapToInt(MaskKey::view).distinct().count());
                parts.add(po);
            }
            if (!parts.isEmpty()) o.put("parts", parts);
            inst.add(o);
        }
        root.put("instances", inst);
        List<Object> views = new ArrayList<>();
        for (int v = 0; v < t.views().size(); v++) {
            List<Object> masks = new ArrayList<>();
            for (MaskAssignment m : t.masks(v)) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("local", m.local());
                o.put("area", m.area());
                o.put("instance", m.instance());
                if (m.part() != 0) o.put("part", m.part());
                o.put("confidence", Math.round(m.confidence() * 1e4) / 1e4);
                // TreeSet: enum order, so the file does not depend on hashing
                o.put(
                        "flags",
                        new java.util.TreeSet<>(m.flags())
                                .stream().map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
                masks.add(o);
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", t.views().get(v));
            view.put("masks", masks);
            views.add(view);
        }
        root.put("views", views);
        Json.write(file, root);
    }

    /** Reads a table back (without its undo history). */
    public static AssociationTable read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            String place =
                    at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(file, place, "not valid JSON: " + Json.problem(e), e);
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new InputException(file, "format", "not a " + FORMAT + " file");
        }
        if (root.path("version").asInt() != VERSION) {
            throw new InputException(file, "version", "unsupported version " + root.get("version"));
        }
        try {
            List<Instance> instances = new ArrayList<>();
            for (JsonNode o : root.path("instances")) {
                instances.add(
                        new Instance(
                                id(file, "instances", need(o, "id")),
                                need(o, "name").asText(),
                                Integer.parseInt(need(o, "colour").asText().replace("#", ""), 16)));
            }
            List<String> names = new ArrayList<>();
            List<MaskAssignment> rows = new ArrayList<>();
            int v = 0;
            for (JsonNode view : root.path("views")) {
                names.add(need(view, "name").asText());
                for (JsonNode m : view.path("masks")) {
                    Set<MaskFlag> flags = EnumSet.noneOf(MaskFlag.class);
                    for (JsonNode f : m.path("flags")) flags.add(flag(f.asText()));
                    rows.add(
                            new MaskAssignment(
                                    v,
                                    id(file, "views[" + v + "].masks", need(m, "local")),
                                    m.path("area").asInt(),
                                    id(file, "views[" + v + "].masks", need(m, "instance")),
                                    m.path("confidence").asDouble(),
                                    flags,
                                    m.has("part")
                                            ? id(file, "views[" + v + "].masks", m.get("part"))
                                            : 0));
                }
                v++;
            }
            return new AssociationTable(names, rows, instances);
        } catch (IllegalArgumentException e) {
            throw new InputException(file, null, "inconsistent association: " + e.getMessage(), e);
        }
    }

    /** An ID from the file, capped before anything is sized by it. */
    private static int id(Path file, String place, JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new InputException(file, place, "ID " + n + " is not an integer");
        }
        return Limits.labelId(file, place, n.asLong());
    }

    private static MaskFlag flag(String text) {
        for (MaskFlag f : MaskFlag.values()) {
            if (f.name().equalsIgnoreCase(text)) return f;
        }
        throw new IllegalArgumentException("unknown mask flag \"" + text + "\"");
    }

    private static JsonNode need(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) throw new IllegalArgumentException("missing '" + field + "'");
        return n;
    }
}
