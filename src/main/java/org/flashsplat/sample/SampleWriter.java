package org.flashsplat.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.flashsplat.camera.Camera;
import org.flashsplat.camera.CamerasJsonWriter;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.Npy;
import org.flashsplat.core.Progress;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.mask.MaskPngWriter;
import org.flashsplat.raster.Frame;
import org.flashsplat.raster.RenderRequest;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.PlyWriter;

/**
 * Writes a generated scene as the files users have: point_cloud.ply, cameras.json, mask PNGs, and
 * for the sample also RGB training images, exact masks and the true label of every Gaussian. In the
 * sample every seventh view (3, 10, 17, 24) is held out: it has a true mask but no training mask,
 * to check novel-view masks.
 */
public final class SampleWriter {
    private SampleWriter() {}

    public static boolean heldOut(SceneSpec spec, int view) {
        return spec.cameraYJitter() > 0 && view % 7 == 3;
    }

    public static void write(
            SceneGenerator.Generated g, Path out, Renderer renderer, Progress progress)
            throws IOException {
        SceneSpec spec = g.spec();
        boolean sample = spec.cameraYJitter() > 0;
        PlyWriter.write(out.resolve("point_cloud.ply"), g.scene().table());
        CamerasJsonWriter.write(out.resolve("cameras.json"), g.cameras());
        Npy.writeInt32(
                out.resolve("labels_gt.npy"), new int[] {g.groundTruth().length}, g.groundTruth());
        SplittableRandom rnd = new SplittableRandom(spec.seed() + 1);
        progress.begin("sample views", g.cameras().size());
        for (int v = 0; v < g.cameras().size(); v++) {
            progress.checkCancelled();
            Camera cam = g.cameras().get(v);
            String file = cam.name() + ".png";
            if (sample) {
                LabelMask truth = SampleMasks.truth(renderer, g, cam);
                MaskPngWriter.write(out.resolve("masks_gt").resolve(file), truth);
                LabelMask noisy = SampleMasks.noisy(truth, spec.objects(), rnd);
                if (!heldOut(spec, v))
                    MaskPngWriter.write(out.resolve("masks").resolve(file), noisy);
                writeImage(
                        out.resolve("images").resolve(file),
                        renderer.render(g.scene(), cam, background()));
            } else {
                LabelMask discs = SampleMasks.discs(g, cam);
                MaskPngWriter.write(out.resolve("masks").resolve(file), discs);
                if (spec.objects() > SampleMasks.GROUPS)
                    MaskPngWriter.write(
                            out.resolve("masks_grouped").resolve(file),
                            SampleMasks.grouped(discs));
            }
            progress.advance(1);
        }
    }

    private static RenderRequest background() {
        return new RenderRequest(
                true, false, null, null, 0, null, new float[] {0.93f, 0.94f, 0.96f});
    }

    private static void writeImage(Path file, Frame f) throws IOException {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        float[] rgb = f.rgb();
        for (int p = 0; p < f.width() * f.height(); p++) {
            int r = channel(rgb[3 * p]), gr = channel(rgb[3 * p + 1]), b = channel(rgb[3 * p + 2]);
            img.setRGB(p % f.width(), p / f.width(), (r << 16) | (gr << 8) | b);
        }
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
