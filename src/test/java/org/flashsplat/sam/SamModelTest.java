package org.flashsplat.sam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamModelTest {
    @TempDir static Path dir;
    static SamModel model;

    @BeforeAll
    static void open() throws Exception {
        model = SamModel.open(StandInSam.write(dir.resolve("model")));
    }

    static SamPrompt.Point pos(float x, float y) {
        return new SamPrompt.Point(x, y, true);
    }

    static SamPrompt.Point neg(float x, float y) {
        return new SamPrompt.Point(x, y, false);
    }

    private static double iouFor(int w, int h, SamPrompt prompt) {
        ImageEmbedding e = model.embed(StandInSam.rampImage(w, h), w, h);
        SamMask m = model.predict(e, prompt);
        boolean[] expected = StandInSam.expectedMask(w, h, prompt);
        assertThat(StandInSam.iou(expected, new boolean[expected.length]))
                .as("expected mask is not empty")
                .isLessThan(0.5);
        return StandInSam.iou(expected, m.mask());
    }

    @Test
    void pointsOnAWideImage() {
        int w = 800, h = 450;
        SamPrompt p =
                SamPrompt.of(List.of(pos(0.8f * w, 0.6f * h), neg(0.9f * w, 0.85f * h)), null);
        assertThat(iouFor(w, h, p)).isGreaterThan(0.97);
    }

    @Test
    void pointsOnATallImage() {
        int w = 360, h = 700;
        SamPrompt p =
                SamPrompt.of(List.of(pos(0.8f * w, 0.6f * h), neg(0.9f * w, 0.85f * h)), null);
        assertThat(iouFor(w, h, p)).isGreaterThan(0.97);
    }

    @Test
    void boxOnly() {
        int w = 640, h = 480;
        SamPrompt p = SamPrompt.of(List.of(), new SamPrompt.Box(600, 400, 300, 200));
        assertThat(iouFor(w, h, p)).isGreaterThan(0.97);
    }
}
