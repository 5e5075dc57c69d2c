package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flashsplat.core.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir Path tmp;

    static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(status), out.toString(), err.toString()};
    }

    @Test
    void ranksTheSampleViewsAndWritesJsonAndCorrectedMasks() throws Exception {
        Path json = tmp.resolve("check.json"), corrected = tmp.resolve("corrected");
        String[] r =
                run(
                        "check",
                        "--json",
                        json.toString(),
                        "--propagate-to",
                        corrected.toString(),
                        "--backend",
                        "cpu",
                        "--top",
                        "5");
        assertThat(r[2]).isEmpty();
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1])
                .contains("ranked by disagreement")
                .contains("IoU per object")
                .contains("... ");
        JsonNode root = Json.MAPPER.readTree(json.toFile());
        JsonNode views = root.get("views");
        assertThat(views.size()).isGreaterThan(5);
        assertThat(views.get(0).get("score").asDouble())
                .isGreaterThanOrEqualTo(views.get(views.size() - 1).get("score").asDouble());
        assertThat(root.get("mean_iou").asDouble()).isBetween(0.5, 1.0);
        try (Stream<Path> files = Files.list(corrected)) {
            assertThat(files.count()).isEqualTo(views.size());
        }
    }

    @Test
    void segmentsAndContributionsTogetherAreRefused() {
        String[] r = run("check", "--segments", "a.npy", "--contributions", "b.npy");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("not both");
    }
}
