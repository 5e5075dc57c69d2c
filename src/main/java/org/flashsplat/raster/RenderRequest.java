package org.flashsplat.raster;

/**
 * What to render from a camera besides accumulated alpha, which is always there.
 *
 * @param colour RGB from the SH colours (tinted where {@code tint} says so)
 * @param depth expected depth sum(z*w) / sum(w)
 * @param objects per-object memberships: the frame then holds, for each object k, the accumulated
 *     weight rho_k(p) of its Gaussians and their depth-weighted sum; null for none
 * @param tint per-Gaussian RGB (3 per Gaussian) mixed into the SH colour by {@code tintStrength};
 *     null for none
 * @param hidden Gaussians left out entirely, as if not in the scene; null for none
 * @param background RGB shown where nothing is in front
 */
public record RenderRequest(
        boolean colour,
        boolean depth,
        Memberships objects,
        float[] tint,
        float tintStrength,
        boolean[] hidden,
        float[] background) {

    public static RenderRequest colourOnly() {
        return new RenderRequest(true, false, null, null, 0f, null, new float[] {0, 0, 0});
    }

    public static RenderRequest objects(Memberships objects) {
        return new RenderRequest(false, false, objects, null, 0f, null, new float[] {0, 0, 0});
    }
}
