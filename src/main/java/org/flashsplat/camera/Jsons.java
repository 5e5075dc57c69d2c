package org.flashsplat.camera;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.flashsplat.core.InputException;

/** Reads a JSON file, with parse errors as one line naming the file and place. */
final class Jsons {
    private Jsons() {}

    static JsonNode read(Path file) throws IOException {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String place =
                    loc == null
                            ? null
                            : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new InputException(
                    file, place, "not valid JSON: " + org.flashsplat.core.Json.problem(e));
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new InputException(file, null, "no such file");
        }
    }
}
