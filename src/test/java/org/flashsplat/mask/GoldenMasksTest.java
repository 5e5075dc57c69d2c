package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.junit.jupiter.api.Test;

/** The golden mask folders decode to the labels their files hold. */
class GoldenMasksTest {
    private final List<Camera> cams = Golden.cameras();

    @Test
    void instanceIdMasksDecodeToTheirGreyValues() throws Exception {
        MaskSet set = MaskSet.open(Golden.dir("masks"), cams);
        assertThat(set.format()).isEqualTo(MaskFormat.INSTANCE_IDS);
        assertThat(set.labelCount()).isEqualTo(5);
        assertThat(set.missingViews()).isEmpty();
        assertThat(set.unmatchedMasks()).isEmpty();
        for (int v = 0; v < Golden.VIEWS; v++) {
            LabelMask m = set.load(cams.get(v));
            assertThat(m.width()).isEqualTo(Golden.W);
            assertThat(m.height()).isEqualTo(Golden.H);
            assertThat(m.labels()).isEqualTo(Golden.samples("masks", v));
        }
        assertThat(set.summary().labelValues()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void binaryMasksGiveLabelOneExactlyWhereThePngIs255() throws Exception {
        MaskSet set = MaskSet.open(Golden.dir("masks_binary"), cams);
        assertThat(set.format()).isEqualTo(MaskFormat.BINARY);
        assertThat(set.labelCount()).isEqualTo(2);
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] png = Golden.samples("masks_binary", v);
            int[] labels = set.load(cams.get(v)).labels();
            int ones = 0;
            for (int p = 0; p < png.length; p++) {
                assertThat(png[p]).isIn(0, 255);
                assertThat(labels[p]).isEqualTo(png[p] == 255 ? 1 : 0);
                ones += labels[p];
            }
            assertThat(ones).isPositive();
        }
    }

    @Test
    void doubleSizeMasksResampleToTheOriginals() throws Exception {
        MaskSet big = MaskSet.open(Golden.dir("masks_2x"), cams);
        assertThat(big.summary().resolutions()).containsExactly(Map.entry("320x240", 6));
        List<LabelMask> loaded = big.loadAll(cams, Progress.NONE);
        for (int v = 0; v < Golden.VIEWS; v++) {
            assertThat(loaded.get(v).width()).isEqualTo(Golden.W);
            assertThat(loaded.get(v).labels()).isEqualTo(Golden.samples("masks", v));
        }
    }

    /**
     * The SAM files were made from masks/ (the noisy masks, not masks_gt/): every entry is exactly
     * one object's pixels there, and the local IDs are that file's order, so the painted mask is
     * masks/ with its IDs renamed one-to-one.
     */
    @Test
    void samMasksAreTheNoisyMasksWithLocalIds() throws Exception {
        MaskSet set = MaskSet.open(Golden.dir("masks_sam_rle"), cams);
        assertThat(set.format()).isEqualTo(MaskFormat.SAM_RLE);
        assertThat(set.labelCount()).isEqualTo(5);
        boolean someViewRenamed = false;
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] expected = Golden.samples("masks", v);
            int[] local = set.load(cams.get(v)).labels();
            Map<Integer, Integer> rename = new HashMap<>();
            for (int p = 0; p < local.length; p++) {
                Integer prev = rename.putIfAbsent(local[p], expected[p]);
                assertThat(prev == null ? expected[p] : prev)
                        .as("view %d pixel %d", v, p)
                        .isEqualTo(expected[p]);
            }
            assertThat(rename).hasSize(5).containsEntry(0, 0);
            assertThat(rename.values()).doesNotHaveDuplicates();
            someViewRenamed |=
                    rename.entrySet().stream().anyMatch(e -> !e.getKey().equals(e.getValue()));
        }
        assertThat(someViewRenamed).as("IDs are local, not the source's").isTrue();
    }

    @Test
    void samEntriesAreEachExactlyOneObjectOfTheNoisyMasks() throws Exception {
        for (int v = 0; v < Golden.VIEWS; v++) {
            int[] noisy = Golden.samples("masks", v);
            Path json = Golden.dir("masks_sam_rle").resolve(Golden.view(v) + ".json");
            for (SamJson.Entry e : SamJson.read(json)) {
                boolean[] m = Rle.decode(e.counts(), e.height(), e.width());
                int object = -1;
                for (int p = 0; p < m.length && object < 0; p++) if (m[p]) object = noisy[p];
                assertThat(object).isPositive();
                for (int p = 0; p < m.length; p++) {
                    assertThat(m[p]).isEqualTo(noisy[p] == object);
                }
            }
        }
    }

    @Test
    void loadAllEqualsLoadAndIsRepeatable() throws Exception {
        MaskSet set = MaskSet.open(Golden.dir("masks"), cams);
        List<LabelMask> a = set.loadAll(cams, Progress.NONE);
        List<LabelMask> b = set.loadAll(cams, Progress.NONE);
        for (int v = 0; v < Golden.VIEWS; v++) {
            assertThat(a.get(v).labels()).isEqualTo(set.load(cams.get(v)).labels());
            assertThat(b.get(v).labels()).isEqualTo(a.get(v).labels());
        }
    }

    @Test
    void concurrentFirstLoadsAgree() throws Exception {
        MaskSet set = MaskSet.open(Golden.dir("masks_binary"), cams);
        List<java.util.concurrent.Callable<int[]>> tasks = new java.util.ArrayList<>();
        for (int k = 0; k < 24; k++) {
            Camera c = cams.get(k % Golden.VIEWS);
            tasks.add(() -> set.load(c).labels());
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            var results = pool.invokeAll(tasks);
            for (int k = 0; k < results.size(); k++) {
                int[] png = Golden.samples("masks_binary", k % Golden.VIEWS);
                int[] labels = results.get(k).get();
                for (int p = 0; p < png.length; p++) {
                    assertThat(labels[p]).isEqualTo(png[p] / 255);
                }
            }
        }
    }

    @Test
    void loadAllReportsProgressAndStopsWhenCancelled() {
        MaskSet set = MaskSet.open(Golden.dir("masks"), cams);
        long[] steps = {0};
        Progress counting =
                new Progress() {
                    public void begin(String phase, long total) {}

                    public void advance(long n) {
                        steps[0] += n;
                    }

                    public void message(String text) {}

                    public boolean isCancelled() {
                        return steps[0] >= 2 + Golden.VIEWS; // after the scan and two masks
                    }
                };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> set.loadAll(cams, counting))
                .isInstanceOf(org.flashsplat.core.CancelledException.class);
        assertThat(steps[0]).isEqualTo(2 + Golden.VIEWS);
    }
}
