package org.flashsplat.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The malformed variants of each input kind: the shapes of input that broke readers before (from
 * issue 16), and seeded random damage on top. Each case copies one base input into its own folder,
 * breaks it there and names the command that reads it.
 */
final class FuzzCases {
    private FuzzCases() {}

    static List<FuzzCase> all(BaseInputs base, Path work, long seed, int randomPerKind) {
        List<FuzzCase> cases = new ArrayList<>();
        new SceneCases(base, work, seed, randomPerKind, cases).build();
        new MaskCases(base, work, seed, randomPerKind, cases).build();
        new ArrayAndProjectCases(base, work, seed, randomPerKind, cases).build();
        return cases;
    }
}
