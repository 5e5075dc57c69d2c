package org.flashsplat.sam;

/**
 * The decoder's answer: the mask at the image's size (logit > 0), the model's own quality estimate,
 * and the low-resolution logits to pass back as {@code mask_input} when refining.
 */
public record SamMask(int width, int height, boolean[] mask, float score, float[] lowRes) {
    public int area() {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        return n;
    }
}
