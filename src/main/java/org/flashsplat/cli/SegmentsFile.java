package org.flashsplat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.lift.SegmentFiles;
import org.flashsplat.raster.Memberships;

/** Reads a {@code segments.npz} or {@code segments.npy} (or the folder holding one) for a scene. */
final class SegmentsFile {
    private SegmentsFile() {}

    static Memberships read(Path file, int gaussians) {
        if (Files.isDirectory(file)) {
            Path sparse = file.resolve(SegmentFiles.SPARSE);
            file = Files.isRegularFile(sparse) ? sparse : file.resolve(SegmentFiles.DENSE);
        }
        return SegmentFiles.read(file, gaussians);
    }
}
