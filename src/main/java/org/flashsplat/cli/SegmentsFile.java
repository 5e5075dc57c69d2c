package org.flashsplat.cli;

import java.nio.file.Path;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;
import org.flashsplat.raster.Memberships;

/** Reads a {@code segments.npy} (uint8 (K, N)) and checks it fits the scene. */
final class SegmentsFile {
    private SegmentsFile() {}

    static Memberships read(Path file, int gaussians) {
        Npy.Array a = Npy.read(file);
        if (!a.dtype().equals("uint8") || a.shape().length != 2) {
            throw new InputException(
                    file, "header", "expected uint8 segments of shape (K, N), as segment writes");
        }
        if (a.shape()[1] != gaussians) {
            throw new InputException(
                    file,
                    "header",
                    "segments for " + a.shape()[1] + " Gaussians, but the scene has " + gaussians);
        }
        return new Memberships(a.shape()[0], a.shape()[1], (byte[]) a.data());
    }
}
