package org.flashsplat.project;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flashsplat.core.InputException;

/**
 * Finds the bundled sample scene, {@code samples/tabletop}: beside the working folder, beside the
 * jar (the jar is in {@code target/} or in an installed app's folder), or where {@code
 * FLASHSPLAT_SAMPLE} points.
 */
public final class Samples {
    public static final String NAME = "tabletop";

    private Samples() {}

    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("FLASHSPLAT_SAMPLE");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        candidates.add(Path.of("samples", NAME));
        try {
            Path jar =
                    Path.of(
                            Samples.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve("samples").resolve(NAME));
                if (candidates.size() > 8) break;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source (e.g. some test runners): the working folder is enough
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("point_cloud.ply"))
                    && Files.isRegularFile(c.resolve("cameras.json"))) {
                return Optional.of(c.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The sample folder, or a clear error saying where it was looked for. */
    public static Path locate() {
        return find().orElseThrow(
                        () ->
                                new InputException(
                                        Path.of("samples", NAME),
                                        null,
                                        "bundled sample not found (run from the project folder, set FLASHSPLAT_SAMPLE, or rebuild it"
                                                + " with 'flashsplat sample --out samples/"
                                                + NAME
                                                + "')"));
    }
}
