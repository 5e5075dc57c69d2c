package org.flashsplat.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** The project's one JSON mapper: indented output, written atomically. */
public final class Json {
    public static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * What is wrong in a JSON file, in the parser's words but without its internals (feature names,
     * "[Source: ...]" locations): the message names the file and line already.
     */
    public static String problem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) return "malformed JSON";
        m =
                m.replaceAll(
                        "\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        m = m.replaceAll("\\[Source: [^\\]]*\\]", "");
        m = m.replaceAll(":? *enable `[^`]*` to allow", "");
        m =
                m.replaceAll(
                        " *\\(not recognized as one since Feature '\\w+' not enabled for parser\\)",
                        "");
        m =
                m.replaceAll(
                        "`?\\b(?:JsonReadFeature|StreamReadFeature|JsonParser\\.Feature)\\.\\w+`?",
                        "");
        m = m.replaceAll(" *\\(but could be if [^)]*\\)", "");
        m = m.replaceAll("\\b(?:com|java)\\.[\\w.$]+", "");
        return m.strip();
    }

    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        AtomicFiles.write(
                file,
                out -> {
                    out.write(bytes);
                    out.write('\n');
                });
    }
}
