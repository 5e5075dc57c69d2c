package org.flashsplat.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraFormatsTest {
    static final Path TABLETOP = Path.of("src/test/resources/golden/tabletop");

    @TempDir Path tmp;

    @Test
    void jsonColmapTextAndBinaryGiveTheSameCameras() throws IOException {
        CameraSet json = CamerasJson.read(TABLETOP.resolve("cameras.json"));
        CameraSet text = ColmapReader.readText(TABLETOP.resolve("sparse/0"));
        ColmapBinaryWriter.convert(TABLETOP.resolve("sparse/0"), tmp.resolve("bin"), 3);
        CameraSet bin = ColmapReader.readBinary(tmp.resolve("bin"));

        assertThat(json.size()).isEqualTo(6);
        for (CameraSet other : List.of(text, bin)) {
            assertThat(other.cameras())
                    .extracting(Camera::name)
                    .containsExactly(
                            "view_000", "view_001", "view_002", "view_003", "view_004", "view_005");
            for (int i = 0; i < 6; i++) {
                Camera a = json.cameras().get(i), b = other.cameras().get(i);
                assertThat(b.name()).isEqualTo(a.name());
                assertThat(b.width()).isEqualTo(160);
                assertThat(b.height()).isEqualTo(120);
                assertThat(b.fx()).isCloseTo(a.fx(), within(1e-9));
                assertThat(b.fy()).isCloseTo(a.fy(), within(1e-9));
                assertThat(b.cx()).isEqualTo(80.0);
                assertThat(b.cy()).isEqualTo(60.0);
                for (int k = 0; k < 9; k++) {
                    assertThat(b.rotation()[k])
                            .as(a.name() + " R" + k)
                            .isCloseTo(a.rotation()[k], within(1e-9));
                }
                for (int k = 0; k < 3; k++) {
                    assertThat(b.translation()[k])
                            .as(a.name() + " t" + k)
                            .isCloseTo(a.translation()[k], within(1e-9));
                }
            }
            assertThat(other.warnings()).isEmpty();
        }
        assertThat(bin.cameras()).extracting(Camera::id).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void jsonPositionIsTheCameraCentreAndRotationIsTransposed() throws IOException {
        Camera c = CamerasJson.read(TABLETOP.resolve("cameras.json")).byName("view_000");
        assertThat(c.position()[0]).isCloseTo(3.1997616147809165, within(1e-12));
        assertThat(c.position()[1]).isCloseTo(-1.2, within(1e-12));
        assertThat(c.position()[2]).isCloseTo(0.03905903960192448, within(1e-12));
        // rotation[0][2] of the file (camera-to-world) is row 2, column 0 of world-to-camera.
        assertThat(c.rotation()[6]).isCloseTo(-0.9625792271053771, within(1e-15));
        assertThat(c.rotation()[2]).isCloseTo(0.9999255046190362, within(1e-15));
        assertThat(c.cx()).isEqualTo(80.0);
    }

    @Test
    void simplePinholeAndDistortedModelsUseTheirFocalAndWarn() throws IOException {
        Path dir = tmp.resolve("sparse");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("cameras.txt"),
                "# comment\n1 SIMPLE_PINHOLE 100 80 90 50 40\n"
                        + "2 OPENCV 100 80 91 92 53.5 40 0.1 0.01 0 0\n"
                        + "3 SIMPLE_RADIAL 100 80 93 50 40 0.2\n");
        Files.writeString(
                dir.resolve("images.txt"),
                "# images\n"
                        + "7 1 0 0 0 0 0 0 3 c.jpg\n\n"
                        + "5 1 0 0 0 1 2 3 1 sub/a.png\n1.0 2.0 -1\n"
                        + "6 1 0 0 0 0 0 0 2 b.JPG\n10 10 4 20 20 -1\n");
        CameraSet s = ColmapReader.read(dir);
        assertThat(s.cameras()).extracting(Camera::name).containsExactly("a", "b", "c");
        Camera a = s.byName("a"), b = s.byName("b"), c = s.byName("c");
        assertThat(new double[] {a.fx(), a.fy(), a.cx(), a.cy()}).containsExactly(90, 90, 50, 40);
        assertThat(new double[] {b.fx(), b.fy(), b.cx(), b.cy()}).containsExactly(91, 92, 53.5, 40);
        assertThat(c.fx()).isEqualTo(93);
        assertThat(a.translation()).containsExactly(1, 2, 3);
        assertThat(a.rotation()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(s.warnings()).hasSize(2);
        assertThat(s.warnings().get(0))
                .contains("distortion ignored for 2")
                .contains("OPENCV, SIMPLE_RADIAL");
        assertThat(s.warnings().get(1))
                .contains("principal point")
                .contains("3.5 px")
                .contains("camera id 2");

        // The same model in binary form reads the same (model ids, single-focal layouts).
        ColmapBinaryWriter.convert(dir, tmp.resolve("bin"), 0);
        CameraSet bin = ColmapReader.read(tmp.resolve("bin"));
        assertThat(bin.warnings()).isEqualTo(s.warnings());
        for (Camera t : s.cameras()) {
            Camera u = bin.byName(t.name());
            assertThat(new double[] {u.fx(), u.fy(), u.cx(), u.cy()})
                    .containsExactly(t.fx(), t.fy(), t.cx(), t.cy());
            assertThat(u.translation()).containsExactly(t.translation());
        }
    }

    @Test
    void quaternionBecomesColmapRotation() {
        // 90 degrees about z: x -> y.
        double h = Math.sqrt(0.5);
        double[] r = ColmapReader.rotation(new double[] {h, 0, 0, h});
        assertThat(r[0]).isCloseTo(0, within(1e-15));
        assertThat(r[1]).isCloseTo(-1, within(1e-15));
        assertThat(r[3]).isCloseTo(1, within(1e-15));
        assertThat(r[8]).isCloseTo(1, within(1e-15));
        // Unnormalised input is normalised first.
        assertThat(ColmapReader.rotation(new double[] {2, 0, 0, 2}))
                .containsExactly(r, within(1e-15));
    }

    @Test
    void stemDropsFoldersAndImageExtensionsOnly() {
        assertThat(CameraSet.stem("images/view_000.png")).isEqualTo("view_000");
        assertThat(CameraSet.stem("frame.0001.JPG")).isEqualTo("frame.0001");
        assertThat(CameraSet.stem("view_003")).isEqualTo("view_003");
        assertThat(CameraSet.stem("scan.v2")).isEqualTo("scan.v2");
    }
}
