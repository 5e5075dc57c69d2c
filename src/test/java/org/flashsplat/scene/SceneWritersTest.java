package org.flashsplat.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .spz and compressed PLY writers: what they write reads back as the scene, within each form's
 * quantisation, and lifts the same contributions to within a small distance.
 */
class SceneWritersTest {
    static final Path SOURCE = SceneFormatsTest.GOLDEN.resolve("point_cloud.ply");

    /** Compares decoded row {@code j} with source row {@code order[j]} within the tolerances. */
    static void assertClose(
            GaussianScene src, GaussianScene got, int[] order, double pos, double colour) {
        assertThat(got.count()).isEqualTo(src.count());
        assertThat(got.shDegree()).isEqualTo(src.shDegree());
        for (int j = 0; j < got.count(); j++) {
            int i = order[j];
            assertThat(got.x[j]).isCloseTo(src.x[i], within((float) pos));
            assertThat(got.y[j]).isCloseTo(src.y[i], within((float) pos));
            assertThat(got.z[j]).isCloseTo(src.z[i], within((float) pos));
            assertThat(got.opacity[j]).isCloseTo(src.opacity[i], within(0.6f / 255));
            assertThat(Math.log(got.sx[j])).isCloseTo(Math.log(src.sx[i]), within(0.04));
            double dot =
                    got.qw[j] * src.qw[i]
                            + got.qx[j] * src.qx[i]
                            + got.qy[j] * src.qy[i]
                            + got.qz[j] * src.qz[i];
            assertThat(Math.abs(dot)).as("rotation %d", j).isGreaterThan(0.999);
            int nc = src.shCoefficients();
            for (int k = 0; k < 3 * nc; k++) {
                double tol = k % nc == 0 ? colour : 0.13; // SH: 8 bits, then 4-5 kept
                assertThat(got.sh()[j * 3 * nc + k])
                        .as("sh %d of %d", k, j)
                        .isCloseTo(src.sh()[i * 3 * nc + k], within((float) tol));
            }
        }
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    @Test
    void spzReadsBackWithinItsQuantisation(@TempDir Path tmp) throws Exception {
        GaussianScene src = SceneFiles.readScene(SOURCE);
        Path file = tmp.resolve("scene.spz");
        SceneWriter.write(file, src.table(), SceneFormat.SPZ);

        assertThat(SceneFormat.detect(file)).isEqualTo(SceneFormat.SPZ);
        SceneFiles.Decoded d = SceneFiles.decode(file);
        assertThat(d.form()).isEqualTo("SPZ version 3");
        // 12 fractional bits; colour in 1/255 steps of 0.15.
        assertClose(
                src,
                GaussianScene.of(d.table(), file),
                identity(src.count()),
                0.6 / 4096,
                0.6 / 255 / 0.15);
        // Scales in 1/16 log steps move the footprints by up to 3%; that is the form, not a bug.
        assertThat(relativeL1(file)).isLessThan(5e-2);
    }

    @Test
    void compressedPlyReadsBackWithinItsQuantisationInMortonOrder(@TempDir Path tmp)
            throws Exception {
        GaussianScene src = SceneFiles.readScene(SOURCE);
        Path file = tmp.resolve("scene.compressed.ply");
        SceneWriter.write(file, src.table(), SceneFormat.COMPRESSED_PLY);

        assertThat(SceneFormat.detect(file)).isEqualTo(SceneFormat.COMPRESSED_PLY);
        GaussianScene got = SceneFiles.readScene(file);
        double[] b = src.bounds();
        double extent = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        // Chunks are small; 10 bits of the whole extent is a loose bound for every chunk.
        assertClose(
                src,
                got,
                MortonOrder.of(src.x, src.y, src.z),
                extent / 1023,
                1.0 / 255 / Activation.SH_C0 * 2);
    }

    /** Contributions of the written scene against the source's, both on the golden views. */
    static double relativeL1(Path written) throws Exception {
        Path out = Files.createTempDirectory(written.getParent(), "acc");
        float[] a = SceneFormatsTest.accumulate(written, out.resolve("w"));
        float[] b = SceneFormatsTest.accumulate(SOURCE, out.resolve("s"));
        return SceneFormatsTest.relativeL1(a, b);
    }
}
