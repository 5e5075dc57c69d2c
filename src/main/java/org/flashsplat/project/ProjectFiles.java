package org.flashsplat.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.InputException;

/**
 * Reads and writes {@code project.json}. A project file is data, never code: the mapper has no
 * default typing and the records name no subtypes, so a file cannot make us build arbitrary
 * classes; unknown fields are skipped with a warning (a newer studio may add some); the file size
 * and the parser's limits are checked before anything large is allocated.
 */
public final class ProjectFiles {
    /** Far above any real project (a million association entries is ~60 MB). */
    public static final long MAX_BYTES = 256L << 20;

    static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    // An object ID of 1.5 is a broken file, not object 1.
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(64)
                                .maxStringLength(1 << 20)
                                .maxNumberLength(100)
                                .build());
    }

    private ProjectFiles() {}

    /**
     * Reads a project (or autosave) file, migrating older schemas.
     *
     * @param warnings receives one line per unknown field and per migration step
     * @throws InputException when the file is missing, too large, not JSON, from a newer schema, or
     *     holds invalid values
     */
    public static ProjectData read(Path file, List<String> warnings) {
        JsonNode root = readTree(file);
        if (!(root instanceof ObjectNode obj)) {
            throw new InputException(
                    file, null, "not a FlashSplat project (expected a JSON object)");
        }
        int version = Migrations.versionOf(obj, file);
        if (version > ProjectData.SCHEMA_VERSION) {
            throw new InputException(
                    file,
                    "schema_version",
                    "written by a newer FlashSplat Studio (schema "
                            + version
                            + "; this one reads up to "
                            + ProjectData.SCHEMA_VERSION
                            + ")");
        }
        ObjectNode current = Migrations.migrate(obj, version, file, warnings);
        try {
            return MAPPER.readerFor(ProjectData.class)
                    .withHandler(new Unknown(file, warnings))
                    .readValue(current);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String msg =
                    cause instanceof IllegalArgumentException
                            ? cause.getMessage()
                            : org.flashsplat.core.Json.problem(e);
            throw new InputException(file, place(e), "invalid project: " + msg);
        } catch (IOException e) {
            throw new InputException(file, null, "invalid project: " + e.getMessage());
        }
    }

    /** Writes a project file atomically (temp file, fsync, rename, directory fsync). */
    public static void write(Path file, ProjectData data) throws IOException {
        byte[] bytes = toBytes(data);
        AtomicFiles.writeBytes(file, bytes);
    }

    static byte[] toBytes(ProjectData data) throws JsonProcessingException {
        byte[] json = MAPPER.writeValueAsBytes(data);
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    private static JsonNode readTree(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InputException(
                        file,
                        null,
                        "project file of " + size + " bytes is too large (over 256 MB)");
            }
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String place =
                    loc == null
                            ? null
                            : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InputException(
                    file, place, "not valid JSON: " + org.flashsplat.core.Json.problem(e));
        } catch (NoSuchFileException e) {
            throw new InputException(file, null, "no such file");
        } catch (IOException e) {
            throw new InputException(file, null, "cannot read: " + e.getMessage());
        }
    }

    private static String place(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Skips unknown fields, noting each one, instead of failing or guessing. */
    private static final class Unknown extends DeserializationProblemHandler {
        private final Path file;
        private final List<String> warnings;

        Unknown(Path file, List<String> warnings) {
            this.file = file;
            this.warnings = warnings;
        }

        @Override
        public boolean handleUnknownProperty(
                DeserializationContext ctxt,
                JsonParser p,
                JsonDeserializer<?> deserializer,
                Object beanOrClass,
                String propertyName)
                throws IOException {
            String where = beanOrClass instanceof Class<?> c ? c.getSimpleName() : "ProjectData";
            warnings.add(
                    file.getFileName()
                            + ": unknown field \""
                            + propertyName
                            + "\" in "
                            + where
                            + " ignored");
            p.skipChildren();
            return true;
        }
    }
}
