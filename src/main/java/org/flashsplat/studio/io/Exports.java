package org.flashsplat.studio.io;

import java.io.IOException;
import java.nio.file.Path;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.scene.GaussianScene;

/**
 * What the studio writes. Uses stop-gap writers until the core's PlyWriter and MaskPngWriter are on
 * main; swapping them in touches only this file.
 */
public final class Exports {
    private Exports() {}

    /** The Gaussians where {@code keep} is true, every property of the input kept. */
    public static int writePly(GaussianScene scene, boolean[] keep, Path file) throws IOException {
        var table = scene.table().select(keep);
        MiniPly.write(table, file);
        return table.count();
    }

    public static void writeMask(LabelMask mask, Path file) throws IOException {
        MaskImages.write(mask, file);
    }
}
