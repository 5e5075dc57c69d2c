package org.flashsplat.scene;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The forms a Gaussian scene comes in. Told apart by content where the format has a signature (a
 * compressed PLY is also a ".ply"), by name where it has none ({@code .splat}).
 */
public enum SceneFormat {
    /** The Inria 3DGS PLY: one float property per parameter. */
    PLY("ply", ".ply"),
    /** PlayCanvas/SuperSplat chunked PLY: 256-Gaussian chunks with packed 32-bit words. */
    COMPRESSED_PLY("compressed-ply", ".compressed.ply"),
    /** Niantic SPZ, versions 1-4 (gzip stream, or zstd streams from version 4). */
    SPZ("spz", ".spz"),
    /** PlayCanvas SOG: meta.json and lossless WebP textures, in a folder or a zip bundle. */
    SOG("sog", ".sog"),
    /** antimatter15 .splat: 32 bytes per Gaussian, no SH. */
    SPLAT("splat", ".splat");

    /** The name {@code --format} takes. */
    public final String option;

    /** The file name ending it is written with. */
    public final String extension;

    SceneFormat(String option, String extension) {
        this.option = option;
        this.extension = extension;
    }

    /** Whether the export writers can write this form. */
    public boolean writable() {
        return this == PLY || this == COMPRESSED_PLY || this == SPZ;
    }

    /** The format named by {@code --format} (its option name or extension), or null. */
    public static SceneFormat parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (SceneFormat f : values()) {
            if (f.option.equals(n) || f.extension.equals(n) || f.extension.equals("." + n)) {
                return f;
            }
        }
        return null;
    }

    /** {@code name} with its scene ending (".ply", ".compressed.ply", ...) replaced by ours. */
    public String rename(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".compressed.ply", ".ply", ".spz", ".sog", ".splat"}) {
            if (lower.endsWith(ext))
                return name.substring(0, name.length() - ext.length()) + extension;
        }
        return name + extension;
    }

    /** Whether a path looks like a scene in one of the non-PLY forms (by name or signature). */
    public static boolean isOtherForm(Path path) throws IOException {
        return Files.exists(path) && detect(path) != PLY;
    }

    /**
     * The form of the scene at {@code path}: a folder with meta.json is SOG; a file by its first
     * bytes (NGSP or gzip: SPZ; zip: SOG bundle; "ply": PLY, compressed when its header has the
     * chunk element and packed vertex words), else by its name.
     */
    public static SceneFormat detect(Path path) throws IOException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("meta.json")) ? SOG : PLY;
        }
        if (lower.endsWith("meta.json")) return SOG;
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(4);
        }
        if (head.length >= 4
                && head[0] == 'N'
                && head[1] == 'G'
                && head[2] == 'S'
                && head[3] == 'P') {
            return SPZ;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return SPZ;
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return SOG;
        }
        if (head.length >= 3 && head[0] == 'p' && head[1] == 'l' && head[2] == 'y') {
            return CompressedPlyReader.isCompressed(PlyReader.readHeader(path))
                    ? COMPRESSED_PLY
                    : PLY;
        }
        if (lower.endsWith(".splat")) return SPLAT;
        if (lower.endsWith(".spz")) return SPZ;
        if (lower.endsWith(".sog")) return SOG;
        return PLY;
    }
}
