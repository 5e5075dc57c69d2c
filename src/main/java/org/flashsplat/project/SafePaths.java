package org.flashsplat.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.flashsplat.core.InputException;

/**
 * Paths taken from files or from user-chosen names. Nothing a project file or an object name says
 * may make us write outside the project or the output folder: names are sanitised, and every
 * resolved path is normalised and checked to lie inside its root.
 */
public final class SafePaths {
    private static final Set<String> WINDOWS_RESERVED =
            Set.of(
                    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6",
                    "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
                    "lpt8", "lpt9");

    private SafePaths() {}

    /**
     * A file-name-safe form of a name: letters, digits, '.', '-', '_' (others become '_'), no
     * leading dot, at most 80 characters, never empty or a reserved device name.
     */
    public static String sanitise(String name) {
        StringBuilder sb = new StringBuilder();
        String n = name == null ? "" : name.strip();
        for (int i = 0; i < n.length() && sb.length() < 80; i++) {
            char c = n.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_'
                            || (c == '.' && !sb.isEmpty());
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        if (s.isEmpty()) return "_";
        String stem = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (WINDOWS_RESERVED.contains(stem.toLowerCase(Locale.ROOT))) s = "_" + s;
        return s;
    }

    /**
     * {@code root/relative}, normalised, refused unless it lies inside {@code root}.
     *
     * @throws InputException naming the path when it would escape
     */
    public static Path inside(Path root, String relative) {
        Path base = root.toAbsolutePath().normalize();
        Path p;
        try {
            p = base.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InputException(root, relative, "not a valid path: " + e.getReason());
        }
        if (!p.startsWith(base) || p.equals(base)) {
            throw new InputException(root, relative, "refused: the path leads outside " + base);
        }
        refuseLinksOut(base, p, relative);
        return p;
    }

    /**
     * Refuses a path whose existing parts below {@code base} include a symbolic link that leads
     * outside {@code base} (or to nothing: opening a dangling link for writing would create its
     * target, wherever it points). Links that stay inside are followed as usual. The text check of
     * {@link #inside} alone would let a project's {@code cache -> /home/me} receive our writes and
     * deletions.
     */
    static void refuseLinksOut(Path base, Path p, String relative) {
        Path realBase;
        try {
            realBase = base.toRealPath();
        } catch (IOException e) {
            return; // the root does not exist yet: nothing below it can be a link
        }
        Path cur = base;
        for (Path name : base.relativize(p)) {
            cur = cur.resolve(name);
            if (Files.isSymbolicLink(cur)) {
                Path real;
                try {
                    real = cur.toRealPath();
                } catch (IOException e) {
                    throw new InputException(
                            base,
                            relative,
                            "refused: " + base.relativize(cur) + " is a link to a missing target");
                }
                if (!real.startsWith(realBase)) {
                    throw new InputException(
                            base,
                            relative,
                            "refused: "
                                    + base.relativize(cur)
                                    + " is a link that leads outside the folder (to "
                                    + real
                                    + ")");
                }
            } else if (!Files.exists(cur, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    /** How a project stores an input: relative ('/'-separated) inside the folder, else absolute. */
    public static String store(Path folder, Path input) {
        if (input == null) return null;
        Path base = folder.toAbsolutePath().normalize();
        Path p = input.toAbsolutePath().normalize();
        if (p.startsWith(base) && !p.equals(base)) {
            return base.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        }
        return p.toString();
    }

    /** The path a stored input means: relative ones against the project folder. */
    public static Path resolve(Path folder, String stored) {
        if (stored == null) return null;
        Path p = Path.of(stored);
        return p.isAbsolute()
                ? p.normalize()
                : folder.toAbsolutePath().normalize().resolve(p).normalize();
    }
}
