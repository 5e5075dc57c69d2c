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
