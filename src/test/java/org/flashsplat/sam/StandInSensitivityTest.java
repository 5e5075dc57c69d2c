package org.flashsplat.sam;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in is only a good test model if preparing its inputs wrongly gives a wrong mask: each
 * usual mistake, fed to it directly, must fall well short of the IoU the real tests demand.
 */
class StandInSensitivityTest {
    static final int W = 800, H = 450;
    static final List<SamPrompt.Point> CLICKS =
            List.of(new SamPrompt.Point(640, 270, true), new SamPrompt.Point(720, 382, false));

    @TempDir static Path dir;
    static OrtEnvironment env;
    static OrtSession encoder, decoder;
    static boolean[] expected;

    @BeforeAll
    static void open() throws Exception {
        Path m = StandInSam.write(dir.resolve("m"));
        env = OrtEnvironment.getEnvironment();
        encoder = env.createSession(m.resolve(SamModel.ENCODER).toString());
        decoder = env.createSession(m.resolve(SamModel.DECODER).toString());
        expected = StandInSam.expectedMask(W, H, SamPrompt.of(CLICKS, null));
    }

    @AfterAll
    static void close() throws Exception {
        encoder.close();
        decoder.close();
    }

    /** The mask for a prepared encoder input and decoder points (coords, labels). */
    static boolean[] run(float[] image, float[] coords, float[] labels) throws Exception {
        float[] emb;
        try (OnnxTensor t =
                        OnnxTensor.createTensor(
                                env, FloatBuffer.wrap(image), new long[] {1, 3, 1024, 1024});
                OrtSession.Result r = encoder.run(Map.of("image", t))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            emb = new float[b.remaining()];
            b.get(emb);
        }
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put(
                "image_embeddings",
                OnnxTensor.createTensor(env, FloatBuffer.wrap(emb), new long[] {1, 256, 64, 64}));
        in.put(
                "point_coords",
                OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(coords), new long[] {1, labels.length, 2}));
        in.put(
                "point_labels",
                OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(labels), new long[] {1, labels.length}));
        in.put(
                "mask_input",
                OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(new float[256 * 256]), new long[] {1, 1, 256, 256}));
        in.put(
                "has_mask_input",
                OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {0}), new long[] {1}));
        in.put(
                "orig_im_size",
                OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {H, W}), new long[] {2}));
        try (OrtSession.Result r = decoder.run(in)) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            boolean[] mask = new boolean[W * H];
            for (int i = 0; i < mask.length; i++) mask[i] = b.get(W * H + i) > 0; // the 0.9 mask
            return mask;
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    static float[] goodImage() {
        return SamPreprocessing.encoderInput(StandInSam.rampImage(W, H), W, H);
    }

    static float[][] goodPoints() {
        return SamPrompt.of(CLICKS, null).decoderPoints(W, H);
    }

    static double iou(float[] image, float[][] points) throws Exception {
        return StandInSam.iou(expected, run(image, points[0], points[1]));
    }

    @Test
    void correctPreparationMatches() throws Exception {
        assertThat(iou(goodImage(), goodPoints())).isGreaterThan(0.97);
    }

    @Test
    void imageMistakesChangeTheMask() throws Exception {
        float[] good = goodImage();
        float[] raw = good.clone(); // 0-1 values, no mean/std
        float[] flipped = new float[good.length]; // BGR instead of RGB
        float[] noStd = good.clone();
        float[] padTop = new float[good.length]; // padded above instead of below
        float[] mean = {123.675f, 116.28f, 103.53f}, std = {58.395f, 57.12f, 57.375f};
        int plane = 1024 * 1024, shift = (1024 - 576) * 1024;
        for (int c = 0; c < 3; c++) {
            System.arraycopy(good, (2 - c) * plane, flipped, c * plane, plane);
            for (int i = 0; i < plane; i++) {
                float v = good[c * plane + i] * std[c] + mean[c];
                raw[c * plane + i] = v / 255f;
                noStd[c * plane + i] = v - mean[c];
            }
            System.arraycopy(good, c * plane, padTop, c * plane + shift, plane - shift);
        }
        for (float[] wrong : List.of(raw, flipped, noStd, padTop))
            assertThat(iou(wrong, goodPoints())).isLessThan(0.9);
    }

    @Test
    void pointMistakesChangeTheMask() throws Exception {
        float[][] good = goodPoints();
        UnaryOperator<float[]> unscaled =
                c -> {
                    float[] o = c.clone();
                    for (int i = 0; i < o.length; i++) o[i] /= 1.28f;
                    return o;
                };
        assertThat(iou(goodImage(), new float[][] {unscaled.apply(good[0]), good[1]}))
                .isLessThan(0.9);
        float[] noPadCoords = java.util.Arrays.copyOf(good[0], good[0].length - 2);
        float[] noPadLabels = java.util.Arrays.copyOf(good[1], good[1].length - 1);
        assertThat(iou(goodImage(), new float[][] {noPadCoords, noPadLabels})).isLessThan(0.9);
    }
}
