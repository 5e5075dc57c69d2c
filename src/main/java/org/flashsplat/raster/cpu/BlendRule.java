package org.flashsplat.raster.cpu;

/**
 * The per-pixel blend rule of DESIGN.md section 2, defined once for every backend: the Gaussian's
 * power at a pixel, a deterministic exp, alpha, and the stop test. The CPU's scalar and vector
 * paths and the CUDA kernels ({@code cuda/blend_rule.cuh}) perform exactly this sequence of
 * IEEE-754 float operations (add, subtract, multiply, fused multiply-add, min/max), each rounded to
 * nearest, so they produce the same bits: {@code Math.exp} and CUDA's {@code expf} are only
 * accurate to an ulp or two and differ from each other, while the contributions cache and the exact
 * re-lift assume one result whichever backend ran.
 */
final class BlendRule {
    private BlendRule() {}

    /** Alpha is capped below 1 so transmittance never reaches 0 in one step. */
    static final float ALPHA_CAP = 0.99f;

    /** A pixel stops blending once its transmittance would fall below this. */
    static final float T_STOP = 0.0001f;

    // exp(x) = 2^k exp(r), k = round(x / ln 2), r = x - k ln 2 in [-ln2/2, ln2/2].
    static final float LOG2E = 1.44269504f;

    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer. */
    static final float ROUNDER = 12582912f;

    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    /** ln 2 split in two floats (Cody and Waite), so r carries no rounding error from k ln 2. */
    static final float LN2_HI = 0.693147182f, LN2_LO = -1.90465421e-09f;

    /** Polynomial of exp(r) = 1 + r + r^2 P(r) on [-ln2/2, ln2/2] (Cephes expf), about 1 ulp. */
    static final float P0 = 1.9875691500e-4f,
            P1 = 1.3981999507e-3f,
            P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f,
            P4 = 1.6666665459e-1f,
            P5 = 5.0000001201e-1f;

    /** The argument is clamped to this range, where 2^k is a normal float. */
    static final float EXP_LO = -87f, EXP_HI = 88f;

    /**
     * e^x within 2 ulp of the exact value for x in [-87, 88] (clamped outside), the same bits on
     * every platform: only IEEE-specified operations, no library call.
     */
    static float exp(float x) {
        x = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(x, LOG2E, ROUNDER);
        float k = t - ROUNDER;
        int scaleBits = (Float.floatToRawIntBits(t) - ROUNDER_BITS + 127) << 23;
        float r = Math.fma(-k, LN2_HI, x);
        r = Math.fma(-k, LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat(scaleBits);
    }

    /** The Gaussian's exponent at offset (dx, dy) = centre - pixel; never contracted by Java. */
    static float power(float ca, float cb, float cc, float dx, float dy) {
        return -0.5f * (ca * dx * dx + cc * dy * dy) - cb * dx * dy;
    }

    /**
     * Alpha of a Gaussian of opacity {@code o} at a pixel of the given power, or 0 where the pair
     * does not blend (power above 0 or below {@code powerMin}, or alpha below 1/255).
     */
    static float alpha(float o, float power, float powerMin) {
        if (power > 0f || power < powerMin) return 0f;
        float alpha = Math.min(ALPHA_CAP, o * exp(power));
        return alpha < Projection.ALPHA_MIN ? 0f : alpha;
    }
}
