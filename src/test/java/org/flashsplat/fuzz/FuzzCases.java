package org.flashsplat.fuzz;

import static org.flashsplat.fuzz.Mutations.anyBytes;
import static org.flashsplat.fuzz.Mutations.latin1;
import static org.flashsplat.fuzz.Mutations.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The malformed variants of each input kind: the shapes of input that broke readers before (from
 * issue 16), and seeded random damage on top. Each case copies one base input into its own folder,
 * breaks it there and names the command that reads it.
 */
final class FuzzCases {
    private final BaseInputs base;
    private final Path work;
    private final long seed;
    private final int randomPerKind;
    private final List<FuzzCase> cases = new ArrayList<>();

    FuzzCases(BaseInputs base, Path work, long seed, int randomPerKind) {
        this.base = base;
        this.work = work;
        this.seed = seed;
        this.randomPerKind = randomPerKind;
    }

    List<FuzzCase> all() {
        ply();
        camerasJson();
        colmap();
        masks();
        npy();
        projects();
        return cases;
    }

    private Random random(String kind) {
        return new Random(seed * 31 + kind.hashCode());
    }

    private Path root() {
        return work.resolve("case" + cases.size());
    }

    /** A case that copies {@code input} (a file) into its folder and rewrites it. */
    private void file(
            String kind,
            String label,
            boolean mustFail,
            Path input,
            UnaryOperator<byte[]> edit,
            Cmd cmd) {
        Path root = root();
        Path f = root.resolve(input.getFileName().toString());
        add(
                kind,
                label,
                mustFail,
                f.getFileName().toString(),
                root,
                () -> {
                    Files.createDirectories(root);
                    Files.write(f, edit.apply(Files.readAllBytes(input)));
                },
                cmd.args(f, root.resolve("out")));
    }

    /** A case that copies a folder into its own and rewrites one file of it. */
    private void inFolder(
            String kind,
            String label,
            boolean mustFail,
            Path folder,
            String name,
            UnaryOperator<byte[]> edit,
            Cmd cmd) {
        Path root = root();
        Path copy = root.resolve(folder.getFileName().toString());
        add(
                kind,
                label,
                mustFail,
                name,
                root,
                () -> {
                    BaseInputs.copyTree(folder, copy);
                    Path f = copy.resolve(name);
                    Files.write(f, edit.apply(Files.readAllBytes(f)));
                },
                cmd.args(copy, root.resolve("out")));
    }

    private void add(
            String kind,
            String label,
            boolean mustFail,
            String names,
            Path root,
            FuzzCase.Setup setup,
            List<String> args) {
        cases.add(
                new FuzzCase(kind, label, root, root.resolve("out"), mustFail, names, setup, args));
    }

    @FunctionalInterface
    interface Cmd {
        List<String> args(Path input, Path out);
    }

    private static UnaryOperator<byte[]> replace(String from, String to) {
        return b -> {
            String s = text(b);
            if (!s.contains(from)) throw new IllegalStateException("base input lacks " + from);
            return latin1(
                    s.replaceFirst(
                            java.util.regex.Pattern.quote(from),
                            java.util.regex.Matcher.quoteReplacement(to)));
        };
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

    private void masks() {
        Cmd accumulate =
                (dir, out) ->
                        List.of(
                                "accumulate",
                                "--scene",
                                base.ply().toString(),
                                "--cameras",
                                base.cameras().toString(),
                                "--masks",
                                dir.toString(),
                                "--threads",
                                "1",
                                "--out",
                                out.toString(),
                                "--quiet");
        Cmd info = (dir, out) -> List.of("info", dir.toString());
        Path png = base.masks(), jpg = base.jpegMasks(), sam = base.samMasks();
        inFolder(
                "mask PNG",
                "IHDR 40000 x 30000",
                true,
                png,
                "view_001.png",
                b -> ihdr(b, 40000, 30000),
                accumulate);
        inFolder(
                "mask PNG",
                "IHDR 2^31 x 1",
                true,
                png,
                "view_001.png",
                b -> ihdr(b, 1 << 31, 1),
                accumulate);
        inFolder(
                "mask PNG",
                "IHDR 0 x 0",
                true,
                png,
                "view_001.png",
                b -> ihdr(b, 0, 0),
                accumulate);
        Path stray = png.resolve("view_001.png");
        Path root = root();
        add(
                "mask PNG",
                "40000 x 30000 PNG matching no camera, by info",
                false,
                "stray.png",
                root,
                () -> {
                    BaseInputs.copyTree(png, root.resolve("masks"));
                    Files.write(
                            root.resolve("masks/stray.png"),
                            ihdr(Files.readAllBytes(stray), 40000, 30000));
                },
                List.of("info", root.resolve("masks").toString()));
        inFolder(
                "mask JPEG",
                "SOF 65535 x 65535",
                true,
                jpg,
                "view_001.jpg",
                FuzzCases::hugeJpeg,
                accumulate);
        inFolder(
                "SAM JSON",
                "size [30000, 40000]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "30000, 40000"),
                accumulate);
        inFolder(
                "SAM JSON",
                "size [49152, 65536]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "49152, 65536"),
                accumulate);
        inFolder(
                "SAM JSON",
                "size [65536, 65536]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "65536, 65536"),
                accumulate);
        inFolder(
                "SAM JSON",
                "size [-1, 5]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "-1, 5"),
                accumulate);
        Random r = random("masks");
        for (int i = 0; i < randomPerKind; i++) {
            long s = r.nextLong();
            inFolder(
                    "mask PNG",
                    "random bytes #" + i,
                    false,
                    png,
                    "view_00" + (i % 6) + ".png",
                    b -> anyBytes(b, new Random(s)),
                    i % 3 == 0 ? info : accumulate);
            inFolder(
                    "mask JPEG",
                    "random bytes #" + i,
                    false,
                    jpg,
                    "view_00" + (i % 6) + ".jpg",
                    b -> anyBytes(b, new Random(s)),
                    accumulate);
            inFolder(
                    "SAM JSON",
                    "random number #" + i,
                    false,
                    sam,
                    "view_00" + (i % 6) + ".json",
                    b -> latin1(Mutations.replaceNumber(text(b), new Random(s), 0)),
                    accumulate);
        }
    }

    private static byte[] ihdr(byte[] b, int w, int h) {
        ByteBuffer.wrap(b).putInt(16, w).putInt(20, h);
        return b;
    }

    private static byte[] hugeJpeg(byte[] b) {
        for (int i = 2; i + 8 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && ((b[i + 1] & 0xff) == 0xc0 || (b[i + 1] & 0xff) == 0xc2)) {
                ByteBuffer.wrap(b).putShort(i + 5, (short) 0xffff).putShort(i + 7, (short) 0xffff);
                return b;
            }
        }
        throw new IllegalStateException("no SOF marker in the base JPEG");
    }

