package org.flashsplat.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.flashsplat.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CameraBadInputTest {
    @TempDir Path tmp;

    private Path sparse(String cameras, String images) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("sparse" + System.nanoTime()));
        Files.writeString(dir.resolve("cameras.txt"), cameras);
        Files.writeString(dir.resolve("images.txt"), images);
        return dir;
    }

    private static InputException error(ThrowingRead r) {
        try {
            r.run();
        } catch (InputException e) {
            assertThat(e.userMessage()).doesNotContain("\n");
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no InputException");
    }

    interface ThrowingRead {
        void run() throws IOException;
    }

    @Test
    void zeroOrNegativeFocalLengthIsRejectedWithItsLine() throws IOException {
        Path d = sparse("# c\n1 PINHOLE 100 80 0 90 50 40\n", "1 1 0 0 0 0 0 0 1 a.png\n\n");
        InputException e = error(() -> ColmapReader.read(d));
        assertThat(e.file()).isEqualTo(d.resolve("cameras.txt"));
        assertThat(e.place()).isEqualTo("line 2");
        assertThat(e.getMessage()).contains("focal length must be positive").contains("fx=0.0");

        Path json = tmp.resolve("cameras.json");
        String good = Files.readString(CameraFormatsTest.TABLETOP.resolve("cameras.json"));
        Files.writeString(json, good.replaceFirst("\"fy\": 138.5640646055102", "\"fy\": -1"));
        InputException j = error(() -> CamerasJson.read(json));
        assertThat(j.place()).isEqualTo("camera 0 (view_000)");
        assertThat(j.getMessage()).contains("fy=-1.0");
    }

    @Test
    void duplicateImageNamesAreRejected() throws IOException {
        Path d =
                sparse(
                        "1 PINHOLE 100 80 90 90 50 40\n",
                        "1 1 0 0 0 0 0 0 1 a/x.png\n\n2 1 0 0 0 0 0 0 1 b/x.jpg\n\n");
        InputException e = error(() -> ColmapReader.read(d));
        assertThat(e.getMessage()).contains("duplicate image name \"x\"").contains("ids 1 and 2");
    }

    @Test
    void imageWithAnUnknownCameraIdIsRejected() throws IOException {
        Path d =
                sparse(
                        "1 PINHOLE 100 80 90 90 50 40\n",
                        "# h1\n# h2\n1 1 0 0 0 0 0 0 1 a.png\n\n2 1 0 0 0 0 0 0 9 b.png\n\n");
        InputException e = error(() -> ColmapReader.read(d));
        assertThat(e.file()).isEqualTo(d.resolve("images.txt"));
        assertThat(e.place()).isEqualTo("line 5");
        assertThat(e.getMessage()).contains("camera id 9");
    }

    @Test
    void malformedLinesNameTheirLine() throws IOException {
        Path d =
                sparse(
                        "1 PINHOLE 100 80 90 90 50 40\n",
                        "1 1 0 0 0 0 0 0 1 a.png\n\n2 1 0 zero 0 0 0 0 1 b.png\n\n");
        InputException e = error(() -> ColmapReader.read(d));
        assertThat(e.place()).isEqualTo("line 3");
        assertThat(e.getMessage()).contains("malformed line").contains("zero");

        Path c = sparse("\n1 PINHOLE 100 80 90 90 50\n", "");
        InputException ce = error(() -> ColmapReader.read(c));
        assertThat(ce.place()).isEqualTo("line 2");
        assertThat(ce.getMessage()).contains("PINHOLE needs 4 parameters, the line has 3");

        Path m = sparse("1 FISHEYE_9000 100 80 90\n", "");
        assertThat(error(() -> ColmapReader.read(m)).getMessage())
                .contains("unknown camera model \"FISHEYE_9000\"");
    }

    @Test
    void truncatedOrLyingBinaryModelsAreReported() throws IOException {
        Path bin = tmp.resolve("bin");
        ColmapBinaryWriter.convert(CameraFormatsTest.TABLETOP.resolve("sparse/0"), bin, 2);
        byte[] images = Files.readAllBytes(bin.resolve("images.bin"));
        Files.write(bin.resolve("images.bin"), Arrays.copyOf(images, images.length - 30));
        InputException e = error(() -> ColmapReader.readBinary(bin));
        assertThat(e.file()).isEqualTo(bin.resolve("images.bin"));
        assertThat(e.getMessage()).contains("truncated");

        byte[] lying = Files.readAllBytes(bin.resolve("cameras.bin"));
        lying[7] = 0x7f; // camera count ~9e18
        Files.write(bin.resolve("cameras.bin"), lying);
        assertThat(error(() -> ColmapReader.readBinary(bin)).getMessage())
                .contains("more than the file");
    }

    @Test
    void badJsonSaysWhereAndWhat() throws IOException {
        Path p = tmp.resolve("cameras.json");
        Files.writeString(p, "[\n {\"id\": 0,\n  \"img_name\": \"a\",, }\n]");
        InputException e = error(() -> CamerasJson.read(p));
        assertThat(e.place()).startsWith("line 3");
        assertThat(e.getMessage()).startsWith("not valid JSON");

        Files.writeString(
                p,
                "[{\"id\": 0, \"img_name\": \"a\", \"width\": 10, \"height\": 10, \"fx\": 5, \"fy\": 5,"
                        + " \"position\": [0, 0], \"rotation\": [[1,0,0],[0,1,0],[0,0,1]]}]");
        InputException v = error(() -> CamerasJson.read(p));
        assertThat(v.getMessage()).contains("\"position\" must be 3 numbers");

        Files.writeString(p, "{\"cameras\": []}");
        assertThat(error(() -> CamerasJson.read(p)).getMessage()).contains("expected a JSON list");
    }
}
