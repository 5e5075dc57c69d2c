package org.flashsplat.sam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a click costs once a view is embedded: the decoder alone, median and worst of 50 clicks (not
 * a unit test: run by hand). With a model folder it measures that model on a ramp picture; without,
 * the stand-in (which says little about a real SAM decoder, but shows the Java side's share:
 * preparing points, copying the mask out).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:DEPS org.flashsplat.sam.SamClickBench [MODEL_DIR] [width] [height]
 * </pre>
 */
public final class SamClickBench {
    private SamClickBench() {}

    public static void main(String[] args) throws Exception {
        Path dir =
                args.length > 0
                        ? Path.of(args[0])
                        : StandInSam.write(Files.createTempDirectory("sam-bench"));
        int w = args.length > 1 ? Integer.parseInt(args[1]) : 1280;
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 720;
        try (SamModel m = SamModel.open(dir)) {
            long t0 = System.nanoTime();
            ImageEmbedding e = m.embed(StandInSam.rampImage(w, h), w, h);
            double embed = (System.nanoTime() - t0) / 1e6;
            SplittableRandom rnd = new SplittableRandom(1);
            double[] ms = new double[50];
            for (int i = -5; i < ms.length; i++) { // 5 warm-up clicks
                SamPrompt p =
                        SamPrompt.of(
                                List.of(
                                        new SamPrompt.Point(
                                                (float) rnd.nextDouble(w),
                                                (float) rnd.nextDouble(h),
                                                true)),
                                null);
                long t = System.nanoTime();
                m.predict(e, p);
                if (i >= 0) ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "%s on %dx%d: embed %.0f ms; click median %.1f ms, worst %.1f ms%n",
                    args.length > 0 ? dir : "stand-in",
                    w,
                    h,
                    embed,
                    ms[ms.length / 2],
                    ms[ms.length - 1]);
        }
    }
}
