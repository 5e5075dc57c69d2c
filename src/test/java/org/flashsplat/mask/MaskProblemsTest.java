package org.flashsplat.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives one line naming the file, the place and what is wrong. */
class MaskProblemsTest {
    private final List<Camera> cams = Golden.cameras();
    @TempDir Path tmp;

    private void copyGolden(String folder, String ext) throws Exception {
        for (int v = 0; v < Golden.VIEWS; v++) {
            String name = Golden.view(v) + "." + ext;
            Files.copy(Golden.dir(folder).resolve(name), tmp.resolve(name));
        }
    }

    private InputException loadFails(int view) {
        Throwable t =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> MaskSet.open(tmp, cams).load(cams.get(view)));
        assertThat(t).isInstanceOf(InputException.class);
        InputException e = (InputException) t;
        assertThat(e.userMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void aTextFileNamedPngIsNotAPng() throws Exception {
        copyGolden("masks", "png");
        Files.writeString(tmp.resolve("view_001.png"), "hello, not an image");
        InputException e = loadFails(1);
        assertThat(e.file()).isEqualTo(tmp.resolve("view_001.png"));
        assertThat(e.place()).isEqualTo("byte 0");
        assertThat(e.getMessage()).contains("not a PNG");
        // The other views still load, and the summary lists the problem.
        MaskSet set = MaskSet.open(tmp, cams);
        assertThat(set.load(cams.get(0)).labels()).isEqualTo(Golden.samples("masks", 0));
        assertThat(set.summary().problems()).singleElement().asString().contains("view_001.png");
    }

    @Test
    void aTruncatedPngFailsWhenDecoded() throws Exception {
        copyGolden("masks", "png");
        Path f = tmp.resolve("view_002.png");
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        InputException e = loadFails(2);
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.place()).isEqualTo("image data");
        assertThat(e.getMessage()).startsWith("cannot decode image");
    }

    @Test
    void aMaskOfAnotherAspectRatioNamesBothSizes() throws Exception {
        copyGolden("masks", "png");
        Path f = tmp.resolve("view_004.png");
        ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY), "png", f.toFile());
        InputException e = loadFails(4);
        assertThat(e.file()).isEqualTo(f);
        assertThat(e.getMessage()).contains("100x100", "160x120", "view_004");
    }

    private String samJson(int view) throws Exception {
        return Files.readString(Golden.dir("masks_sam_rle").resolve(Golden.view(view) + ".json"));
    }

    @Test
    void rleRunsThatDoNotAddUpAreRejected() throws Exception {
        copyGolden("masks_sam_rle", "json");
        String json = samJson(3);
        String counts = json.split("\"counts\": \"")[1].split("\"")[0];
        int[] runs = Rle.decodeCounts(counts);
        runs[runs.length - 1]++;
        Files.writeString(
                tmp.resolve("view_003.json"), json.replace(counts, Rle.encodeCounts(runs)));
        InputException e = loadFails(3);
        assertThat(e.place()).startsWith("entry 0 segmentation.counts");
        assertThat(e.getMessage()).contains("add up to 19201 pixels", "120x160 has 19200");
    }

    @Test
    void rleSizesMustAgreeWithinAFileAndWithTheCamera() throws Exception {
        copyGolden("masks_sam_rle", "json");
        String json = samJson(0);
        int second = json.indexOf("\"size\": [120, 160]", json.indexOf("\"size\"") + 1);
        String changed =
                json.substring(0, second) + "\"size\": [60, 80]" + json.substring(second + 18);
        Files.writeString(tmp.resolve("view_000.json"), changed);
        InputException e = loadFails(0);
        assertThat(e.place()).isEqualTo("entry 1 segmentation.size");
        assertThat(e.getMessage()).contains("[60, 80]", "[120, 160]");

        Files.writeString(
                tmp.resolve("view_000.json"),
                "[{\"segmentation\": {\"size\": [100, 100], \"counts\": \""
                        + Rle.encodeCounts(new int[] {10000})
                        + "\"}}]");
        e = loadFails(0);
        assertThat(e.getMessage()).contains("100x100", "160x120");
    }

    @Test
    void malformedJsonGivesLineAndColumn() throws Exception {
        copyGolden("masks_sam_rle", "json");
        Files.writeString(
                tmp.resolve("view_005.json"),
                "[{\"segmentation\": {\"size\": [120, 160],\n   \"counts\": }}]");
        InputException e = loadFails(5);
        assertThat(e.place()).isEqualTo("line 2, column 14");
        assertThat(e.getMessage()).startsWith("malformed JSON");
        assertThat(e.userMessage()).contains("view_005.json: line 2, column 14: malformed JSON");
    }

    @Test
    void moreThan65535ColoursIsNotAnInstanceMaskSet() throws Exception {
        BufferedImage img = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 65536; i++) img.setRGB(i % 256, i / 256, i + 1);
        ImageIO.write(img, "png", tmp.resolve("view_000.png").toFile());
        Camera cam = Golden.camera(0, 256, 256);
        MaskSet set = MaskSet.open(tmp, List.of(cam));
        assertThatThrownBy(set::labelCount)
                .isInstanceOf(InputException.class)
                .hasMessageContaining("more than 65535 colours")
                .extracting(t -> ((InputException) t).file())
                .isEqualTo(tmp.resolve("view_000.png"));
    }

    @Test
    void aLabelCountChangingBetweenViewsIsAWarning() throws Exception {
        copyGolden("masks", "png");
        int[] ids = Golden.samples("masks", 3);
        for (int p = 0; p < ids.length; p++) if (ids[p] == 4) ids[p] = 0;
        MaskPngWriter.write(tmp.resolve("view_003.png"), new LabelMask(Golden.W, Golden.H, ids));
        MaskSetSummary s = MaskSet.open(tmp, cams).summary();
        assertThat(s.problems()).isEmpty();
        assertThat(s.labelCount()).isEqualTo(5);
        assertThat(s.warnings())
                .singleElement()
                .asString()
                .contains("label count varies", "4 in view_003.png", "5 in view_000.png");
        assertThat(s.lines()).anyMatch(l -> l.startsWith("warning: label count varies"));
    }

    @Test
    void mixedFormsAreRefusedNamingBothFiles() throws Exception {
        copyGolden("masks", "png");
        Files.delete(tmp.resolve("view_005.png"));
        Files.copy(
                Golden.dir("masks_sam_rle").resolve("view_005.json"), tmp.resolve("view_005.json"));
        assertThatThrownBy(() -> MaskSet.open(tmp, cams))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("grey PNG (view_000.png)")
                .hasMessageContaining("SAM JSON (view_005.json)");
    }

    @Test
    void missingAndEmptyFoldersAreRefused() throws Exception {
        assertThatThrownBy(() -> MaskSet.open(tmp.resolve("nope"), cams))
                .hasMessageContaining("does not exist");
        Files.writeString(tmp.resolve("notes.txt"), "x", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MaskSet.open(tmp, cams)).hasMessageContaining("no mask files");
    }
}
