package org.flashsplat.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.flashsplat.core.InputException;

/**
 * Brings older project files up to the current schema, one version at a time, on the JSON tree
 * (before binding), so each step only needs to know its two neighbours.
 *
 * <p>Version 1 (the first studio) was flat: {@code version}, {@code scene}, {@code cameras}, {@code
 * masks}, {@code gamma}, {@code norm} ("l1"/"l2"), {@code tau}, {@code objects} with {@code label}
 * and {@code color} as [r, g, b], {@code associations} with {@code mask_id} and {@code object}, and
 * {@code edited_masks} as a list of view names whose PNG was {@code edited_masks/<view>.png}.
 * Version 2 groups inputs and settings, names colours {@code #rrggbb}, calls ids {@code id}, {@code
 * local_id} and {@code instance}, and maps each edited view to its file (edited masks are written
 * under new names, never over a file the saved project still uses).
 */
final class Migrations {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final java.util.Set<String> V1_FIELDS =
            java.util.Set.of(
                    "version",
                    "scene",
                    "cameras",
                    "masks",
                    "images",
                    "gamma",
                    "norm",
                    "tau",
                    "objects",
                    "associations",
                    "edited_masks");

    private Migrations() {}

    /** The schema version a file declares; a file without one is version 1. */
    static int versionOf(ObjectNode root, Path file) {
        JsonNode v = root.has("schema_version") ? root.get("schema_version") : root.get("version");
        if (v == null) return 1;
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new InputException(file, "schema_version", "not a schema version: " + v);
        }
        return v.asInt();
    }

    static ObjectNode migrate(ObjectNode root, int from, Path file, List<String> warnings) {
        ObjectNode n = root;
        if (from == 1) {
            for (var it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!V1_FIELDS.contains(k)) {
                    warnings.add(file.getFileName() + ": unknown field \"" + k + "\" ignored");
                }
            }
            n = v1ToV2(n, file);
            warnings.add(
                    file.getFileName()
                            + ": migrated from schema 1 to "
                            + ProjectData.SCHEMA_VERSION
                            + " (saved in the new form on the next save)");
        }
        return n;
    }

    private static ObjectNode v1ToV2(ObjectNode v1, Path file) {
        ObjectNode v2 = F.objectNode();
        v2.put("schema_version", 2);
        ObjectNode inputs = v2.putObject("inputs");
        for (String k : new String[] {"scene", "cameras", "masks", "images"}) {
            if (v1.hasNonNull(k)) inputs.set(k, v1.get(k));
        }
        ObjectNode settings = v2.putObject("settings");
        settings.set("gamma", v1.hasNonNull("gamma") ? v1.get("gamma") : F.numberNode(0.0));
        String norm = v1.hasNonNull("norm") ? v1.get("norm").asText() : "l1";
        settings.put("normalisation", norm.toUpperCase(Locale.ROOT));
        settings.set("tau", v1.hasNonNull("tau") ? v1.get("tau") : F.numberNode(0.5));
        ArrayNode objects = v2.putArray("objects");
        int i = 0;
        for (JsonNode o : iterable(v1.get("objects"))) {
            ObjectNode out = objects.addObject();
            out.set("id", o.get("label"));
            if (o.hasNonNull("name")) out.set("name", o.get("name"));
            JsonNode c = o.get("color");
            if (c != null && c.isArray() && c.size() == 3) {
                int rgb = 0;
                for (JsonNode ch : c) {
                    int v = ch.asInt(-1);
                    if (v < 0 || v > 255) {
                        throw new InputException(file, "objects[" + i + "].color", "not 0..255");
                    }
                    rgb = rgb << 8 | v;
                }
                out.put("colour", ProjectData.ObjectInfo.hex(rgb));
            }
            if (o.hasNonNull("gamma")) out.set("gamma", o.get("gamma"));
            i++;
        }
        ArrayNode entries = v2.putObject("association").putArray("entries");
        for (JsonNode a : iterable(v1.get("associations"))) {
            ObjectNode e = entries.addObject();
            e.set("view", a.get("view"));
            e.set("local_id", a.get("mask_id"));
            e.set("instance", a.get("object"));
        }
        ObjectNode edited = v2.putObject("edited_masks");
        for (JsonNode view : iterable(v1.get("edited_masks"))) {
            edited.put(view.asText(), "edited_masks/" + view.asText() + ".png");
        }
        return v2;
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n != null && n.isArray() ? n : List.of();
    }
}
