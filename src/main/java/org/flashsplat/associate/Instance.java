package org.flashsplat.associate;

/**
 * A global instance: an object across views.
 *
 * @param id 1..65535 (0 is background in the associated masks)
 * @param colour packed 0xRRGGBB
 */
public record Instance(int id, String name, int colour) {
    public Instance {
        if (id < 1 || id > 65535) throw new IllegalArgumentException("instance id " + id);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("empty name");
        colour &= 0xffffff;
    }

    /** The default instance for an id: "object N" in a colour of {@link #defaultColour}. */
    public static Instance of(int id) {
        return new Instance(id, "object " + id, defaultColour(id));
    }

    /**
     * Colours that stay apart for neighbouring ids: hues stepped by the golden angle, so any run of
     * consecutive ids is spread round the wheel.
     */
    public static int defaultColour(int id) {
        double h = (id * 0.6180339887498949) % 1.0;
        double s = 0.65 + 0.2 * ((id / 7) % 2), v = 0.92 - 0.15 * ((id / 3) % 2);
        return hsv(h, s, v);
    }

    static int hsv(double h, double s, double v) {
        double c = v * s, x = c * (1 - Math.abs((h * 6) % 2 - 1)), m = v - c;
        double r, g, b;
        switch ((int) (h * 6) % 6) {
            case 0 -> {
                r = c;
                g = x;
                b = 0;
            }
            case 1 -> {
                r = x;
                g = c;
                b = 0;
            }
            case 2 -> {
                r = 0;
                g = c;
                b = x;
            }
            case 3 -> {
                r = 0;
                g = x;
                b = c;
            }
            case 4 -> {
                r = x;
                g = 0;
                b = c;
            }
            default -> {
                r = c;
                g = 0;
                b = x;
            }
        }
        return (int) Math.round((r + m) * 255) << 16
                | (int) Math.round((g + m) * 255) << 8
                | (int) Math.round((b + m) * 255);
    }

    public String hex() {
        return String.format("#%06x", colour);
    }

    public Instance withName(String n) {
        return new Instance(id, n, colour);
    }

    public Instance withColour(int c) {
        return new Instance(id, name, c);
    }
}
