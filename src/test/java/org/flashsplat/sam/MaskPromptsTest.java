package org.flashsplat.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rough mask (as the 3D result renders it) refined by the stand-in SAM from the prompt made of
 * it.
 */
class MaskPromptsTest {
    @TempDir Path tmp;

    static boolean[] grownAndShifted(boolean[] m, int w, int h, int grow, int shift) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                if (!m[y * w + x]) continue;
                for (int dy = -grow; dy <= grow; dy++)
                    for (int dx = -grow; dx <= grow; dx++) {
                        int u = x + dx + shift, v = y + dy;
                        if (u >= 0 && v >= 0 && u < w && v < h) out[v * w + u] = true;
                    }
            }
        return out;
    }

    /** The object is where the ramp picture is warm enough (its edges are in the picture). */
    @Test
    void aRoughMaskIsSnappedBackToTheObject() throws Exception {
        int w = 320, h = 200;
        boolean[] truth =
                StandInSam.expectedMask(
                        w, h, SamPrompt.of(List.of(), new SamPrompt.Box(0, 0, w, h)));
        boolean[] rough = grownAndShifted(truth, w, h, 8, -4);
        assertThat(StandInSam.iou(truth, rough)).isLessThan(0.85);
        SamPrompt prompt = MaskPrompts.fromMask(rough, w, h, 3);
        assertThat(prompt.points()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (SamPrompt.Point p : prompt.points())
            assertThat(truth[(int) p.y() * w + (int) p.x()])
                    .as("interior point inside the object")
                    .isTrue();
        try (SamModel m = SamModel.open(StandInSam.write(tmp.resolve("m")))) {
            SamMask refined = m.predict(m.embed(StandInSam.rampImage(w, h), w, h), prompt);
            assertThat(StandInSam.iou(truth, refined.mask())).isGreaterThan(0.97);
        }
    }

    @Test
    void maskInputIsTheMaskInTheLowResolutionFrame() {
        int w = 400, h = 100; // 1024 frame: 1024 x 256, low-res: 256 x 64 then padding
        boolean[] left = new boolean[w * h];
        for (int p = 0; p < left.length; p++) left[p] = p % w < 200;
        float[] in = MaskPrompts.maskInput(left, w, h);
        assertThat(in[10 * 256 + 60]).isPositive(); // x 60 of 256 -> image x ~94
        assertThat(in[10 * 256 + 200]).isNegative(); // image x ~313
        assertThat(in[100 * 256 + 60]).as("padding below the image").isNegative();
        assertThat(MaskPrompts.fromMask(new boolean[w * h], w, h, 3)).isNull();
    }
}
