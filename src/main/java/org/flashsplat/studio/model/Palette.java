package org.flashsplat.studio.model;

import javafx.scene.paint.Color;

/**
 * Object colours: Tableau 10 (distinct and readable on dark and light backgrounds), then
 * golden-angle hues for more objects.
 */
public final class Palette {
    private static final int[] BASE = {
        0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f,
        0xbab0ac
    };

    private Palette() {}

    /** RGB (no alpha) of object label {@code label} >= 1. */
    public static int rgb(int label) {
        if (label <= 0) return 0x202020;
        if (label <= BASE.length) return BASE[label - 1];
        Color c = Color.hsb((label * 137.508) % 360, 0.65, 0.9);
        return toRgb(c);
    }

    public static Color color(int label) {
        int v = rgb(label);
        return Color.rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    public static int toRgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16)
                | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
