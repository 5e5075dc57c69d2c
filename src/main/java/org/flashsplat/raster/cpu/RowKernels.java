package org.flashsplat.raster.cpu;

/**
 * Chooses the row kernel once per process, the way Apache Lucene isolates its Panama code: the
 * vector kernel where the {@code jdk.incubator.vector} module was added at startup (the launcher
 * re-executes plain {@code java -jar} with it), the scalar one otherwise. The system property
 * {@value #PROPERTY} ({@code auto}, {@code scalar} or {@code vector}) forces either for tests and
 * benchmarks; both give the same bits.
 */
public final class RowKernels {
    public static final String PROPERTY = "flashsplat.blend";

    private static final String VECTOR_CLASS = "org.flashsplat.raster.cpu.VectorRowKernel";

    private static volatile RowKernel chosen;

    private RowKernels() {}

    /** The kernel of this process. */
    static RowKernel get() {
        RowKernel k = chosen;
        if (k == null) {
            k = choose(System.getProperty(PROPERTY, "auto"));
            chosen = k;
        }
        return k;
    }

    /** Which kernel the renderer uses, e.g. "16-lane vectors" or "scalar", for logs. */
    public static String description() {
        return get().description();
    }

    static RowKernel choose(String wanted) {
        return VectorKernels.<RowKernel>choose(
                PROPERTY, wanted, ScalarRowKernel.INSTANCE, VECTOR_CLASS, v -> v);
    }

    /** The vector kernel, or null where the module is absent or has no usable vector shape. */
    static RowKernel vector() {
        return VectorKernels.load(VECTOR_CLASS);
    }
}
