package org.flashsplat.scene;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a vertex table in a chosen scene form. */
public final class SceneWriter {
    private SceneWriter() {}

    /**
     * Writes atomically. PLY keeps every property; the compressed forms keep the Gaussian
     * parameters only.
     */
    public static void write(Path file, VertexTable table, SceneFormat format) throws IOException {
        switch (format) {
            case PLY -> PlyWriter.write(file, table);
            case COMPRESSED_PLY -> CompressedPlyWriter.write(file, table);
            case SPZ -> SpzWriter.write(file, table);
            default -> throw new IllegalArgumentException(format + " cannot be written");
        }
    }

    /**
     * The form to export a scene read from {@code source} in: its own, or PLY when not writable.
     */
    public static SceneFormat exportFormat(Path source) {
        try {
            SceneFormat f = source == null ? SceneFormat.PLY : SceneFormat.detect(source);
            return f.writable() ? f : SceneFormat.PLY;
        } catch (IOException e) {
            return SceneFormat.PLY;
        }
    }
}
