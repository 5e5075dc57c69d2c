package org.flashsplat.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlyRoundTripTest {
    static final Path DONUT = Path.of("src/test/resources/donut/point_cloud.ply");
    static final Path TABLETOP = Path.of("src/test/resources/golden/tabletop/point_cloud.ply");

    @TempDir Path tmp;

    @Test
    void donutWrittenBackIsByteForByteTheFileRead() throws IOException {
        VertexTable t = PlyReader.read(DONUT);
        assertThat(t.count()).isEqualTo(45_624);
        assertThat(t.names()).startsWith("x", "y", "z", "f_dc_0").contains("rot_3").hasSize(14);
        Path out = tmp.resolve("donut.ply");
        PlyWriter.write(out, t);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(DONUT));
    }

    @Test
    void tabletopWrittenBackIsByteForByteTheFileRead() throws IOException {
        VertexTable t = PlyReader.read(TABLETOP);
        assertThat(t.count()).isEqualTo(9_000);
        assertThat(t.names()).hasSize(62).contains("nx", "f_rest_44");
        Path out = tmp.resolve("tabletop.ply");
        PlyWriter.write(out, t);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(TABLETOP));
    }

    @Test
    void donutSceneHasExpectedShape() throws IOException {
        GaussianScene s = PlyReader.readScene(DONUT);
        assertThat(s.count()).isEqualTo(45_624);
        assertThat(s.shDegree()).isZero();
        assertThat(s.warnings()).isEmpty();
        // Spot-check the first Gaussian's x against the raw little-endian bytes after the header.
        byte[] raw = Files.readAllBytes(DONUT);
        int start = new String(raw, StandardCharsets.ISO_8859_1).indexOf("end_header\n") + 11;
        float x0 = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat(start);
        float x1 = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat(start + 14 * 4);
        assertThat(s.x[0]).isEqualTo(x0);
        assertThat(s.x[1]).isEqualTo(x1);
    }

    @Test
    void bigEndianAndAsciiReadBackToTheSameValues() throws IOException {
        // A slice keeps the ASCII round trip fast; every property and value kind is still there.
        int[] rows = java.util.stream.IntStream.range(0, 1500).toArray();
        VertexTable t = PlyReader.read(TABLETOP).select(rows, rows.length);
        for (PlyHeader.Format f :
                List.of(PlyHeader.Format.BINARY_BIG_ENDIAN, PlyHeader.Format.ASCII)) {
            Path out = tmp.resolve(f + ".ply");
            PlyWriter.write(out, t, f);
            assertThat(PlyReader.readHeader(out).format()).isEqualTo(f);
            assertSameTable(PlyReader.read(out), t);
        }
        assertThat(Files.readString(tmp.resolve("ASCII.ply"), StandardCharsets.ISO_8859_1))
                .contains("format ascii 1.0\n");
    }

    @Test
    void anyPropertyOrderDoublesIntegersAndCommentsAreKept() throws IOException {
        int n = 5;
        double[] x = {1.5, -2.25, 3e-7, 1e300, -0.0};
        int[] label = {0, 255, 7, 128, 1};
        int[] big = {-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, 42}; // uint: -1 is 4294967295
        int[] shorts = {-32768, 32767, 0, -1, 5};
        int[] chars = {-128, 127, 0, -1, 3};
        VertexTable t =
                new VertexTable(
                        n,
                        List.of(
                                new VertexTable.Column("label", PlyType.UCHAR, label),
                                new VertexTable.Column("x", PlyType.DOUBLE, x),
                                new VertexTable.Column("id", PlyType.UINT, big),
                                new VertexTable.Column("s", PlyType.SHORT, shorts),
                                new VertexTable.Column(
                                        "us", PlyType.USHORT, new int[] {0, 65535, 1, 2, 3}),
                                new VertexTable.Column("c", PlyType.CHAR, chars),
                                new VertexTable.Column("i", PlyType.INT, big.clone())),
                        List.of("made by a test", " two  spaces"));
        for (PlyHeader.Format f : PlyHeader.Format.values()) {
            Path out = tmp.resolve("mixed-" + f + ".ply");
            PlyWriter.write(out, t, f);
            VertexTable back = PlyReader.read(out);
            assertSameTable(back, t);
            assertThat(back.comments()).containsExactly("made by a test", " two  spaces");
            assertThat(back.column("id").get(0)).isEqualTo(4294967295.0);
        }
    }

    @Test
    void otherElementsBeforeAndAfterTheVertexAreSkipped() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String header =
                "ply\nformat binary_little_endian 1.0\ncomment c\n"
                        + "element face 2\nproperty list uchar int vertex_indices\nproperty uchar flag\n"
                        + "element vertex 2\nproperty float x\nproperty float y\n"
                        + "element edge 1\nproperty int a\nproperty int b\nend_header\n";
        b.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        body.put((byte) 3).putInt(0).putInt(1).putInt(2).put((byte) 9); // face 0
        body.put((byte) 1).putInt(5).put((byte) 8); // face 1
        body.putFloat(1f).putFloat(2f).putFloat(3f).putFloat(4f); // vertices
        body.putInt(0).putInt(1); // edge
        b.write(body.array(), 0, body.position());
        Path f = tmp.resolve("faces.ply");
        Files.write(f, b.toByteArray());
        PlyReader.Result r = PlyReader.readFull(f);
        assertThat((float[]) r.table().column("x").data()).containsExactly(1f, 3f);
        assertThat((float[]) r.table().column("y").data()).containsExactly(2f, 4f);
        assertThat(r.warnings()).anyMatch(w -> w.contains("face (2)") && w.contains("edge (1)"));

        String ascii =
                "ply\nformat ascii 1.0\nelement face 1\nproperty list uchar int vi\n"
                        + "element vertex 2\nproperty float x\nend_header\n3 0 1 2\n0.5\n-1e-3\n";
        Path a = tmp.resolve("faces-ascii.ply");
        Files.writeString(a, ascii);
        assertThat((float[]) PlyReader.read(a).column("x").data()).containsExactly(0.5f, -1e-3f);
    }

    /** Offsets past 2 GiB: a sparse file whose vertex data starts after 2.2 GB of padding. */
    @Test
    void vertexDataPastTwoGibibytesIsRead() throws IOException {
        long pad = 2_200_000_000L;
        String header =
                "ply\nformat binary_little_endian 1.0\nelement pad "
                        + pad
                        + "\nproperty uchar p\nelement vertex 2\nproperty float x\nend_header\n";
        Path f = tmp.resolve("sparse.ply");
        try (var ch =
                java.nio.channels.FileChannel.open(
                        f,
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer v =
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putFloat(6.5f)
                            .putFloat(-7f);
            ch.write(v.flip(), header.length() + pad);
        }
        assertThat(Files.size(f)).isGreaterThan(1L << 31);
        assertThat((float[]) PlyReader.read(f).column("x").data()).containsExactly(6.5f, -7f);
    }

    static void assertSameTable(VertexTable actual, VertexTable expected) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.names()).isEqualTo(expected.names());
        for (VertexTable.Column c : expected.columns()) {
            VertexTable.Column a = actual.column(c.name());
            assertThat(a.type()).as(c.name()).isEqualTo(c.type());
            switch (c.data()) {
                case float[] f -> assertThat((float[]) a.data()).as(c.name()).isEqualTo(f);
                case double[] d -> assertThat((double[]) a.data()).as(c.name()).isEqualTo(d);
                case int[] i -> assertThat((int[]) a.data()).as(c.name()).isEqualTo(i);
                default -> throw new AssertionError(c.name());
            }
        }
    }
}
