package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.flashsplat.camera.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Palette, RGB, 16-bit and JPEG versions of the golden masks, made here with plain ImageIO. */
class GeneratedFormsTest {
    private final List<Camera> cams = Golden.cameras();
    @TempDir Path tmp;

    @Test
    void paletteIndicesAreTheLabels() throws Exception {
        // A palette whose colours say nothing about the index: the label must be the index.
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) (255 - i);
            g[i] = (byte) (i * 37);
            b[i] = (byte) (i * 101);
        }
        IndexColorModel icm = new IndexColorModel(8, 256, r, g, b);
        for (int v = 0; v < Golden.VIEWS; v++) {
            BufferedImage img =
                    new BufferedImage(Golden.W, Golden.H, BufferedImage.TYPE_BYTE_INDEXED, icm);
            img.getRaster().setSamples(0, 0, Golden.W, Golden.H, 0, Golden.samples("masks", v));
            write(img, "png", v);
        }
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.format()).isEqualTo(MaskFormat.PALETTE);
        assertThat(set.labelCount()).isEqualTo(5);
        for (int v = 0; v < Golden.VIEWS; v++) {
            assertThat(set.load(cams.get(v)).labels()).isEqualTo(Golden.samples("masks", v));
        }
        assertThat(set.labelColours()[1]).isEqualTo(254 << 16 | 37 << 8 | 101);
    }

    @Test
    void rgbColoursAreNumberedByPackedRgbWithOneTableForAllViews() throws Exception {
        int[] colourOfId = {0x000000, 0xff0000, 0x00ff00, 0x0000ff, 0xffff00};
        // Ascending packed RGB: 0x0000ff (id 3), 0x00ff00 (id 2), 0xff0000 (id 1), 0xffff00 (id 4).
        int[] expectedLabelOfId = {0, 3, 2, 1, 4};
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] ids = Golden.samples("masks", v);
            BufferedImage img = new BufferedImage(Golden.W, Golden.H, BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < ids.length; p++) {
                // View 0 lacks object 1 (the table must not depend on what one view shows).
                int id = v == 0 && ids[p] == 1 ? 0 : ids[p];
                img.setRGB(p % Golden.W, p / Golden.W, colourOfId[id]);
            }
            write(img, "png", v);
        }
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.format()).isEqualTo(MaskFormat.RGB);
        assertThat(set.labelCount()).isEqualTo(5);
        assertThat(set.colourTable().colours())
                .containsExactly(0x000000, 0x0000ff, 0x00ff00, 0xff0000, 0xffff00);
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] ids = Golden.samples("masks", v);
            int[] labels = set.load(cams.get(v)).labels();
            for (int p = 0; p < ids.length; p++) {
                int id = v == 0 && ids[p] == 1 ? 0 : ids[p];
                assertThat(labels[p]).isEqualTo(expectedLabelOfId[id]);
            }
        }
    }

    @Test
    void sixteenBitValuesArriveUnconverted() throws Exception {
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] ids = Golden.samples("masks", v);
            BufferedImage img =
                    new BufferedImage(Golden.W, Golden.H, BufferedImage.TYPE_USHORT_GRAY);
            img.getRaster().setSamples(0, 0, Golden.W, Golden.H, 0, sixteenBit(ids));
            write(img, "png", v);
        }
        assertThat(MaskImages.pngHeader(tmp.resolve("view_000.png")).bitDepth()).isEqualTo(16);
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.format()).isEqualTo(MaskFormat.INSTANCE_IDS);
        assertThat(set.labelCount()).isEqualTo(4 * 16000 + 7 + 1);
        for (int v = 0; v < Golden.VIEWS; v++) {
            assertThat(set.load(cams.get(v)).labels())
                    .isEqualTo(sixteenBit(Golden.samples("masks", v)));
        }
    }

    private static int[] sixteenBit(int[] ids) {
        int[] out = new int[ids.length];
        // Above 32767 and 255, so sign or 8-bit conversions would show.
        for (int p = 0; p < ids.length; p++) out[p] = ids[p] == 0 ? 0 : ids[p] * 16000 + 7;
        return out;
    }

    /**
     * JPEG at quality 0.9 of 0/255 masks. Ringing near an edge must exceed 127 grey levels to flip
     * a pixel at the 128 threshold, which quality 0.9 does not produce; we still allow a flip on
     * pixels next to an edge (at most 1% of the edge pixels), never away from one, since the JPEG
     * standard does not bound the decoder's rounding there.
     */
    @Test
    void jpegBinaryMasksThresholdAt128() throws Exception {
        int edgeFlips = 0, edgePixels = 0;
        for (int v = 0; v < Golden.VIEWS; v++) {
            BufferedImage img = new BufferedImage(Golden.W, Golden.H, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster()
                    .setSamples(0, 0, Golden.W, Golden.H, 0, Golden.samples("masks_binary", v));
            writeJpeg(img, tmp.resolve(Golden.view(v) + ".jpg"), 0.9f);
        }
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.format()).isEqualTo(MaskFormat.JPEG_BINARY);
        assertThat(set.labelCount()).isEqualTo(2);
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] png = Golden.samples("masks_binary", v);
            int[] labels = set.load(cams.get(v)).labels();
            for (int p = 0; p < png.length; p++) {
                boolean edge = nextToEdge(png, p % Golden.W, p / Golden.W);
                if (edge) edgePixels++;
                if (labels[p] != (png[p] == 255 ? 1 : 0)) {
                    assertThat(edge)
                            .as("view %d pixel %d flipped away from an edge", v, p)
                            .isTrue();
                    edgeFlips++;
                }
            }
        }
        assertThat(edgePixels).isPositive();
        assertThat(edgeFlips).isLessThanOrEqualTo(edgePixels / 100);
    }

    private static boolean nextToEdge(int[] m, int u, int v) {
        for (int dv = -1; dv <= 1; dv++) {
            for (int du = -1; du <= 1; du++) {
                int x = u + du, y = v + dv;
                if (x < 0 || y < 0 || x >= Golden.W || y >= Golden.H) continue;
                if (m[y * Golden.W + x] != m[v * Golden.W + u]) return true;
            }
        }
        return false;
    }

    static void writeJpeg(BufferedImage img, Path file, float quality) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    private void write(BufferedImage img, String format, int v) throws Exception {
        assertThat(ImageIO.write(img, format, tmp.resolve(Golden.view(v) + "." + format).toFile()))
                .isTrue();
    }
}
