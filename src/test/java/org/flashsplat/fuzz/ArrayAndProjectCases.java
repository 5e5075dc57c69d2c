package org.flashsplat.fuzz;

import static org.flashsplat.fuzz.Mutations.anyBytes;
import static org.flashsplat.fuzz.Mutations.latin1;
import static org.flashsplat.fuzz.Mutations.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Broken .npy arrays (segment --contributions) and project folders (export-all). */
final class ArrayAndProjectCases extends CaseBuilder {
    ArrayAndProjectCases(
            BaseInputs base, Path work, long seed, int randomPerKind, List<FuzzCase> cases) {
        super(base, work, seed, randomPerKind, cases);
    }

    void build() {
        npy();
        projects();
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
        file(".npy", "int64 values of 2^40", true, npy, ArrayAndProjectCases::int64Big, segment);
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
        // Valid but extreme: 20000 labels of 2 Gaussians (a k x k table would be 3.2 GB).
        file(
                ".npy",
                "shape (20000, 2)",
                false,
                npy,
                b ->
                        npy(
                                "{'descr': '<f4', 'fortran_order': False, 'shape': (20000, 2), }",
                                new byte[20000 * 2 * 4]),
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
