package org.flashsplat.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Npy;
import org.flashsplat.core.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sums contributions computed on view shards. A is a plain sum over views, so shards accumulated on
 * several machines add up to the contributions of the whole capture.
 */
@Command(name = "merge", description = "Sum contributions.npy files computed on view shards.")
public final class MergeCommand implements Callable<Integer> {
    @Parameters(
            arity = "2..*",
            paramLabel = "FILE.npy",
            description = "Contributions of each shard.")
    List<Path> inputs;

    @Option(names = "--out", required = true, description = "Output folder for contributions.npy.")
    Path out;

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
        int labels = 0, count = -1;
        Npy.Array[] arrays = new Npy.Array[inputs.size()];
        for (int f = 0; f < inputs.size(); f++) {
            Npy.Array a = Npy.read(inputs.get(f));
            if (!a.dtype().equals("float32") || a.shape().length != 2) {
                throw new InputException(
                        inputs.get(f), "header", "expected float32 contributions of shape (L, N)");
            }
            if (count >= 0 && a.shape()[1] != count) {
                throw new InputException(
                        inputs.get(f),
                        "header",
                        a.shape()[1] + " Gaussians, but " + inputs.get(0) + " has " + count);
            }
            count = a.shape()[1];
            labels = Math.max(labels, a.shape()[0]);
            arrays[f] = a;
        }
        // Sum in double, file by file in the order given, so the result does not depend on anything
        // else.
        double[] sum = new double[labels * count];
        for (Npy.Array a : arrays) {
            float[] v = a.floats();
            for (int k = 0; k < v.length; k++) sum[k] += v[k];
        }
        float[] result = new float[sum.length];
        for (int k = 0; k < sum.length; k++) result[k] = (float) sum[k];
        Npy.writeFloat32(out.resolve("contributions.npy"), new int[] {labels, count}, result);
        System.out.printf(
                "merged %d shards: %d labels x %,d Gaussians -> %s%n",
                inputs.size(), labels, count, this.out.resolve("contributions.npy"));
        return 0;
    }
}
