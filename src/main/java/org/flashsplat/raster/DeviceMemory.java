package org.flashsplat.raster;

import java.util.Locale;

/** Memory of the GPU the backend runs on, in bytes: in use (all processes) and in total. */
public record DeviceMemory(long used, long total) {
    /** "GPU 1.4 / 80.0 GiB", for a status bar. */
    public String text() {
        double g = 1L << 30;
        return String.format(Locale.ROOT, "GPU %.1f / %.1f GiB", used / g, total / g);
    }
}
