package org.flashsplat.sam;

/**
 * What the encoder made of one image: the embeddings (float32, usually [1, 256, 64, 64]) and the
 * image's size, which the decoder needs to scale prompts and size its masks.
 */
public record ImageEmbedding(long[] shape, float[] values, int width, int height) {
    public ImageEmbedding {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != values.length)
            throw new IllegalArgumentException("embedding shape does not match its values");
    }
}
