package org.flashsplat.mask;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.flashsplat.camera.Camera;

/** The tabletop fixtures, read independently of the code under test (plain ImageIO). */
final class Golden {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");
    static final int W = 160, H = 120, VIEWS = 6;

    private Golden() {}

    static Path dir(String name) {
        return DIR.resolve(name);
    }

    static String view(int v) {
        return String.format("view_%03d", v);
    }

    static Camera camera(int v, int w, int h) {
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        return Camera.centred(v, view(v), w, h, 100, 100, r, new double[3]);
    }

    static List<Camera> cameras() {
        List<Camera> c = new ArrayList<>();
        for (int v = 0; v < VIEWS; v++) c.add(camera(v, W, H));
        return c;
    }

    /** Band 0 samples of a PNG, row-major. */
    static int[] samples(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (int[]) null);
    }

    static int[] samples(String folder, int v) throws IOException {
        return samples(dir(folder).resolve(view(v) + ".png"));
    }
}