    private static byte[] samSize(byte[] b, String size) {
        return latin1(
                text(b).replaceAll("\"size\"\\s*:\\s*\\[[^\\]]*\\]", "\"size\": [" + size + "]"));
    }

    private void npy() {
        Cmd segment =
                (f, out) ->
                        List.of(
                                "segment",
                                "--contributions",
                                f.toString(),
                                "--out",
                                out.toString(),
                                "--quiet");
        Path npy = base.contributions();
        file(
                ".npy",
                "shape (5L, 9000L)",
                true,
                npy,
                b -> header(b, "'shape': (5L, 9000L)"),
                segment);
        file(".npy", "shape (3.5, 2)", true, npy, b -> header(b, "'shape': (3.5, 2)"), segment);
        file(
                ".npy",
                "descr ''",
                true,
                npy,
                b -> latin1(text(b).replaceFirst("'descr': '[^']*'", "'descr': ''")),
                segment);
        file(".npy", "int64 values of 2^40", true, npy, FuzzCases::int64Big, segment);
        file(
                ".npy",
                "shape (9999999999, 9999999999)",
                true,
                npy,
                b -> header(b, "'shape': (9999999999, 9999999999)"),
                segment);
        file(
                ".npy",
                "shape (50000, 1) in a small file",
                true,
                npy,
                b -> header(b, "'shape': (50000, 100)"),
                segment);
        file(
                ".npy",
                "Fortran order",
                true,
                npy,
                b -> latin1(text(b).replace("False", "True ")),
                segment);
        file(
                ".npy",
                "no magic",
                true,
                npy,
                b -> {
                    b[1] = 'X';
                    return b;
                },
                segment);
        Random r = random("npy");
        for (int i = 0; i < randomPerKind; i++) {
            long s = r.nextLong();
            file(
                    ".npy",
                    "random header bytes #" + i,
                    false,
                    npy,
                    b -> headerFlip(b, new Random(s)),
                    segment);
            file(
                    ".npy",
                    "truncated #" + i,
                    true,
                    npy,
                    b -> java.util.Arrays.copyOf(b, new Random(s).nextInt(b.length - 1)),
                    segment);
        }
    }

    /** The array with its header's shape entry replaced (the header re-padded as numpy does). */
    private static byte[] header(byte[] b, String shape) {
        String s = text(b);
        int nl = s.indexOf('\n');
        String dict = s.substring(10, nl).strip();
        int at = dict.indexOf("'shape'"), end = dict.indexOf(')', at) + 1;
        dict = dict.substring(0, at) + shape + dict.substring(end);
        return npy(dict, java.util.Arrays.copyOfRange(b, nl + 1, b.length));
    }

