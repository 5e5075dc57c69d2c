package org.flashsplat.project;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.flashsplat.core.InputException;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.raster.ContributionTable;

/**
 * Contributions kept in the project ({@code cache/contributions-<fingerprint>.npz}: the exact
 * 64-bit sums in scipy.sparse's CSR layout, see {@link ContributionFiles}), so a reopened project
 * edits exactly the A it had. The fingerprint is in the name, so the file and the inputs it belongs
 * to can never disagree, even after a crash between two writes; older entries (and the float32
 * {@code .npy} of earlier versions) are removed when a new one is stored.
 */
public final class ContributionsCache {
    public static final String FOLDER = "cache";
    private static final String PREFIX = "contributions-";

    /** Cached contributions. */
    public record Entry(ContributionTable table) {
        public int labels() {
            return table.labels();
        }

        public int count() {
            return table.count();
        }
    }

    private ContributionsCache() {}

    static Path file(Path project, String fingerprint) {
        return SafePaths.inside(
                project, FOLDER + "/" + PREFIX + fingerprint.substring(0, 32) + ".npz");
    }

    /** The cached contributions for these inputs, if present and of the scene's size. */
    public static Optional<Entry> load(Path project, String fingerprint, int gaussians) {
        try {
            Path f = file(project, fingerprint); // refused when cache/ links outside
            if (!Files.isRegularFile(f)) return Optional.empty();
            ContributionTable t = ContributionFiles.read(f); // checks shapes before allocating
            if (t.count() != gaussians) return Optional.empty();
            return Optional.of(new Entry(t));
        } catch (InputException e) {
            return Optional.empty(); // a damaged cache is recomputed, not an error
        }
    }

    /** Stores contributions and drops entries of older inputs. */
    public static void store(Path project, String fingerprint, Entry e) throws IOException {
        Path f = file(project, fingerprint);
        Files.createDirectories(f.getParent());
        ContributionFiles.writeExact(f, e.table());
        try (DirectoryStream<Path> ds =
                Files.newDirectoryStream(f.getParent(), PREFIX + "*.np[yz]")) {
            for (Path old : ds) if (!old.getFileName().equals(f.getFileName())) Files.delete(old);
        }
    }
}
