package org.flashsplat.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.flashsplat.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlyBadInputTest {
    @TempDir Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static InputException inputError(Path p) {
        try {
            PlyReader.readScene(p);
        } catch (InputException e) {
            assertThat(e.userMessage()).doesNotContain("\n").startsWith(p.toString());
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no InputException for " + p);
    }

    @Test
    void truncatedFileSaysWhichVertexAndByte() throws IOException {
        byte[] donut = Files.readAllBytes(PlyRoundTripTest.DONUT);
        int header = new String(donut, StandardCharsets.ISO_8859_1).indexOf("end_header\n") + 11;
        int cut = header + 1000 * 56 + 20; // inside vertex 1000 (14 floats = 56 bytes each)
        Path p = file("cut.ply", Arrays.copyOf(donut, cut));
        InputException e = inputError(p);
        assertThat(e.place()).isEqualTo("byte " + cut);
        assertThat(e.getMessage()).contains("45624 vertices").contains("inside vertex 1000");
    }

    @Test
    void vertexCountBeyondTheFileFailsFastWithoutAllocating() throws IOException {
        Path p =
                file(
                        "liar.ply",
                        "ply\nformat binary_little_endian 1.0\nelement vertex 2147483648\n"
                                + "property float x\nend_header\n");
        long t0 = System.nanoTime();
        InputException e = inputError(p);
        assertThat(System.nanoTime() - t0).isLessThan(500_000_000L);
        assertThat(e.getMessage()).contains("2147483648 vertices").contains("truncated");

        Path ascii =
                file(
                        "liar-ascii.ply",
                        "ply\nformat ascii 1.0\nelement vertex 2000000000\nproperty float x\n"
                                + "property float y\nend_header\n1 2\n");
        assertThat(inputError(ascii).getMessage())
                .contains("2000000000 vertices")
                .contains("only 4 bytes");
    }

    @Test
    void missingGaussianPropertiesAreNamed() throws IOException {
        Path p = tmp.resolve("points.ply");
        VertexTable t =
                new VertexTable(
                        1,
                        List.of(
                                new VertexTable.Column("x", PlyType.FLOAT, new float[1]),
                                new VertexTable.Column("y", PlyType.FLOAT, new float[1]),
                                new VertexTable.Column("z", PlyType.FLOAT, new float[1])),
                        List.of());
        PlyWriter.write(p, t);
        InputException e = inputError(p);
        assertThat(e.getMessage())
                .contains("missing required vertex properties opacity, scale_0")
                .contains("rot_3")
                .doesNotContain(" x,");
    }

    @Test
    void nanAndInfiniteGaussiansAreCountedAndDropped() throws IOException {
        VertexTable t = PlyReader.read(PlyRoundTripTest.DONUT);
        float[] x = (float[]) t.column("x").data();
        float[] op = (float[]) t.column("opacity").data();
        float[] rot = (float[]) t.column("rot_2").data();
        x[3] = Float.NaN;
        op[10] = Float.POSITIVE_INFINITY;
        rot[10] = Float.NaN; // same Gaussian twice: counted once
        rot[45_000] = Float.NEGATIVE_INFINITY;
        Path p = tmp.resolve("nan.ply");
        PlyWriter.write(p, t);
        GaussianScene s = PlyReader.readScene(p);
        assertThat(s.count()).isEqualTo(45_624 - 3);
        assertThat(s.warnings())
                .containsExactly("3 Gaussians with NaN or infinite values were dropped");
        for (int i = 0; i < s.count(); i++) assertThat(Float.isFinite(s.x[i])).isTrue();
    }

    @Test
    void notAPlyAtAll() throws IOException {
        Path p = file("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        InputException e = inputError(p);
        assertThat(e.place()).isEqualTo("byte 0");
        assertThat(e.getMessage()).contains("not a PLY file");
        assertThat(inputError(file("empty.ply", new byte[0])).getMessage())
                .contains("not a PLY file");
        assertThat(
                        inputError(file("noend.ply", "ply\nformat ascii 1.0\nelement vertex 1\n"))
                                .getMessage())
                .contains("before the end_header line");
    }

    @Test
    void unknownFormatVersionAndTypeNameTheLine() throws IOException {
        InputException f =
                inputError(file("fmt.ply", "ply\nformat binary_middle_endian 1.0\nend_header\n"));
        assertThat(f.place()).isEqualTo("header line 2");
        assertThat(f.getMessage()).contains("unknown format \"binary_middle_endian\"");

        InputException t =
                inputError(
                        file(
                                "type.ply",
                                "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n"
                                        + "property half y\nend_header\n1 2\n"));
        assertThat(t.place()).isEqualTo("header line 5");
        assertThat(t.getMessage()).contains("unknown property type \"half\"");

        InputException v = inputError(file("v2.ply", "ply\nformat ascii 2.0\nend_header\n"));
        assertThat(v.getMessage()).contains("version 2.0");
    }

    @Test
    void listPropertyInTheVertexElementIsRejected() throws IOException {
        InputException e =
                inputError(
                        file(
                                "list.ply",
                                "ply\nformat binary_little_endian 1.0\nelement vertex 1\n"
                                        + "property float x\nproperty list uchar float w\nend_header\n"));
        assertThat(e.place()).isEqualTo("property w");
        assertThat(e.getMessage()).contains("list property in the vertex element");
    }

    @Test
    void noVertexElementAndBadAsciiValuesAreReported() throws IOException {
        assertThat(
                        inputError(
                                        file(
                                                "faces.ply",
                                                "ply\nformat ascii 1.0\nelement face 0\nend_header\n"))
                                .getMessage())
                .contains("no vertex element");
        InputException bad =
                inputError(
                        file(
                                "bad.ply",
                                "ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\n"
                                        + "property uchar c\nend_header\n1.0 3\n2.0 300\n"));
        assertThat(bad.place()).isEqualTo("line 8, property c");
        assertThat(bad.getMessage()).contains("\"300\" is not a valid uchar (vertex 1)");
        InputException shortAscii =
                inputError(
                        file(
                                "short.ply",
                                "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
                                        + "property float y\nend_header\n1 2\n3 4 5\n5 6\n"));
        assertThat(shortAscii.place()).isEqualTo("line 8");
        assertThat(shortAscii.getMessage()).contains("vertex 1 has more than 2 values");
    }

    @Test
    void aFailedWriteLeavesNoFile() throws IOException {
        // A column whose storage does not match its declared type makes the writer fail after the
        // header: the target must not appear, half-written or otherwise.
        VertexTable broken =
                new VertexTable(
                        2,
                        List.of(new VertexTable.Column("x", PlyType.FLOAT, new double[2])),
                        List.of());
        Path out = tmp.resolve("out").resolve("broken.ply");
        assertThatThrownBy(() -> PlyWriter.write(out, broken))
                .isInstanceOf(ClassCastException.class);
        assertThat(out).doesNotExist();
        try (var s = Files.list(out.getParent())) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void bigEndianBytesAreDecodedAsBigEndian() throws IOException {
        String header =
                "ply\nformat binary_big_endian 1.0\nelement vertex 1\nproperty float x\n"
                        + "property short s\nend_header\n";
        ByteBuffer b = ByteBuffer.allocate(header.length() + 6).order(ByteOrder.BIG_ENDIAN);
        b.put(header.getBytes(StandardCharsets.US_ASCII)).putFloat(1.25f).putShort((short) -2);
        VertexTable t = PlyReader.read(file("be.ply", b.array()));
        assertThat(t.column("x").get(0)).isEqualTo(1.25);
        assertThat(t.column("s").get(0)).isEqualTo(-2.0);
    }
}
