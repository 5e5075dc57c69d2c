package org.flashsplat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flashsplat.core.Npy;
import org.flashsplat.scene.SceneFiles;
import org.flashsplat.scene.SceneFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} writes the input's form unless --format says otherwise. */
class ExportFormatTest {
    static final Path SPZ = Path.of("src/test/resources/formats/scene.spz");

    static int run(StringWriter err, String... args) {
        return Main.execute(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void exportKeepsTheInputsFormOrTheOneAskedFor(@TempDir Path tmp) throws Exception {
        int n = 2000;
        byte[] member = new byte[n];
        for (int i = 0; i < n; i += 3) member[i] = 1;
        Path segments = tmp.resolve("segments.npy");
        Npy.writeUint8(segments, new int[] {1, n}, member);

        StringWriter err = new StringWriter();
        assertThat(
                        run(
                                err,
                                "export",
                                "--scene",
                                SPZ.toString(),
                                "--segments",
                                segments.toString(),
                                "--objects",
                                "1",
                                "--out",
                                tmp.resolve("a").toString()))
                .as(err.toString())
                .isZero();
        Path spz = tmp.resolve("a/object_1.spz");
        assertThat(SceneFormat.detect(spz)).isEqualTo(SceneFormat.SPZ);
        assertThat(SceneFiles.readScene(spz).count()).isEqualTo((n + 2) / 3);

        assertThat(
                        run(
                                err,
                                "export",
                                "--scene",
                                SPZ.toString(),
                                "--segments",
                                segments.toString(),
                                "--objects",
                                "1",
                                "--remove",
                                "--format",
                                "compressed-ply",
                                "--out",
                                tmp.resolve("b").toString()))
                .as(err.toString())
                .isZero();
        Path without = tmp.resolve("b/scene_without_1.compressed.ply");
        assertThat(SceneFormat.detect(without)).isEqualTo(SceneFormat.COMPRESSED_PLY);
        assertThat(SceneFiles.readScene(without).count()).isEqualTo(n - (n + 2) / 3);

        StringWriter bad = new StringWriter();
        assertThat(
                        run(
                                bad,
                                "export",
                                "--scene",
                                SPZ.toString(),
                                "--segments",
                                segments.toString(),
                                "--objects",
                                "1",
                                "--format",
                                "sog",
                                "--out",
                                tmp.resolve("c").toString()))
                .isEqualTo(2);
        assertThat(bad.toString()).contains("'sog' is not a form the exports write");
        assertThat(Files.exists(tmp.resolve("c"))).isFalse();
    }
}
