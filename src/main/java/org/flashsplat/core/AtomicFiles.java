package org.flashsplat.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every file the project writes goes through here: written to a temporary file beside the target,
 * synced, then renamed over it, so a crash leaves either the old file or the new one, never half of
 * one.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Something that writes a whole file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Names of our temporaries: {@code .<name>.<random base 36>.tmp}. */
    private static final java.util.regex.Pattern TEMPORARY =
            java.util.regex.Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.tmp");

    /** A fresh temporary name beside {@code target}, of the form {@link #isTemporary} knows. */
    public static Path temporaryFor(Path target) {
        return target.toAbsolutePath()
                .resolveSibling(
                        "."
                                + target.getFileName()
                                + "."
                                + Long.toUnsignedString(RANDOM.nextLong(), 36)
                                + ".tmp");
    }

    /** Whether a file name is one of our temporaries (left behind when a run was killed). */
    public static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * Deletes the temporary files (not folders, not other names) a killed run left in {@code dir}.
     * The caller must hold the lock that keeps other runs from writing there right now. Links are
     * removed themselves, never followed.
     */
    public static void removeStaleTemporaries(Path dir) throws IOException {
        try (java.nio.file.DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : ds) {
                if (isTemporary(f.getFileName().toString())
                        && !Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the mode survives the
        // rename, so exports would not be readable by others. A new file gets the usual umask mode.
        Path tmp = temporaryFor(target);
        boolean done = false;
        try {
            try (FileChannel ch =
                            FileChannel.open(
                                    tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream raw = Channels.newOutputStream(ch);
                    OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /**
     * Flushes a directory's entries, so a rename survives a power cut and not just a crash. Works
     * on Linux and macOS; where a directory cannot be opened (Windows) the rename is already
     * durable enough, so failure is ignored.
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: nothing more to do
        }
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
