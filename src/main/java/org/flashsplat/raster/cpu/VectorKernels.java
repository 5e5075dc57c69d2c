package org.flashsplat.raster.cpu;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The one way the CPU backend picks between a scalar kernel and its Vector API twin (the way Apache
 * Lucene isolates its Panama code): the vector class is loaded by name only where the {@code
 * jdk.incubator.vector} module is present, so nothing else links against that module. Used by
 * {@link RowKernels} and {@link ProjectionKernels}.
 */
final class VectorKernels {
    private VectorKernels() {}

    /**
     * The kernel {@code wanted} names ({@code auto}, {@code scalar} or {@code vector}, any case)
     * for the system property {@code property}; {@code auto} takes the vector kernel, passed
     * through {@code auto}, where there is one.
     */
    static <K> K choose(
            String property, String wanted, K scalar, String vectorClass, UnaryOperator<K> auto) {
        return switch (wanted.toLowerCase(Locale.ROOT)) {
            case "scalar" -> scalar;
            case "vector" -> {
                K v = load(vectorClass);
                if (v == null) {
                    throw new IllegalStateException(
                            property
                                    + "=vector, but the module jdk.incubator.vector is not"
                                    + " present (start java with --add-modules"
                                    + " jdk.incubator.vector)");
                }
                yield v;
            }
            case "auto" -> {
                K v = load(vectorClass);
                yield v != null ? auto.apply(v) : scalar;
            }
            default ->
                    throw new IllegalArgumentException(
                            property + "=" + wanted + ": expected auto, scalar or vector");
        };
    }

    /**
     * An instance of the vector class, or null where the module is absent or has no usable shape.
     */
    @SuppressWarnings("unchecked")
    static <K> K load(String vectorClass) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return (K) Class.forName(vectorClass).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // e.g. no usable vector shape on this CPU
        }
    }
}
