package org.flashsplat.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output folder of one command run. A run writes into a staging folder inside it and {@link
 * #commit}s at the end, which moves each written file or folder into place (a folder replaces the
 * old one whole, so no file of an earlier run stays mixed in); a run that fails or is cancelled
 * leaves the folder as it was, or no folder when it made it. An OS lock on {@value #LOCK} keeps a
 * second run from writing the same folder at the same time, and temporaries a killed run left
 * behind are removed when the next run takes the lock.
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file; kept (empty) after a run, like the project's, see ProjectLock. */
    public static final String LOCK = ".flashsplat-output.lock";

    private static final String STAGING = ".staging";

    private final Path folder;
    private final Path createdTop;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path staging;
    private boolean committed;

    private OutputFolder(
            Path folder, Path createdTop, FileChannel ch, FileLock lock, Path staging) {
        this.folder = folder;
        this.createdTop = createdTop;
        this.lockChannel = ch;
        this.lock = lock;
        this.staging = staging;
    }

    /**
     * Takes an output folder: made when missing, refused with a message when it is a file or
     * another run holds it.
     */
    public static OutputFolder open(Path out) throws IOException {
        Path folder = out.toAbsolutePath().normalize();
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new InputException(
                    folder, null, "is a file, not a folder; choose another output folder");
        }
        // The outermost folder this run makes, so a failed run can remove all it made.
        Path createdTop = null;
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) createdTop = p;
        try {
            Files.createDirectories(folder);
        } catch (FileSystemException e) {
            throw new InputException(folder, null, "cannot make the output folder: " + reason(e));
        }
        Path lockFile = folder.resolve(LOCK);
        if (Files.isSymbolicLink(lockFile)
                || (Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS))) {
            throw new InputException(
                    lockFile, null, "refused: a link or not a plain file; remove it and try again");
        }
        FileChannel ch;
        try {
            ch =
                    FileChannel.open(
                            lockFile,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            deleteMade(folder, createdTop);
            throw new InputException(folder, null, "cannot write here: " + reason(e));
        }
        boolean ok = false;
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new InputException(
                        folder,
                        null,
                        "another run is writing into this folder; wait for it or choose another");
            }
            ch.truncate(0);
            ch.write(
                    ByteBuffer.wrap(
                            ("pid=" + ProcessHandle.current().pid() + "\n")
                                    .getBytes(StandardCharsets.UTF_8)));
            removeStale(folder);
            Path staging = AtomicFiles.temporaryFor(folder.resolve(STAGING));
            Files.createDirectory(staging);
            ok = true;
            return new OutputFolder(folder, createdTop, ch, lock, staging);
        } finally {
            if (!ok) {
                ch.close();
                if (createdTop != null) {
                    Files.deleteIfExists(lockFile);
                    deleteMade(folder, createdTop);
                }
            }
        }
    }

    /** The output folder itself (absolute). */
    public Path folder() {
        return folder;
    }

    /** Where this run writes; laid out as the output folder will be. */
    public Path staging() {
        return staging;
    }

    /** Moves everything written into place. */
    public void commit() throws IOException {
        List<Path> written = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging)) {
            for (Path p : ds) written.add(p);
        }
        written.sort(Comparator.naturalOrder());
        for (Path p : written) {
            Path target = folder.resolve(p.getFileName().toString());
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                // A whole folder replaces the old one: files of an earlier run must not remain.
                Path aside = AtomicFiles.temporaryFor(target);
                move(target, aside);
                move(p, target);
                deleteTree(aside);
            } else {
                move(p, target);
            }
        }
        Files.delete(staging);
        AtomicFiles.syncDirectory(folder);
        committed = true;
    }

    /** Removes what an uncommitted run wrote (and the folder, when this run made it). */
    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                deleteTree(staging);
                if (createdTop != null) {
                    Files.deleteIfExists(folder.resolve(LOCK));
                    deleteMade(folder, createdTop);
                }
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /** Temporaries of killed runs: files of AtomicFiles, staging and set-aside folders. */
    private static void removeStale(Path folder) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path p : ds) if (AtomicFiles.isTemporary(p.getFileName().toString())) stale.add(p);
        }
        for (Path p : stale) deleteTree(p);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a folder with what it holds; links are removed, never followed. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) { // Files.walk does not follow links by default
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) Files.deleteIfExists(p);
    }

    /** Removes the folders from {@code folder} up to {@code top} that are empty. */
    private static void deleteMade(Path folder, Path top) {
        if (top == null) return;
        for (Path p = folder; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty (someone else wrote there): leave it
            }
        }
    }

    /** A file system error in words, without exception class names. */
    public static String reason(FileSystemException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "already exists";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.NotDirectoryException) return "not a folder";
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "folder not empty";
        return e.getReason() != null ? e.getReason() : "file system error";
    }
}
