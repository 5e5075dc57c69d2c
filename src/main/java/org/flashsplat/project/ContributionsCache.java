package org.flashsplat.project;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;

/**
 * Contributions kept in the project ({@code cache/contributions-<fingerprint>.npy}, float32 (L, N)
 * as numpy reads it). The fingerprint is in the name, so the file and the inputs it belongs to can
 * never disagree, even after a crash between two writes; older entries are removed when a new one
 * is stored.
 */
public final class ContributionsCache {
    public static final String FOLDER = "cache";
    private static final String PREFIX = "contributions-";

    /** Cached contributions: row-major (labels, count). */
    public record Entry(float[] values, int labels, int count) {}

    private ContributionsCache() {}

    static Path file(Path project, String fingerprint) {
        return SafePaths.inside(
                project, FOLDER + "/" + PREFIX + fingerprint.substring(0, 32) + ".npy");
    }

    /** The cached contributions for these inputs, if present and of the scene's size. */
    public static Optional<Entry> load(Path project, String fingerprint, int gaussians) {
        try {
            Path f = file(project, fingerprint); // refused when cache/ links outside
            if (!Files.isRegularFile(f)) return Optional.empty();
            Npy.Array a = Npy.read(f); // checks the header against the file size first
            if (!a.dtype().equals("float32")
                    || a.shape().length != 2
                    || a.shape()[0] < 2
                    || a.shape()[1] != gaussians) {
                return Optional.empty();
            }
            return Optional.of(new Entry(a.floats(), a.shape()[0], a.shape()[1]));
        } catch (InputException e) {
            return Optional.empty(); // a damaged cache is recomputed, not an error
        }
    }

    /** Stores contributions and drops entries of older inputs. */
    public static void store(Path project, String fingerprint, Entry e) throws IOException {
        Path f = file(project, fingerprint);
        Npy.writeFloat32(f, new int[] {e.labels(), e.count()}, e.values());
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(f.getParent(), PREFIX + "*.npy")) {
            for (Path old : ds) if (!old.getFileName().equals(f.getFileName())) Files.delete(old);
        }
    }
}
