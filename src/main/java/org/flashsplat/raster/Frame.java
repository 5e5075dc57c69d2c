package org.flashsplat.raster;

/**
 * A rendered view: row-major buffers of {@code width * height} pixels (times 3 for RGB, times K for
 * objects).
 *
 * @param alpha accumulated opacity 1 - T per pixel
 * @param rgb colour, null unless asked for
 * @param depth expected depth, 0 where nothing was hit; null unless asked for
 * @param objectWeight rho_k(p) at {@code k * width * height + p}; null unless objects were given
 * @param objectDepthSum sum of z * alpha * T over object k's Gaussians at the same index
 */
public record Frame(
        int width,
        int height,
        float[] alpha,
        float[] rgb,
        float[] depth,
        int objects,
        float[] objectWeight,
        float[] objectDepthSum) {}
