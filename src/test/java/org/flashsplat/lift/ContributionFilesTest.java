package org.flashsplat.lift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.flashsplat.core.InputException;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Memberships;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sparse files: exact round trips, and what numpy and scipy make of them. */
class ContributionFilesTest {
    static ContributionTable random(int labels, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Contributions c = new Contributions(labels, count);
        for (int k = 0; k < count * 2; k++)
            c.addAtomic(rnd.nextInt(labels), rnd.nextInt(count), rnd.nextLong(1, 1L << 40));
        return c.table();
    }

    @Test
    void exactAndFloatFilesReadBackAsWritten(@TempDir Path tmp) throws Exception {
        ContributionTable t = random(300, 5000, 1);
        ContributionFiles.Written w = ContributionFiles.write(tmp, t, false, true);
        assertThat(w.dense()).isNotNull(); // 300 x 5000 floats is small
        ContributionTable exact = ContributionFiles.read(w.exact());
        assertThat(exact.sameAs(t)).isTrue();
        ContributionTable floats = ContributionFiles.read(w.sparse());
        assertThat(floats.value()).containsExactly(t.value());
        assertThat(ContributionFiles.read(w.dense()).value()).containsExactly(t.value());
        // the same table always gives the same bytes
        byte[] once = Files.readAllBytes(w.sparse());
        ContributionFiles.write(tmp.resolve("again"), t, false, true);
        assertThat(Files.readAllBytes(tmp.resolve("again").resolve(ContributionFiles.SPARSE)))
                .isEqualTo(once);
    }

    @Test
    void largeTablesSkipTheDenseFile(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(ContributionFiles.DENSE), "stale");
        ContributionTable t = random(60_000, 1200, 2);
        ContributionFiles.Written w = ContributionFiles.write(tmp, t, false, false);
        assertThat(w.dense()).isNull(); // 60,000 x 1,200 floats is 288 MB
        assertThat(tmp.resolve(ContributionFiles.DENSE)).doesNotExist();
    }

    @Test
    void brokenSparseFilesAreOneClearError(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("contributions.npz");
        Files.write(f, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThatThrownBy(() -> ContributionFiles.read(f))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("npz");
        Memberships m = Memberships.ofLabels(3, new int[] {0, 1, 3, 2});
        SegmentFiles.write(tmp, m);
        assertThatThrownBy(() -> ContributionFiles.read(tmp.resolve(SegmentFiles.SPARSE)))
                .isInstanceOf(InputException.class);
    }

    @Test
    void numpyAndScipyReadWhatIsWritten(@TempDir Path tmp) throws Exception {
        ContributionTable t = random(40, 3000, 3);
        ContributionFiles.write(tmp, t, false, true);
        Memberships m = Assigner.assign(t, AssignmentParams.defaults()).memberships();
        SegmentFiles.write(tmp, m);
        String script =
                String.join(
                        "\n",
                        "import sys, numpy as np, scipy.sparse as sp",
                        "d = sys.argv[1]",
                        "a = sp.load_npz(d + '/contributions.npz')",
                        "e = sp.load_npz(d + '/contributions-exact.npz')",
                        "s = sp.load_npz(d + '/segments.npz')",
                        "dense = np.load(d + '/contributions.npy')",
                        "assert (a.toarray() == dense).all()",
                        "assert (e.toarray() / 2.0**32).astype(np.float32).tolist() == dense.tolist()",
                        "assert (s.toarray() == np.load(d + '/segments.npy')).all()",
                        "print(a.shape[0], a.shape[1], a.nnz, a.data.dtype, s.nnz)");
        String out = python(script, tmp.toString());
        assertThat(out.trim())
                .isEqualTo(
                        String.format(
                                Locale.ROOT,
                                "%d %d %d float32 %d",
                                t.labels(),
                                t.count(),
                                t.nonZero(),
                                m.memberEntries()));
    }

    /** Runs python3 with numpy and scipy; skips the test where they are missing. */
    static String python(String script, String arg) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "-c", "import numpy, scipy").start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed");
            return "";
        }
        Assumptions.assumeTrue(probe.waitFor() == 0, "python3 has no numpy/scipy");
        Process p =
                new ProcessBuilder(List.of("python3", "-c", script, arg))
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
