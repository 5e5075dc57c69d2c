package org.flashsplat.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.InputException;
import org.flashsplat.sam.ImageEmbedding;
import org.flashsplat.sam.SamMask;
import org.flashsplat.sam.SamModel;
import org.flashsplat.sam.SamPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One SAM mask for one image from clicks and an optional box. */
@Command(
        name = "sam",
        description =
                "Mask one object of an image with a SAM model (a folder with encoder.onnx and"
                        + " decoder.onnx) from clicks and/or a box; writes an 8-bit 0/255 PNG.")
public final class SamCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "SAM model folder.")
    Path model;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The picture.")
    Path image;

    @Option(
            names = "--point",
            paramLabel = "X,Y[,LABEL]",
            description =
                    "A click in pixels; LABEL 1 (default) inside the object, 0 outside. Repeatable.")
    List<String> points = new ArrayList<>();

    @Option(names = "--box", paramLabel = "X0,Y0,X1,Y1", description = "A box around the object.")
    String box;

    @Option(names = "--out", required = true, paramLabel = "MASK.png", description = "Output mask.")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<SamPrompt.Point> clicks = new ArrayList<>();
        for (String p : points) clicks.add(parsePoint(p));
        SamPrompt.Box b = box == null ? null : parseBox(box);
        if (clicks.isEmpty() && b == null)
            throw new InputException(null, "--point/--box", "give at least one --point or a --box");
        BufferedImage picture = readImage(image);
        int w = picture.getWidth(), h = picture.getHeight();
        int[] argb = picture.getRGB(0, 0, w, h, null, 0, w);
        try (SamModel sam = SamModel.open(model)) {
            ImageEmbedding e = sam.embed(argb, w, h);
            SamMask m = sam.predict(e, SamPrompt.of(clicks, b));
            BufferedImage mask = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] px =
                    ((java.awt.image.DataBufferByte) mask.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) px[i] = (byte) (m.mask()[i] ? 255 : 0);
            AtomicFiles.write(out, o -> ImageIO.write(mask, "png", o));
            System.out.printf(
                    "wrote %s: %d of %d pixels (score %.2f)%n", out, m.area(), w * h, m.score());
        }
        return 0;
    }

    static BufferedImage readImage(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException(file, null, "no such image");
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) throw new InputException(file, null, "not an image this program can read");
        return img;
    }

    static SamPrompt.Point parsePoint(String text) {
        float[] v = numbers(text, "--point", 2, 3);
        boolean positive = true;
        if (v.length == 3) {
            if (v[2] != 0 && v[2] != 1)
                throw new InputException(null, "--point " + text, "LABEL must be 1 or 0");
            positive = v[2] == 1;
        }
        return new SamPrompt.Point(v[0], v[1], positive);
    }

    static SamPrompt.Box parseBox(String text) {
        float[] v = numbers(text, "--box", 4, 4);
        return new SamPrompt.Box(v[0], v[1], v[2], v[3]);
    }

    private static float[] numbers(String text, String option, int min, int max) {
        String[] parts = text.split(",", -1);
        if (parts.length < min || parts.length > max)
            throw new InputException(
                    null,
                    option + " " + text,
                    "expected "
                            + min
                            + (min == max ? "" : " or " + max)
                            + " numbers separated by commas");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InputException(
                        null, option + " " + text, "'" + parts[i] + "' is not a number");
            }
            if (!Float.isFinite(v[i]))
                throw new InputException(
                        null, option + " " + text, "'" + parts[i] + "' is not a number");
        }
        return v;
    }
}
