package org.flashsplat.sam;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flashsplat.core.InputException;

/**
 * A SAM-family model run by ONNX Runtime on the CPU: a folder with {@code encoder.onnx} and {@code
 * decoder.onnx} following segment-anything's ONNX export (SAM, MobileSAM, EfficientSAM and EdgeSAM
 * exported with samexporter follow it too). Safe to use from several threads.
 */
public final class SamModel implements AutoCloseable {
    public static final String ENCODER = "encoder.onnx";
    public static final String DECODER = "decoder.onnx";

    static final List<String> DECODER_INPUTS =
            List.of(
                    "image_embeddings",
                    "point_coords",
                    "point_labels",
                    "mask_input",
                    "has_mask_input",
                    "orig_im_size");

    private final Path folder;
    private final OrtEnvironment env;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final String encoderInput;
    private final String key;

    private SamModel(Path folder, OrtSession encoder, OrtSession decoder, String encoderInput)
            throws java.io.IOException {
        this.folder = folder;
        this.env = OrtEnvironment.getEnvironment();
        this.encoder = encoder;
        this.decoder = decoder;
        this.encoderInput = encoderInput;
        this.key = ModelKey.of(folder.resolve(ENCODER));
    }

    /**
     * Opens a model folder.
     *
     * @throws InputException naming the folder and what is wrong (missing file, not ONNX, not the
     *     SAM contract)
     */
    public static SamModel open(Path folder) {
        if (!Files.isDirectory(folder))
            throw new InputException(folder, null, "not a folder (a SAM model is a folder)");
        for (String name : List.of(ENCODER, DECODER)) {
            if (!Files.isRegularFile(folder.resolve(name)))
                throw new InputException(
                        folder,
                        null,
                        "no "
                                + name
                                + " here (a SAM model folder holds encoder.onnx and decoder.onnx)");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession enc = null, dec = null;
        try {
            enc = session(env, folder.resolve(ENCODER));
            dec = session(env, folder.resolve(DECODER));
            String input = checkEncoder(folder.resolve(ENCODER), enc);
            checkDecoder(folder.resolve(DECODER), dec);
            return new SamModel(folder, enc, dec, input);
        } catch (RuntimeException | java.io.IOException e) {
            closeQuietly(enc);
            closeQuietly(dec);
            if (e instanceof InputException ie) throw ie;
            throw new InputException(folder, null, "cannot read the model: " + e.getMessage(), e);
        }
    }

    private static OrtSession session(OrtEnvironment env, Path file) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new InputException(
                    file, null, "not a model ONNX Runtime can load: " + oneLine(e));
        }
    }

    private static String checkEncoder(Path file, OrtSession s) {
        if (s.getNumInputs() != 1)
            throw new InputException(file, null, "the encoder must take one input (the image)");
        try {
            Map.Entry<String, NodeInfo> in = s.getInputInfo().entrySet().iterator().next();
            if (in.getValue().getInfo() instanceof TensorInfo t && t.getShape().length != 4)
                throw new InputException(
                        file, in.getKey(), "the encoder's input must be [1, 3, 1024, 1024]");
            return in.getKey();
        } catch (OrtException e) {
            throw new InputException(file, null, oneLine(e));
        }
    }

    private static void checkDecoder(Path file, OrtSession s) {
        Set<String> names = s.getInputNames();
        for (String need : DECODER_INPUTS) {
            if (!names.contains(need))
                throw new InputException(
                        file,
                        null,
                        "the decoder has no input '"
                                + need
                                + "' (expected the segment-anything ONNX export: "
                                + String.join(", ", DECODER_INPUTS)
                                + ")");
        }
        if (s.getNumOutputs() < 2)
            throw new InputException(
                    file, null, "the decoder must output masks and iou_predictions");
    }

    /** Identifies the model's files (for caching embeddings). */
    public String key() {
        return key;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Runs the encoder on ARGB pixels. Slow (seconds for SAM ViT-H on a CPU): off the UI thread.
     */
    public ImageEmbedding embed(int[] argb, int width, int height) {
        float[] input = SamPreprocessing.encoderInput(argb, width, height);
        int side = SamPreprocessing.INPUT_SIDE;
        try (OnnxTensor t = tensor(input, 1, 3, side, side);
                OrtSession.Result r = encoder.run(Map.of(encoderInput, t))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            return new ImageEmbedding(shape, copy(out.getFloatBuffer()), width, height);
        } catch (OrtException e) {
            throw new IllegalStateException("the SAM encoder failed: " + oneLine(e), e);
        }
    }

    /** Runs the decoder: the best of the masks it returns, by its own quality estimate. */
    public SamMask predict(ImageEmbedding embedding, SamPrompt prompt) {
        int w = embedding.width(), h = embedding.height();
        float[][] points = prompt.decoderPoints(w, h);
        int n = points[1].length;
        int side = SamPrompt.MASK_INPUT_SIDE;
        float[] maskInput =
                prompt.maskInput() != null ? prompt.maskInput() : new float[side * side];
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("image_embeddings", tensor(embedding.values(), embedding.shape()));
            in.put("point_coords", tensor(points[0], 1, n, 2));
            in.put("point_labels", tensor(points[1], 1, n));
            in.put("mask_input", tensor(maskInput, 1, 1, side, side));
            in.put("has_mask_input", tensor(new float[] {prompt.maskInput() != null ? 1 : 0}, 1));
            in.put("orig_im_size", tensor(new float[] {h, w}, 2));
            try (OrtSession.Result r = decoder.run(in)) {
                return best(r, w, h);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the SAM decoder failed: " + oneLine(e), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    private static SamMask best(OrtSession.Result r, int w, int h) throws OrtException {
        OnnxTensor masks = (OnnxTensor) r.get("masks").orElse(r.get(0));
        OnnxTensor scores = (OnnxTensor) r.get("iou_predictions").orElse(r.get(1));
        OnnxValue low = r.get("low_res_masks").orElse(null);
        long[] shape = masks.getInfo().getShape();
        if (shape.length != 4 || shape[2] != h || shape[3] != w)
            throw new IllegalStateException(
                    "the SAM decoder returned masks of shape "
                            + java.util.Arrays.toString(shape)
                            + ", not [1, k, "
                            + h
                            + ", "
                            + w
                            + "]");
        float[] s = copy(scores.getFloatBuffer());
        int k = 0;
        for (int i = 1; i < s.length; i++) if (s[i] > s[k]) k = i;
        FloatBuffer m = masks.getFloatBuffer();
        int plane = w * h;
        boolean[] mask = new boolean[plane];
        for (int i = 0; i < plane; i++) mask[i] = m.get(k * plane + i) > 0;
        float[] lowRes = null;
        if (low instanceof OnnxTensor lt) {
            FloatBuffer lb = lt.getFloatBuffer();
            int lp = SamPrompt.MASK_INPUT_SIDE * SamPrompt.MASK_INPUT_SIDE;
            if (lb.capacity() >= (k + 1) * lp) {
                lowRes = new float[lp];
                lb.get(k * lp, lowRes);
            }
        }
        return new SamMask(w, h, mask, s.length > 0 ? s[k] : 0f, lowRes);
    }

    private OnnxTensor tensor(float[] values, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    }

    private static float[] copy(FloatBuffer b) {
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void closeQuietly(OrtSession s) {
        if (s == null) return;
        try {
            s.close();
        } catch (OrtException ignored) {
            // closing after a failed open: nothing left to report
        }
    }

    @Override
    public void close() {
        closeQuietly(encoder);
        closeQuietly(decoder);
    }
}
