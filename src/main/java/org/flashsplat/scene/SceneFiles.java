package org.flashsplat.scene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flashsplat.core.InputException;

/**
 * Opens a scene in any of its forms ({@link SceneFormat}) as the Inria PLY layout, so everything
 * downstream (forward pass, exports, studio) sees one kind of scene.
 */
public final class SceneFiles {
    private SceneFiles() {}

    /**
     * A scene file decoded to a vertex table.
     *
     * @param form the form in words, e.g. "SPZ version 4"
     * @param quantised what the form stores with reduced precision (empty for PLY)
     */
    public record Decoded(
            VertexTable table,
            SceneFormat format,
            String form,
            List<String> quantised,
            List<String> warnings) {
        public Decoded {
            quantised = List.copyOf(quantised);
            warnings = List.copyOf(warnings);
        }
    }

    /** Decodes a scene file (or SOG folder) of any supported form. */
    public static Decoded decode(Path path) throws IOException {
        if (!Files.exists(path)) throw new InputException(path, null, "no such file or folder");
        SceneFormat f = SceneFormat.detect(path);
        return switch (f) {
            case PLY -> {
                PlyReader.Result r = PlyReader.readFull(path);
                yield new Decoded(
                        r.table(), f, r.header().format().headerName, List.of(), r.warnings());
            }
            case COMPRESSED_PLY -> CompressedPlyReader.read(path);
            case SPZ -> SpzReader.read(path);
            case SOG -> SogReader.read(path);
            case SPLAT -> SplatReader.read(path);
        };
    }

    /** Reads a scene of any supported form, checked and activated by {@link GaussianScene#of}. */
    public static GaussianScene readScene(Path path) throws IOException {
        Decoded d = decode(path);
        return GaussianScene.of(d.table(), path, d.warnings());
    }
}
