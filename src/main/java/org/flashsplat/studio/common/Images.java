package org.flashsplat.studio.common;

import java.util.List;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.flashsplat.studio.model.LabelEntry;

/** Small helpers turning ARGB arrays and label masks into JavaFX images. */
public final class Images {
    private Images() {}

    /** Writes ARGB pixels into {@code reuse} when it has the size, else into a new image. */
    public static WritableImage fromArgb(int w, int h, int[] argb, WritableImage reuse) {
        WritableImage img =
                reuse != null && (int) reuse.getWidth() == w && (int) reuse.getHeight() == h
                        ? reuse
                        : new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return img;
    }

    /** RGB per label id (index 0 unused), from the label list's current colours. */
    public static int[] labelColours(List<LabelEntry> objects) {
        int max = 1;
        for (LabelEntry e : objects) max = Math.max(max, e.id());
        int[] c = new int[max + 2];
        for (int l = 1; l < c.length; l++) c[l] = org.flashsplat.studio.model.Palette.rgb(l);
        for (LabelEntry e : objects) c[e.id()] = e.rgb();
        return c;
    }

    /**
     * A thumbnail: the small picture (tw x th, or a flat grey while it loads) with the mask (w x h,
     * null for none) sampled nearest-neighbour and blended in.
     */
    public static int[] thumbnail(
            int w, int h, int[] picture, int[] labels, int[] colours, int tw, int th) {
        int[] out = new int[tw * th];
        for (int y = 0; y < th; y++) {
            int sy = Math.min(h - 1, (int) ((y + 0.5) * h / th));
            for (int x = 0; x < tw; x++) {
                int sx = Math.min(w - 1, (int) ((x + 0.5) * w / tw));
                int base = picture == null ? 0x2a2d33 : picture[y * tw + x] & 0xffffff;
                int l = labels == null ? 0 : labels[sy * w + sx];
                if (l > 0) base = mix(base, colours[Math.min(l, colours.length - 1)], 0.5);
                out[y * tw + x] = 0xff000000 | base;
            }
        }
        return out;
    }

    private static int mix(int a, int b, double t) {
        int r = (int) (((a >> 16) & 0xff) * (1 - t) + ((b >> 16) & 0xff) * t);
        int g = (int) (((a >> 8) & 0xff) * (1 - t) + ((b >> 8) & 0xff) * t);
        int bl = (int) ((a & 0xff) * (1 - t) + (b & 0xff) * t);
        return r << 16 | g << 8 | bl;
    }
}
