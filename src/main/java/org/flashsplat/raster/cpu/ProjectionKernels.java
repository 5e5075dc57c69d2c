package org.flashsplat.raster.cpu;

import java.util.Locale;

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
        return switch (wanted.toLowerCase(Locale.ROOT)) {
            case "scalar" -> ScalarProjection.INSTANCE;
            case "vector" -> {
                ProjectionKernel v = vector();
                if (v == null) {
                    throw new IllegalStateException(
                            PROPERTY
                                    + "=vector, but the module jdk.incubator.vector is not"
                                    + " present (start java with --add-modules"
                                    + " jdk.incubator.vector)");
                }
                yield v;
            }
            case "auto" -> {
                ProjectionKernel v = vector();
                yield v != null ? new ProjectionWarmUp(v) : ScalarProjection.INSTANCE;
            }
            default ->
                    throw new IllegalArgumentException(
                            PROPERTY + "=" + wanted + ": expected auto, scalar or vector");
        };
    }

    /** The vector kernel, or null where the module is absent or has no usable vector shape. */
    static ProjectionKernel vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return (ProjectionKernel)
                    Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // e.g. no usable vector shape on this CPU
        }
    }
}
