package org.flashsplat.studio.io;

import java.io.IOException;
import java.nio.file.Path;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyWriter;

/** What the studio writes, through the core writers. */
public final class Exports {
    private Exports() {}

    /** The Gaussians where {@code keep} is true, every property of the input kept. */
    public static int writePly(GaussianScene scene, boolean[] keep, Path file) throws IOException {
        var table = scene.table().select(keep);
        PlyWriter.write(file, table);
        return table.count();
    }

    public static void writeMask(LabelMask mask, Path file) throws IOException {
        MaskPngWriter.write(file, mask);
    }
}
