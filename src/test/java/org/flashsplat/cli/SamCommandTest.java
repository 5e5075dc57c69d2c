package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.flashsplat.sam.SamPrompt;
import org.flashsplat.sam.StandInSam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flashsplat sam} on the stand-in model, against the mask its definition gives. */
class SamCommandTest {
    @TempDir static Path tmp;
    static Path model;

    @BeforeAll
    static void writeModel() throws Exception {
        model = StandInSam.write(tmp.resolve("model"));
    }

    static int run(StringWriter err, String... args) {
        return Main.execute(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    /**
     * Writes the ramp picture, runs the command with a positive and a negative click, scores it.
     */
    static double iouOnRamp(int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, StandInSam.rampImage(w, h), 0, w);
        Path picture = tmp.resolve("ramp-" + w + "x" + h + ".png");
        ImageIO.write(img, "png", picture.toFile());
        Path out = tmp.resolve("mask-" + w + "x" + h + ".png");
        float px = 0.8f * w, py = 0.6f * h, nx = 0.9f * w, ny = 0.85f * h;
        StringWriter err = new StringWriter();
        int status =
                run(
                        err,
                        "sam",
                        "--model",
                        model.toString(),
                        "--image",
                        picture.toString(),
                        "--point",
                        px + "," + py,
                        "--point",
                        nx + "," + ny + ",0",
                        "--out",
                        out.toString());
        assertThat(status).as(err.toString()).isZero();
        BufferedImage mask = ImageIO.read(out.toFile());
        assertThat(mask.getWidth()).isEqualTo(w);
        assertThat(mask.getHeight()).isEqualTo(h);
        boolean[] got = new boolean[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int v = mask.getRaster().getSample(x, y, 0);
                assertThat(v).isIn(0, 255);
                got[y * w + x] = v == 255;
            }
        SamPrompt prompt =
                SamPrompt.of(
                        List.of(
                                new SamPrompt.Point(px, py, true),
                                new SamPrompt.Point(nx, ny, false)),
                        null);
        return StandInSam.iou(StandInSam.expectedMask(w, h, prompt), got);
    }

    @Test
    void wideImageWithANegativeClick() throws Exception {
        assertThat(iouOnRamp(960, 400)).isGreaterThan(0.97);
    }

    @Test
    void tallImageWithANegativeClick() throws Exception {
        assertThat(iouOnRamp(300, 620)).isGreaterThan(0.97);
    }

    @Test
    void brokenModelFolderIsOneLineAndStatusTwo() throws Exception {
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("encoder.onnx"), "not a model");
        Files.writeString(broken.resolve("decoder.onnx"), "not a model");
        Path picture = tmp.resolve("p.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", picture.toFile());
        for (Path folder : List.of(broken, tmp.resolve("missing"), tmp)) {
            StringWriter err = new StringWriter();
            int status =
                    run(
                            err,
                            "sam",
                            "--model",
                            folder.toString(),
                            "--image",
                            picture.toString(),
                            "--point",
                            "1,1",
                            "--out",
                            tmp.resolve("o.png").toString());
            assertThat(status).isEqualTo(2);
            assertThat(err.toString().strip().lines()).hasSize(1);
            assertThat(err.toString())
                    .startsWith("flashsplat: " + folder)
                    .doesNotContain("Exception");
        }
    }

    @Test
    void badPointIsOneLineAndStatusTwo() {
        StringWriter err = new StringWriter();
        int status =
                run(
                        err,
                        "sam",
                        "--model",
                        model.toString(),
                        "--image",
                        "x.png",
                        "--point",
                        "1,oops",
                        "--out",
                        tmp.resolve("o.png").toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("'oops' is not a number");
    }
}
