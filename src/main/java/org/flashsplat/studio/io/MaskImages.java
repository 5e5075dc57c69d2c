package org.flashsplat.studio.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.InputException;
import org.flashsplat.mask.LabelMask;

/**
 * Stop-gap PNG mask reading and writing until the core's MaskSet and MaskPngWriter land: 8/16-bit
 * instance-ID PNGs, binary 0/255 masks and RGB colour-coded masks, resampled nearest-neighbour to
 * the camera's resolution when only the scale differs.
 */
public final class MaskImages {
    private MaskImages() {}

    public static LabelMask read(Path file, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) throw new InputException(file, "image", "not a readable image");
        int w = img.getWidth(), h = img.getHeight();
        int[] labels = new int[w * h];
        Raster r = img.getRaster();
        if (r.getNumBands() == 1) {
            r.getSamples(0, 0, w, h, 0, labels);
            boolean binary = true;
            for (int l : labels) binary &= l == 0 || l == 255;
            if (binary) for (int i = 0; i < labels.length; i++) labels[i] = labels[i] == 0 ? 0 : 1;
        } else {
            // Colour-coded masks: each distinct non-black colour is one instance, numbered in
            // raster order.
            Map<Integer, Integer> ids = new HashMap<>();
            for (int i = 0; i < labels.length; i++) {
                int rgb = img.getRGB(i % w, i / w) & 0xffffff;
                labels[i] = rgb == 0 ? 0 : ids.computeIfAbsent(rgb, k -> ids.size() + 1);
            }
        }
        LabelMask m = new LabelMask(w, h, labels);
        if (w == width && h == height) return m;
        if ((long) w * height != (long) h * width) {
            throw new InputException(
                    file,
                    "size",
                    "mask is " + w + "x" + h + " but the camera is " + width + "x" + height);
        }
        return resample(m, width, height);
    }

    static LabelMask resample(LabelMask m, int width, int height) {
        int[] out = new int[width * height];
        for (int v = 0; v < height; v++) {
            int sv = (int) ((v + 0.5) * m.height() / height);
            for (int u = 0; u < width; u++) {
                int su = (int) ((u + 0.5) * m.width() / width);
                out[v * width + u] = m.labels()[sv * m.width() + su];
            }
        }
        return new LabelMask(width, height, out);
    }

    /** Writes an instance-ID PNG: 8-bit when every label fits, 16-bit otherwise. */
    public static void write(LabelMask m, Path file) throws IOException {
        boolean wide = m.maxLabel() > 255;
        BufferedImage img =
                new BufferedImage(
                        m.width(),
                        m.height(),
                        wide ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, m.width(), m.height(), 0, m.labels());
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
