package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flashsplat.core.InputException;
import org.flashsplat.core.OutputFolder;
import org.flashsplat.lift.ContributionFiles;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sums contributions computed on view shards. A is a plain sum over views, so shards accumulated on
 * several machines add up to the contributions of the whole capture. The sum is taken in the 64-bit
 * fixed point of the pass: shards written with {@code accumulate --exact} merge to exactly the
 * bytes one run over all views writes; float32 shards merge to within float rounding.
 */
@Command(
        name = "merge",
        description =
                "Sum contributions computed on view shards (contributions-exact.npz for an exact"
                        + " merge, or contributions.npz / .npy).")
public final class MergeCommand implements Callable<Integer> {
    @Parameters(
            arity = "2..*",
            paramLabel = "FILE",
            description = "Contributions of each shard (.npz or .npy, or a shard's folder).")
    List<Path> inputs;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(
            names = "--dense",
            description = "Also write the dense contributions.npy however large.")
    boolean dense;

    @Override
    public Integer call() throws Exception {
        try (OutputFolder folder = OutputFolder.open(out)) {
            int status = run(folder.staging());
            folder.commit();
            return status;
        }
    }

    /**
     * The run itself, writing into {@code out}: the staging folder, moved into place by {@link
     * OutputFolder#commit} (the parameter shadows the option on purpose).
     */
    private int run(Path out) throws Exception {
        Contributions sum = null;
        Path first = null;
        boolean allExact = true;
        for (Path in : inputs) {
            Path file = in.toFile().isDirectory() ? shardFile(in) : in;
            ContributionTable t = ContributionFiles.read(file);
            allExact &= file.getFileName().toString().equals(ContributionFiles.EXACT);
            if (sum == null) {
                sum = new Contributions(t.labels(), t.count());
                first = file;
            } else if (t.count() != sum.count()) {
                throw new InputException(
                        file,
                        "shape",
                        t.count() + " Gaussians, but " + first + " has " + sum.count());
            } else if (t.labels() > sum.labels()) {
                sum = sum.withLabels(t.labels());
            }
            sum.add(t);
        }
        ContributionTable total = sum.table();
        ContributionFiles.Written w = ContributionFiles.write(out, total, dense, allExact);
        System.out.printf(
                "merged %d shards%s: %d labels x %,d Gaussians, %,d non-zero -> %s%n",
                inputs.size(),
                allExact ? " exactly" : "",
                total.labels(),
                total.count(),
                total.nonZero(),
                this.out.resolve(w.sparse().getFileName()));
        return 0;
    }

    private static Path shardFile(Path dir) {
        Path exact = dir.resolve(ContributionFiles.EXACT);
        return exact.toFile().isFile() ? exact : ContributionFiles.find(dir);
    }
}
