package org.flashsplat.sample;

/**
 * What the generator builds: objects as sphere shells above a square floor (y points down, the
 * floor at y in [0, 0.02]), cameras on a circle looking at the scene. Seeded, so the same spec
 * always gives the same scene.
 *
 * @param objectShare share of the Gaussians on the objects; the rest lie on the floor
 * @param cameraYJitter cameras alternate between cameraY - jitter and cameraY + jitter (0: one
 *     height)
 * @param shDegree SH degree of the colours written (higher coefficients small and random)
 */
public record SceneSpec(
        String name,
        int gaussians,
        int objects,
        double objectShare,
        double radiusMin,
        double radiusMax,
        double centreSpread,
        double floorSize,
        double scaleMin,
        double scaleMax,
        double opacityMin,
        double opacityMax,
        int shDegree,
        int cameras,
        int width,
        int height,
        double fovXDegrees,
        double orbitRadius,
        double cameraY,
        double cameraYJitter,
        long seed) {

    /** The bundled sample: small enough for the repository, large enough to show the method. */
    public static SceneSpec tabletop() {
        return new SceneSpec(
                "tabletop",
                16_000,
                4,
                0.6,
                0.22,
                0.32,
                0.8,
                2.4,
                0.012,
                0.03,
                0.35,
                0.99,
                1,
                28,
                320,
                240,
                60,
                3.0,
                -1.3,
                0.45,
                20260424L);
    }

    /**
     * The comparison scene of the CUDA issue: 2.5M Gaussians, 8 shells, 251 cameras of 1957x1091 on
     * a circle of radius 4 at y = -1.6, horizontal field of view 60 degrees.
     */
    public static SceneSpec truckLike() {
        return new SceneSpec(
                "truck-like",
                2_500_000,
                8,
                0.6,
                0.25,
                0.5,
                1.5,
                6,
                0.003,
                0.03,
                0.05,
                0.99,
                0,
                251,
                1957,
                1091,
                60,
                4.0,
                -1.6,
                0,
                20240901L);
    }

    /** The CPU benchmark scene: 1M Gaussians, 32 views of 1280x720, 9 labels. */
    public static SceneSpec bench1m() {
        return new SceneSpec(
                "bench-1m",
                1_000_000,
                8,
                0.6,
                0.25,
                0.5,
                1.5,
                6,
                0.003,
                0.03,
                0.05,
                0.99,
                0,
                32,
                1280,
                720,
                60,
                4.0,
                -1.6,
                0,
                20240902L);
    }

    /**
     * A capture segmented with SAM: 3M Gaussians, 250 instances (small shells), 24 views of
     * 1280x720. The scale issue's many-labels benchmark.
     */
    public static SceneSpec manyLabels() {
        return new SceneSpec(
                "many-labels", 3_000_000, 250, 0.6, 0.08, 0.16, 1.8, 6, 0.002, 0.02, 0.05, 0.99,
                0, 24, 1280, 720, 60, 4.0, -1.6, 0, 20261202L);
    }

    /**
     * A large capture: 10M Gaussians with SH degree 3 (a PLY of 2.5 GB), 300 instances, 40 views
     * of 1280x720.
     */
    public static SceneSpec tenMillion() {
        return new SceneSpec(
                "10m", 10_000_000, 300, 0.6, 0.08, 0.16, 1.8, 6, 0.0015, 0.015, 0.05, 0.99, 3,
                40, 1280, 720, 60, 4.0, -1.6, 0, 20261203L);
    }

    /** The preset names {@link #preset} knows. */
    public static final java.util.List<String> PRESETS =
            java.util.List.of("tabletop", "truck-like", "bench-1m", "many-labels", "10m");

    public static SceneSpec preset(String name) {
        return switch (name) {
            case "tabletop" -> tabletop();
            case "truck-like" -> truckLike();
            case "bench-1m" -> bench1m();
            case "many-labels" -> manyLabels();
            case "10m" -> tenMillion();
            default ->
                    throw new IllegalArgumentException(
                            "unknown preset '" + name + "' (" + String.join(", ", PRESETS) + ")");
        };
    }

    public double focal() {
        return width / (2 * Math.tan(Math.toRadians(fovXDegrees) / 2));
    }
}
