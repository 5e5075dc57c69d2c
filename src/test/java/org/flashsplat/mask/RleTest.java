package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RleTest {
    @Test
    void smallMaskRunsAreColumnMajorAndStartWithZeros() {
        // 2 rows x 3 columns, row-major: column 0 = (1, 1), column 1 = (0, 0), column 2 = (0, 1).
        boolean[] m = {true, false, false, true, false, true};
        assertThat(Rle.toRuns(m, 2, 3)).containsExactly(0, 2, 3, 1);
        // From the fourth run on the difference to two runs back is stored: 1 - 2 = -1 = 'O'.
        assertThat(Rle.encode(m, 2, 3)).isEqualTo("023O");
        assertThat(Rle.decode("023O", 2, 3)).isEqualTo(m);
    }

    @Test
    void longRunsAndNegativeDifferencesUseSeveralCharacters() {
        int[] runs = {1000, 5, 7, 2, 300000, 1};
        String s = Rle.encodeCounts(runs);
        assertThat(s.length()).isGreaterThan(runs.length);
        assertThat(Rle.decodeCounts(s)).containsExactly(runs);
        // Run 3 is stored as 2 - 5 = -3: one character, 0x1d, with the sign bit 0x10 set.
        assertThat(Rle.encodeCounts(new int[] {0, 5, 7, 2})).isEqualTo("057" + (char) (48 + 0x1d));
    }

    @Test
    void randomMasksRoundTrip() {
        Random rnd = new Random(7);
        for (int t = 0; t < 200; t++) {
            int h = 1 + rnd.nextInt(40), w = 1 + rnd.nextInt(40);
            boolean[] m = new boolean[h * w];
            double p = rnd.nextDouble();
            boolean on = rnd.nextBoolean();
            for (int i = 0; i < m.length; i++) {
                if (rnd.nextDouble() > p) on = !on;
                m[i] = on;
            }
            String s = Rle.encode(m, h, w);
            assertThat(Rle.decode(s, h, w)).isEqualTo(m);
        }
    }

    @Test
    void reEncodingTheGoldenSamMasksGivesTheSameStrings() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        for (int v = 0; v < Golden.VIEWS; v++) {
            JsonNode list =
                    json.readTree(
                            Files.readAllBytes(
                                    Golden.dir("masks_sam_rle").resolve(Golden.view(v) + ".json")));
            for (JsonNode e : list) {
                JsonNode seg = e.get("segmentation");
                int h = seg.get("size").get(0).asInt(), w = seg.get("size").get(1).asInt();
                String counts = seg.get("counts").asText();
                boolean[] m = Rle.decode(counts, h, w);
                int area = 0;
                for (boolean b : m) if (b) area++;
                assertThat(area).isEqualTo(e.get("area").asInt());
                assertThat(Rle.encode(m, h, w)).isEqualTo(counts);
                LabelMask lm = new LabelMask(w, h, new int[w * h]);
                for (int i = 0; i < m.length; i++) lm.labels()[i] = m[i] ? 3 : 0;
                assertThat(Rle.encode(lm, 3)).isEqualTo(counts);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(24);
    }

    @Test
    void runsThatDoNotCoverTheImageAreRejected() {
        assertThatThrownBy(() -> Rle.decode("023O", 2, 4))
                .isInstanceOf(Rle.RleException.class)
                .hasMessageContaining("add up to 6 pixels but size 2x4 has 8");
    }

    @Test
    void badCharactersAndTruncatedRunsAreRejected() {
        assertThatThrownBy(() -> Rle.decodeCounts("02 1"))
                .isInstanceOf(Rle.RleException.class)
                .hasMessageContaining("' '")
                .extracting(e -> ((Rle.RleException) e).offset())
                .isEqualTo(2);
        // 'P' = 48 + 0x20: a continuation bit with nothing after it.
        assertThatThrownBy(() -> Rle.decodeCounts("02P")).hasMessageContaining("ends inside a run");
    }
}
