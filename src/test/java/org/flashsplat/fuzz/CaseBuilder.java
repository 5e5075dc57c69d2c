package org.flashsplat.fuzz;

import static org.flashsplat.fuzz.Mutations.latin1;
import static org.flashsplat.fuzz.Mutations.text;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * What the case families share: the base inputs, a seeded random source per kind, and ways to copy
 * one input into a case's own folder and break it there.
 */
class CaseBuilder {
    final BaseInputs base;
    final Path work;
    final long seed;
    final int randomPerKind;
    final List<FuzzCase> cases;

    CaseBuilder(BaseInputs base, Path work, long seed, int randomPerKind, List<FuzzCase> cases) {
        this.base = base;
        this.work = work;
        this.seed = seed;
        this.randomPerKind = randomPerKind;
        this.cases = cases;
    }

    Random random(String kind) {
        return new Random(seed * 31 + kind.hashCode());
    }

    Path root() {
        return work.resolve("case" + cases.size());
    }

    /** A case that copies {@code input} (a file) into its folder and rewrites it. */
    void file(
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
    void inFolder(
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

    void add(
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

    static UnaryOperator<byte[]> replace(String from, String to) {
        return b -> {
            String s = text(b);
            if (!s.contains(from)) throw new IllegalStateException("base input lacks " + from);
            return latin1(
                    s.replaceFirst(
                            java.util.regex.Pattern.quote(from),
                            java.util.regex.Matcher.quoteReplacement(to)));
        };
    }

    static byte[] ihdr(byte[] b, int w, int h) {
        ByteBuffer.wrap(b).putInt(16, w).putInt(20, h);
        return b;
    }
}
