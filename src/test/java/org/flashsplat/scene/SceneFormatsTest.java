package org.flashsplat.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flashsplat.cli.Main;
import org.flashsplat.core.Npy;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures in {@code formats/} were written by PlayCanvas splat-transform 2.7.1 from 2,000
 * Gaussians of the golden tabletop, and each decoded back to PLY by splat-transform itself (see the
 * README there). Our decoders must give what splat-transform gives.
 */
class SceneFormatsTest {
    static final Path DIR = Path.of("src/test/resources/formats");
    static final Path GOLDEN = Path.of("src/test/resources/golden/tabletop");

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("scene.spz", "scene.spz.splat-transform.ply", SceneFormat.SPZ),
                Arguments.of("scene.v3.spz", "scene.spz.splat-transform.ply", SceneFormat.SPZ),
                Arguments.of(
                        "scene.compressed.ply",
                        "scene.compressed.splat-transform.ply",
                        SceneFormat.COMPRESSED_PLY),
                Arguments.of("scene.sog", "scene.sog.splat-transform.ply", SceneFormat.SOG),
                Arguments.of("scene.splat", "scene.splat.splat-transform.ply", SceneFormat.SPLAT));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decodesEveryPropertyAsSplatTransformDoes(String file, String reference, SceneFormat format)
            throws Exception {
        SceneFiles.Decoded ours = SceneFiles.decode(DIR.resolve(file));
        VertexTable ref = PlyReader.read(DIR.resolve(reference));

        assertThat(ours.format()).isEqualTo(format);
        assertThat(ours.table().count()).isEqualTo(ref.count()).isEqualTo(2000);
        assertThat(ours.table().names()).containsExactlyInAnyOrderElementsOf(ref.names());
        for (VertexTable.Column r : ref.columns()) {
            VertexTable.Column o = ours.table().column(r.name());
            for (int i = 0; i < ref.count(); i++) {
                double want = r.get(i), got = o.get(i);
                assertThat(got)
                        .as("%s row %d", r.name(), i)
                        .isCloseTo(
                                want,
                                org.assertj.core.data.Offset.offset(
                                        1e-5 * Math.max(1, Math.abs(want))));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void infoCountsAndAccumulateMatchesSplatTransformsDecoding(
            String file, String reference, SceneFormat format, @TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        int status =
                Main.execute(
                        new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true),
                        "info",
                        DIR.resolve(file).toString());
        assertThat(status).isZero();
        assertThat(out.toString()).contains("2,000 Gaussians").contains("quantised");

        float[] ours = accumulate(DIR.resolve(file), tmp.resolve("ours"));
        float[] ref = accumulate(DIR.resolve(reference), tmp.resolve("ref"));
        assertThat(relativeL1(ours, ref)).isLessThan(1e-4);
        assertThat(sum(ref)).isGreaterThan(0);
    }

    static float[] accumulate(Path scene, Path out) {
        StringWriter err = new StringWriter();
        int status =
                Main.execute(
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true),
                        "accumulate",
                        "--scene",
                        scene.toString(),
                        "--cameras",
                        GOLDEN.resolve("cameras.json").toString(),
                        "--masks",
                        GOLDEN.resolve("masks").toString(),
                        "--backend",
                        "cpu",
                        "--quiet",
                        "--out",
                        out.toString());
        assertThat(status).as(err.toString()).isZero();
        return Npy.read(out.resolve("contributions.npy")).floats();
    }

    static double relativeL1(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double num = 0, den = 0;
        for (int k = 0; k < b.length; k++) {
            num += Math.abs(a[k] - b[k]);
            den += Math.abs(b[k]);
        }
        return num / den;
    }

    static double sum(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s;
    }
}
