package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    static final Path TABLETOP = Path.of("src/test/resources/golden/tabletop");
    static final Path DONUT = Path.of("src/test/resources/donut/point_cloud.ply");

    @TempDir Path tmp;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void donutReportsCountDegreeAndNoExtras() {
        Run r = run("info", DONUT.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("45,624 Gaussians, SH degree 0")
                .contains("binary_little_endian, 14 properties")
                .contains("extra    none")
                .contains("opacity  min ")
                .contains("bounds   x [")
                .doesNotContain("warning");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void tabletopPlyReportsDegreeThreeAndNormalsAsExtra() {
        Run r = run("info", TABLETOP.resolve("point_cloud.ply").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("9,000 Gaussians, SH degree 3").contains("extra    nx ny nz");
    }

    @Test
    void datasetFolderDescribesSceneAndCameras() {
        Run r = run("info", TABLETOP.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("9,000 Gaussians")
                .contains("(COLMAP text)")
                .contains("6 cameras")
                .contains("160x120 (6)")
                .contains("fx       min 138.564")
                .contains("view_000 .. view_005")
                .contains("masks    " + TABLETOP.resolve("masks_gt"))
                .doesNotContain("masks    " + TABLETOP + "\n");
    }

    @Test
    void camerasJsonAndSparseFolderAreDescribed() {
        Run json = run("info", TABLETOP.resolve("cameras.json").toString());
        assertThat(json.status()).isZero();
        assertThat(json.out()).contains("(3DGS cameras.json)").contains("6 cameras");
        Run sparse = run("info", TABLETOP.resolve("sparse/0").toString());
        assertThat(sparse.out())
                .contains("(COLMAP text)")
                .contains("6 cameras")
                .doesNotContain("masks");
    }

    @Test
    void maskFolderIsDescribedByTheMaskReader() {
        Run r = run("info", TABLETOP.resolve("masks").toString());
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("grey instance-ID PNG")
                .contains("files: 6")
                .contains("labels: 5");
    }

    @Test
    void badFileExitsTwoWithOneLine() throws IOException {
        Path bad = tmp.resolve("bad.ply");
        byte[] donut = Files.readAllBytes(DONUT);
        Files.write(bad, java.util.Arrays.copyOf(donut, donut.length / 2));
        Run r = run("info", bad.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith("flashsplat: " + bad)
                .contains("byte " + donut.length / 2)
                .contains("truncated");

        Run missing = run("info", tmp.resolve("nope").toString());
        assertThat(missing.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("no such file or folder");

        Run notOurs = run("info", "pom.xml");
        assertThat(notOurs.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(notOurs.err()).contains("cannot describe this file");

        Run empty = run("info", tmp.toString());
        assertThat(empty.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(empty.err()).contains("nothing to describe");
    }
}
