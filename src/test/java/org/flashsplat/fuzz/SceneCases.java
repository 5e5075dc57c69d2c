package org.flashsplat.fuzz;

import static org.flashsplat.fuzz.Mutations.anyBytes;
import static org.flashsplat.fuzz.Mutations.latin1;
import static org.flashsplat.fuzz.Mutations.text;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Broken scenes and cameras: PLY (binary and ASCII), cameras.json, COLMAP text and binary. */
final class SceneCases extends CaseBuilder {
    SceneCases(BaseInputs base, Path work, long seed, int randomPerKind, List<FuzzCase> cases) {
        super(base, work, seed, randomPerKind, cases);
    }

    void build() {
        ply();
        camerasJson();
        colmap();
    }

    private void ply() {
        Cmd info = (f, out) -> List.of("info", f.toString());
        Path bin = base.ply(), ascii = base.asciiPly();
        file("PLY", "3-byte file", true, bin, b -> latin1("ply"), info);
        file("PLY", "empty file", true, bin, b -> new byte[0], info);
        file(
                "PLY",
                "no Gaussians",
                true,
                bin,
                b ->
                        latin1(
                                text(b).replaceFirst("element vertex \\d+", "element vertex 0")
                                        .substring(0, text(b).indexOf("end_header") + 11)),
                info);
        file(
                "PLY",
                "4 billion vertices declared",
                true,
                bin,
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "element vertex \\d+",
                                                "element vertex 4294967296")),
                info);
        file("PLY", "uchar x", true, ascii, replace("property float x", "property uchar x"), info);
        file("PLY", "1.0f in ASCII", true, ascii, b -> asciiValue(b, "1.0f"), info);
        file("PLY", "0x1p3 in ASCII", true, ascii, b -> asciiValue(b, "0x1p3"), info);
        file(
                "PLY",
                "no end_header",
                true,
                bin,
                b -> latin1(text(b).replace("end_header", "end_headr")),
                info);
        file(
                "PLY",
                "unknown format",
                true,
                bin,
                replace("binary_little_endian", "binary_middle_endian"),
                info);
        Random r = random("ply");
        for (int i = 0; i < randomPerKind; i++) {
            long s = r.nextLong();
            file("PLY", "random bytes #" + i, false, bin, b -> anyBytes(b, new Random(s)), info);
            file(
                    "PLY",
                    "random ASCII number #" + i,
                    false,
                    ascii,
                    b -> latin1(Mutations.replaceNumber(text(b), new Random(s), 0)),
                    info);
        }
    }

    /** The ASCII PLY with the first value of every row NaN. */
    private static byte[] allNaN(byte[] b) {
        String s = text(b);
        int data = s.indexOf("end_header\n") + 11;
        StringBuilder out = new StringBuilder(s.substring(0, data));
        for (String row : s.substring(data).split("\n")) {
            if (!row.isBlank())
                out.append("nan").append(row.substring(row.indexOf(' '))).append('\n');
        }
        return latin1(out.toString());
    }

    /** The ASCII PLY with its first data value replaced. */
    private static byte[] asciiValue(byte[] b, String value) {
        String s = text(b);
        int data = s.indexOf("end_header\n") + 11;
        int end = s.indexOf(' ', data);
        return latin1(s.substring(0, data) + value + s.substring(end));
    }

    private void camerasJson() {
        Cmd info = (f, out) -> List.of("info", f.toString());
        Path cams = base.cameras();
        file(
                "cameras.json",
                "20000 x 15000 camera",
                true,
                cams,
                b -> size(b, "20000", "15000"),
                info);
        file(
                "cameras.json",
                "65536 x 49152 camera",
                true,
                cams,
                b -> size(b, "65536", "49152"),
                info);
        file(
                "cameras.json",
                "1333333332 x 999999999 camera",
                true,
                cams,
                b -> size(b, "1333333332", "999999999"),
                info);
        file(
                "cameras.json",
                "fx 1e-300",
                true,
                cams,
                replace("\"fx\": 138.5640646055102", "\"fx\": 1e-300"),
                info);
        file(
                "cameras.json",
                "fx 1e308",
                true,
                cams,
                replace("\"fx\": 138.5640646055102", "\"fx\": 1e308"),
                info);
        file("cameras.json", "rotation of zeros", true, cams, b -> rotation(b, "0, 0, 0"), info);
        file(
                "cameras.json",
                "rotation 1000 x I",
                true,
                cams,
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "\"rotation\": \\[[^\\]]*\\][^\\]]*\\][^\\]]*\\]\\s*\\]",
                                                "\"rotation\": [[1000, 0, 0], [0, 1000, 0], [0, 0, 1000]]")),
                info);
        file("cameras.json", "empty list", true, cams, b -> latin1("[]"), info);
        file(
                "cameras.json",
                "nested 100000 deep",
                true,
                cams,
                b -> latin1("[".repeat(100_000)),
                info);
        file(
                "cameras.json",
                "NaN position",
                true,
                cams,
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "\"position\": \\[\\s*[-0-9.e]+",
                                                "\"position\": [NaN")),
                info);
        Random r = random("cameras.json");
        for (int i = 0; i < randomPerKind; i++) {
            long s = r.nextLong();
            file(
                    "cameras.json",
                    "random number #" + i,
                    false,
                    cams,
                    b -> latin1(Mutations.replaceNumber(text(b), new Random(s), 0)),
                    info);
            file(
                    "cameras.json",
                    "control characters #" + i,
                    false,
                    cams,
                    b -> Mutations.utf8(Mutations.controlString(text(b), new Random(s))),
                    info);
            file(
                    "cameras.json",
                    "random bytes #" + i,
                    false,
                    cams,
                    b -> anyBytes(b, new Random(s)),
                    info);
        }
    }

    private static byte[] size(byte[] b, String w, String h) {
        return latin1(
                text(b).replaceFirst("\"width\": 160", "\"width\": " + w)
                        .replaceFirst("\"height\": 120", "\"height\": " + h));
    }

    private static byte[] rotation(byte[] b, String row) {
        return latin1(
                text(b).replaceFirst(
                                "\"rotation\": \\[[^\\]]*\\][^\\]]*\\][^\\]]*\\]\\s*\\]",
                                "\"rotation\": [[" + row + "], [" + row + "], [" + row + "]]"));
    }

    private void colmap() {
        Cmd info = (dir, out) -> List.of("info", dir.toString());
        Path text = base.colmapText(), bin = base.colmapBinary();
        inFolder(
                "COLMAP text",
                "PINHOLE 1048576 786432",
                true,
                text,
                "cameras.txt",
                replace("PINHOLE 160 120", "PINHOLE 1048576 786432"),
                info);
        inFolder(
                "COLMAP text",
                "width 0",
                true,
                text,
                "cameras.txt",
                replace("PINHOLE 160 120", "PINHOLE 0 120"),
                info);
        inFolder(
                "COLMAP text",
                "NaN translation",
                true,
                text,
                "images.txt",
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "0\\.000000000000 0\\.288795282046",
                                                "nan 0.288795282046")),
                info);
        inFolder(
                "COLMAP text",
                "Inf translation",
                true,
                text,
                "images.txt",
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "0\\.000000000000 0\\.288795282046",
                                                "Infinity 0.288795282046")),
                info);
        inFolder(
                "COLMAP text",
                "zero quaternion",
                true,
                text,
                "images.txt",
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "0\\.696185126449 0\\.096037986096 0\\.704735226726 0\\.097217463193",
                                                "0 0 0 0")),
                info);
        inFolder(
                "COLMAP binary",
                "2^62 cameras declared",
                true,
                bin,
                "cameras.bin",
                b -> {
                    ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 62);
                    return b;
                },
                info);
        inFolder(
                "COLMAP binary",
                "camera 2^40 pixels wide",
                true,
                bin,
                "cameras.bin",
                b -> {
                    ByteBuffer.wrap(b)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .putLong(16, 1L << 40);
                    return b;
                },
                info);
        Random r = random("colmap");
        for (int i = 0; i < randomPerKind; i++) {
            long s = r.nextLong();
            String which = i % 2 == 0 ? "cameras" : "images";
            inFolder(
                    "COLMAP text",
                    "random number in " + which + ".txt #" + i,
                    false,
                    text,
                    which + ".txt",
                    b -> latin1(Mutations.replaceNumber(text(b), new Random(s), 0)),
                    info);
            inFolder(
                    "COLMAP binary",
                    "random bytes in " + which + ".bin #" + i,
                    false,
                    bin,
                    which + ".bin",
                    b -> anyBytes(b, new Random(s)),
                    info);
        }
    }
}
