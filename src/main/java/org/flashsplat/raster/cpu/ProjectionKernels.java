package org.flashsplat.raster.cpu;

/**
 * Chooses the projection kernel once per process, like {@link RowKernels}: the vector kernel where
 * the {@code jdk.incubator.vector} module was added at startup, the scalar one otherwise. The
 * system property {@value #PROPERTY} ({@code auto}, {@code scalar} or {@code vector}) forces
 * either; without it the row kernels' property {@value RowKernels#PROPERTY} decides, so that one
 * switch runs the whole forward pass scalar. Both give the same bits. Automatically chosen, the
 * vector kernel takes over once compiled (see {@link ProjectionWarmUp}).
 */
final class ProjectionKernels {
    static final String PROPERTY = "flashsplat.projection";

    private static final String VECTOR_CLASS = "org.flashsplat.raster.cpu.VectorProjection";

    private static volatile ProjectionKernel chosen;

    private ProjectionKernels() {}

    /** The kernel of this process. */
    static ProjectionKernel get() {
        ProjectionKernel k = chosen;
        if (k == null) {
            String wanted =
                    System.getProperty(PROPERTY, System.getProperty(RowKernels.PROPERTY, "auto"));
            k = choose(wanted);
            chosen = k;
        }
        return k;
    }

    static ProjectionKernel choose(String wanted) {
        return VectorKernels.<ProjectionKernel>choose(
                PROPERTY, wanted, ScalarProjection.INSTANCE, VECTOR_CLASS, ProjectionWarmUp::new);
    }

    /** The vector kernel, or null where the module is absent or has no usable vector shape. */
    static ProjectionKernel vector() {
        return VectorKernels.load(VECTOR_CLASS);
    }
}