    private static byte[] npy(String dict, byte[] body) {
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        byte[] h = latin1(dict + " ".repeat(pad) + "\n");
        ByteBuffer out =
                ByteBuffer.allocate(10 + h.length + body.length)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length);
        return out.put(h).put(body).array();
    }

    private static byte[] int64Big(byte[] b) {
        ByteBuffer body = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        body.putLong(0, 1L << 40);
        return npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 4), }", body.array());
    }

    private static byte[] headerFlip(byte[] b, Random r) {
        int end = text(b).indexOf('\n');
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++)
            b[10 + r.nextInt(end - 10)] ^= (byte) (1 + r.nextInt(127));
        return b;
    }

    private void projects() {
        Cmd export =
                (dir, out) ->
                        List.of(
                                "export-all",
                                "--project",
                                dir.toString(),
                                "--out",
                                out.toString(),
                                "--threads",
                                "1",
                                "--quiet");
        Path p = base.project();
        inFolder(
                "project",
                "object id 1.5",
                true,
                p,
                "project.json",
                b -> objects(b, "[{\"id\": 1.5}]"),
                export);
        inFolder(
                "project",
                "object id 65536",
                true,
                p,
                "project.json",
                b -> objects(b, "[{\"id\": 65536}]"),
                export);
        inFolder(
                "project",
                "object id -1",
                true,
                p,
                "project.json",
                b -> objects(b, "[{\"id\": -1}]"),
                export);
        inFolder(
                "project",
                "schema 99",
                true,
                p,
                "project.json",
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "\"schema_version\"\\s*:\\s*\\d+",
                                                "\"schema_version\": 99")),
                export);
        inFolder(
                "project",
                "nested 100000 deep",
                true,
                p,
                "project.json",
                b -> latin1("{\"a\":" + "[".repeat(100_000)),
                export);
        inFolder(
                "project",
                "comment in JSON",
                true,
                p,
                "project.json",
                b -> latin1("// hi\n" + text(b)),
                export);
        inFolder(
                "project",
                "edited mask 40000 x 30000",
                true,
                p,
                "project.json",
                b ->
                        latin1(
                                text(b).replaceFirst(
                                                "\"edited_masks\"\\s*:\\s*\\{\\s*\\}",
                                                "\"edited_masks\": {\"view_000\": \"edited_masks/view_000.png\"}")),
                export);
        Path edited =
                cases.get(cases.size() - 1).root().resolve("project/edited_masks/view_000.png");
        FuzzCase last = cases.remove(cases.size() - 1);
        cases.add(
                new FuzzCase(
                        last.kind(),
                        last.label(),
                        last.root(),
                        last.out(),
                        true,
                        "view_000.png",
                        () -> {
                            last.setup().make();
                            Files.createDirectories(edited.getParent());
                            Files.write(
                                    edited,
                                    ihdr(
                                            Files.readAllBytes(
                                                    base.masks().resolve("view_000.png")),
                                            40000,
                                            30000));
                        },
                        last.args()));
        link(
                "lock file linked outside",
                true,
                ".flashsplat.lock",
                export,
                (proj, outside) -> {
                    Path precious = Files.writeString(outside.resolve("precious.txt"), "keep");
                    Files.deleteIfExists(proj.resolve(".flashsplat.lock"));
                    Files.createSymbolicLink(proj.resolve(".flashsplat.lock"), precious);
                });
        link(
                "lock file a folder",
                true,
                ".flashsplat.lock",
                export,
                (proj, outside) -> {
                    Files.deleteIfExists(proj.resolve(".flashsplat.lock"));
                    Files.createDirectory(proj.resolve(".flashsplat.lock"));
                });
        link(
                "cache linked outside",
                false,
                "cache",
                export,
                (proj, outside) -> {
                    Files.writeString(outside.resolve("contributions-0.npy"), "not ours");
                    Files.writeString(outside.resolve(".x.abc.tmp"), "not ours");
                    Files.createSymbolicLink(proj.resolve("cache"), outside);
                });
        link(
                "edited_masks linked outside",
                true,
                "edited_masks",
                export,
                (proj, outside) -> {
                    Files.writeString(outside.resolve("a.png"), "not ours");
                    Files.createSymbolicLink(proj.resolve("edited_masks"), outside);
                    Path json = proj.resolve("project.json");
                    Files.writeString(
                            json,
                            Files.readString(json)
                                    .replaceFirst(
                                            "\"edited_masks\"\\s*:\\s*\\{\\s*\\}",
                                            "\"edited_masks\": {\"view_000\": \"edited_masks/a.png\"}"));
                });
        Random r = random("project");
        for (int i = 0; i < Math.max(1, randomPerKind / 2); i++) {
            long s = r.nextLong();
            inFolder(
                    "project",
                    "random bytes #" + i,
                    false,
                    p,
                    "project.json",
                    b -> anyBytes(b, new Random(s)),
                    export);
        }
    }

    private static byte[] objects(byte[] b, String objects) {
        String s = text(b);
        String out = s.replaceFirst("\"objects\"\\s*:\\s*\\[[^\\]]*\\]", "\"objects\": " + objects);
        if (out.equals(s)) throw new IllegalStateException("base project has no objects list");
        return latin1(out);
    }

    interface LinkSetup {
        void make(Path project, Path outside) throws IOException;
    }

    private void link(String label, boolean mustFail, String names, Cmd cmd, LinkSetup setup) {
        Path root = root();
        Path proj = root.resolve("project"), outside = root.resolve("outside");
        add(
                "project",
                label,
                mustFail,
                names,
                root,
                () -> {
                    BaseInputs.copyTree(base.project(), proj);
                    Files.createDirectories(outside);
                    setup.make(proj, outside);
                },
                cmd.args(proj, root.resolve("out")));
    }
}
