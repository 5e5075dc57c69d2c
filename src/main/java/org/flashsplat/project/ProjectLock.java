package org.flashsplat.project;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.flashsplat.core.InputException;

/**
 * Keeps a second studio (or a batch export) from writing a project another one has open: an OS lock
 * ({@link FileChannel#tryLock}) on {@code .flashsplat.lock}, whose text says who holds it.
 *
 * <p>The OS drops the lock when its process dies, however it dies, so a lock we can take is never
 * held: a file left behind by a crashed process is simply taken over (and reported). The file is
 * rewritten in place through the locked channel and never deleted or renamed, because a process
 * waiting on the old file would otherwise lock a different inode than the next one.
 */
public final class ProjectLock implements AutoCloseable {
    public static final String FILE = ".flashsplat.lock";

    /** Who holds (or held) a lock, from the lock file's text. */
    public record Holder(long pid, String host, String since) {
        static Holder current() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            return new Holder(ProcessHandle.current().pid(), host, Instant.now().toString());
        }

        String text() {
            return "pid=" + pid + "\nhost=" + host + "\nsince=" + since + "\n";
        }

        static Optional<Holder> parse(String text) {
            long pid = -1;
            String host = "?", since = "?";
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) continue;
                String k = line.substring(0, eq), v = line.substring(eq + 1).trim();
                switch (k) {
                    case "pid" -> {
                        try {
                            pid = Long.parseLong(v);
                        } catch (NumberFormatException e) {
                            pid = -1;
                        }
                    }
                    case "host" -> host = v;
                    case "since" -> since = v;
                    default -> {}
                }
            }
            return pid < 0 ? Optional.empty() : Optional.of(new Holder(pid, host, since));
        }

        /** "process 1234 on host studio-pc since 2026-11-24T02:00:00Z". */
        public String describe() {
            return "process " + pid + " on " + host + " since " + since;
        }
    }

    /** The project is open for writing elsewhere. */
    public static final class LockedException extends org.flashsplat.core.InputException {
        private final transient Holder holder;

        LockedException(Path file, Holder holder) {
            super(
                    file,
                    null,
                    "project is open for writing by "
                            + (holder == null ? "another process" : holder.describe())
                            + "; close it there, or open this one read-only");
            this.holder = holder;
        }

        /** Who holds it, when the lock file says. */
        public Optional<Holder> holder() {
            return Optional.ofNullable(holder);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder previous;

    private ProjectLock(Path file, FileChannel channel, FileLock lock, Holder previous) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previous = previous;
    }

    /**
     * Takes the lock of a project folder.
     *
     * @throws LockedException when a live process holds it (this one included)
     */
    public static ProjectLock acquire(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        // Never through a link: a project's lock file linked to ~/.bashrc would be truncated.
        if (Files.isSymbolicLink(file)
                || (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
            throw new InputException(
                    file,
                    null,
                    "refused: the lock file is a link or not a plain file; remove it and try again");
        }
        FileChannel ch;
        try {
            ch =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw new InputException(
                    file,
                    null,
                    "cannot open the lock file: " + (e.getReason() == null ? e : e.getReason()));
        }
        boolean ok = false;
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
            }
            Holder before = Holder.parse(readAll(ch)).orElse(null);
            if (lock == null) throw new LockedException(folder, before);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(Holder.current().text().getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            ok = true;
            return new ProjectLock(file, ch, lock, before);
        } finally {
            if (!ok) ch.close(); // also releases a lock taken above
        }
    }

    /** Who holds the lock of a folder now, if anyone does (for a read-only open's message). */
    public static Optional<Holder> holderOf(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        try {
            return Holder.parse(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The holder of a lock that was left behind by a process that died, if any. */
    public Optional<Holder> takenOverFrom() {
        return Optional.ofNullable(previous);
    }

    public Path file() {
        return file;
    }

    /** Empties the file (so nobody reads a stale holder) and releases the lock. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            channel.truncate(0);
            channel.force(true);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static String readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size <= 0 || size > 4096) return "";
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && ch.read(b, b.position()) > 0) {}
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }
}
