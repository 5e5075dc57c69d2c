package org.flashsplat.scene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.flashsplat.core.InputException;

/**
 * Reads PlayCanvas SOG (version 2): {@code meta.json} and lossless WebP textures, in a folder or a
 * zip bundle ({@code .sog}). Positions are 16-bit (two 8-bit textures) over log-transformed bounds,
 * scales and colours index 256-entry codebooks, rotations are smallest-three in 8 bits, SH bands
 * come from a palette of centroids. Decoded as splat-transform does. WebP decoding is
 * TwelveMonkeys' ImageIO plugin.
 */
public final class SogReader {
    /**
     * Real textures hold noisy data; a far larger ratio only comes from a file built to blow up.
     */
    private static final long MAX_PIXELS_PER_BYTE = 64;

    private static final long MAX_ENTRY_BYTES = 1L << 30;

    private SogReader() {}

    /** RGBA bytes of one texture. */
    private record Texture(byte[] rgba, int width, int height) {}

    /** Where the files named by meta.json come from. */
    private interface Files2 {
        byte[] read(String name) throws IOException;
    }

    public static SceneFiles.Decoded read(Path path) throws IOException {
        if (Files.isRegularFile(path) && !path.getFileName().toString().endsWith(".json")) {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                return decode(path, name -> entry(zip, name, path));
            } catch (java.util.zip.ZipException e) {
                throw new InputException(
                        path, null, "not a readable .sog bundle (zip): " + e.getMessage());
            }
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path meta = Files.isDirectory(path) ? path.resolve("meta.json") : path;
        String metaName = meta.getFileName().toString();
        return decode(
                path,
                name -> {
                    Path f = name.equals("meta.json") ? meta : dir.resolve(name).normalize();
                    if (!name.equals("meta.json")
                            && (!f.startsWith(dir.normalize()) || name.contains(".."))) {
                        throw new InputException(
                                meta, "files", "\"" + name + "\" is outside the SOG folder");
                    }
                    if (!Files.isRegularFile(f))
                        throw new InputException(f, null, "missing SOG texture");
                    return Files.readAllBytes(f);
                },
                metaName);
    }

    private static byte[] entry(ZipFile zip, String name, Path file) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new InputException(file, name, "missing from the .sog bundle");
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(MAX_ENTRY_BYTES, Integer.MAX_VALUE - 16));
            if (in.read() >= 0) throw new InputException(file, name, "entry over 1 GiB");
            return b;
        }
    }

    private static SceneFiles.Decoded decode(Path source, Files2 files) throws IOException {
        return decode(source, files, "meta.json");
    }

    private static SceneFiles.Decoded decode(Path source, Files2 files, String metaName)
            throws IOException {
        JsonNode meta;
        try {
            meta = new ObjectMapper().readTree(files.read(metaName));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(
                    source, metaName, "not valid JSON: " + org.flashsplat.core.Json.problem(e));
        }
        if (meta == null || !meta.isObject())
            throw new InputException(source, metaName, "not a JSON object");
        if (!meta.has("version")) {
            throw new InputException(
                    source,
                    metaName,
                    "SOG version 1 (no \"version\"); only version 2 is read (re-save it with splat-transform)");
        }
        if (meta.get("version").asInt() != 2) {
            throw new InputException(
                    source, metaName, "unsupported SOG version " + meta.get("version"));
        }
        long countL = meta.path("count").asLong(-1);
        if (countL <= 0 || countL > PlyReader.MAX_VERTICES) {
            throw new InputException(source, metaName, "bad \"count\" " + meta.get("count"));
        }
        int count = (int) countL;
        Map<String, byte[]> raw = new HashMap<>();
        long textureBytes = 0;
        for (String part : new String[] {"means", "quats", "scales", "sh0", "shN"}) {
            if (!meta.has(part)) {
                if (part.equals("shN")) continue;
                throw new InputException(source, metaName, "no \"" + part + "\"");
            }
            for (JsonNode f : meta.get(part).path("files")) {
                byte[] b = files.read(f.asText());
                raw.put(f.asText(), b);
                textureBytes += b.length;
            }
        }
        if (count > MAX_PIXELS_PER_BYTE * textureBytes) {
            throw new InputException(
                    source,
                    metaName,
                    count + " Gaussians in " + textureBytes + " bytes of textures; not a real SOG");
        }
        int shCoeffs = 0;
        JsonNode shN = meta.get("shN");
        if (shN != null) {
            int bands = shN.path("bands").asInt(-1);
            if (bands < 0 || bands > 3)
                throw new InputException(source, metaName, "shN bands " + shN.get("bands"));
            shCoeffs = new int[] {0, 3, 8, 15}[bands];
        }
        GaussianColumns g =
                new GaussianColumns(
                        count,
                        switch (shCoeffs) {
                            case 3 -> 1;
                            case 8 -> 2;
                            case 15 -> 3;
                            default -> 0;
                        });
        Texture lo = texture(raw, meta, "means", 0, count, source),
                hi = texture(raw, meta, "means", 1, count, source);
        double[] mins = doubles(meta.path("means").path("mins"), 3, source, "means.mins");
        double[] maxs = doubles(meta.path("means").path("maxs"), 3, source, "means.maxs");
        float[][] outP = {g.x, g.y, g.z};
        for (int a = 0; a < 3; a++) {
            double min = mins[a], span = (maxs[a] - mins[a]) == 0 ? 1 : maxs[a] - mins[a];
            for (int i = 0; i < count; i++) {
                int v = (lo.rgba[i * 4 + a] & 0xff) | (hi.rgba[i * 4 + a] & 0xff) << 8;
                double t = min + span * (v / 65535.0);
                double e = Math.exp(Math.abs(t)) - 1;
                outP[a][i] = (float) (t < 0 ? -e : e);
            }
        }
        Texture quats = texture(raw, meta, "quats", 0, count, source);
        double[] q = new double[4];
        for (int i = 0; i < count; i++) {
            int tag = quats.rgba[i * 4 + 3] & 0xff;
            if (tag < 252) {
                g.rot[0][i] = 1;
                continue;
            }
            unpackQuat(quats.rgba, i * 4, tag - 252, q);
            for (int k = 0; k < 4; k++) g.rot[k][i] = (float) q[k];
        }
        Texture scales = texture(raw, meta, "scales", 0, count, source);
        float[] sCode = codebook(meta.path("scales"), source, "scales");
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < 3; a++) g.scale[a][i] = lookup(sCode, scales.rgba[i * 4 + a]);
        }
        Texture sh0 = texture(raw, meta, "sh0", 0, count, source);
        float[] cCode = codebook(meta.path("sh0"), source, "sh0");
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < 3; a++) g.dc[a][i] = lookup(cCode, sh0.rgba[i * 4 + a]);
            double y = (sh0.rgba[i * 4 + 3] & 0xff) / 255.0;
            double e = Math.min(1 - 1e-6, Math.max(1e-6, y));
            g.opacity[i] = (float) Math.log(e / (1 - e));
        }
        if (shCoeffs > 0) shN(raw, meta, count, shCoeffs, g, source);
        List<String> quantised =
                List.of(
                        "positions as 16 bits over log-transformed bounds",
                        "scales and colours as 8-bit indices into 256-entry codebooks, opacity as 8 bits",
                        "rotations as the smallest three components in 8 bits",
                        shCoeffs > 0
                                ? "SH bands as a palette of "
                                        + shN.path("count").asInt()
                                        + " centroids"
                                : "no SH");
        return new SceneFiles.Decoded(
                g.toTable(List.of("decoded from SOG")),
                SceneFormat.SOG,
                "PlayCanvas SOG version 2",
                quantised,
                new ArrayList<>());
    }

    private static void shN(
            Map<String, byte[]> raw,
            JsonNode meta,
            int count,
            int shCoeffs,
            GaussianColumns g,
            Path source)
            throws IOException {
        JsonNode shN = meta.get("shN");
        float[] code = codebook(shN, source, "shN");
        int palette = shN.path("count").asInt(0);
        Texture centroids = texture(raw, meta, "shN", 0, 0, source);
        Texture labels = texture(raw, meta, "shN", 1, count, source);
        if (centroids.width != 64 * shCoeffs) {
            throw new InputException(
                    source,
                    "shN",
                    "centroids texture is "
                            + centroids.width
                            + " wide; expected "
                            + (64 * shCoeffs));
        }
        for (int i = 0; i < count; i++) {
            int label = (labels.rgba[i * 4] & 0xff) | (labels.rgba[i * 4 + 1] & 0xff) << 8;
            if (label >= palette) continue;
            for (int j = 0; j < shCoeffs; j++) {
                int cx = (label % 64) * shCoeffs + j, cy = label / 64;
                if (cx >= centroids.width || cy >= centroids.height) continue;
                int at = (cy * centroids.width + cx) * 4;
                for (int c = 0; c < 3; c++)
                    g.rest[j + shCoeffs * c][i] = lookup(code, centroids.rgba[at + c]);
            }
        }
    }

    private static float lookup(float[] code, byte index) {
        int k = index & 0xff;
        return k < code.length ? code[k] : 0f;
    }

    /** Smallest three in 8 bits; {@code largest} names the component (w x y z) left out. */
    private static void unpackQuat(byte[] rgba, int at, int largest, double[] q) {
        double sqrt2 = Math.sqrt(2);
        int[][] others = {{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}};
        java.util.Arrays.fill(q, 0);
        for (int k = 0; k < 3; k++)
            q[others[largest][k]] = ((rgba[at + k] & 0xff) / 255.0 * 2 - 1) / sqrt2;
        double t = 1 - (q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        q[largest] = Math.sqrt(Math.max(0, t));
    }

    private static float[] codebook(JsonNode part, Path source, String name) {
        JsonNode cb = part.path("codebook");
        if (!cb.isArray() || cb.size() > 256)
            throw new InputException(
                    source, name, "codebook must be a list of at most 256 numbers");
        float[] out = new float[cb.size()];
        for (int k = 0; k < out.length; k++) out[k] = (float) cb.get(k).asDouble();
        return out;
    }

    private static double[] doubles(JsonNode a, int n, Path source, String name) {
        if (!a.isArray() || a.size() != n)
            throw new InputException(source, name, "must be " + n + " numbers");
        double[] out = new double[n];
        for (int k = 0; k < n; k++) out[k] = a.get(k).asDouble();
        return out;
    }

    private static Texture texture(
            Map<String, byte[]> raw, JsonNode meta, String part, int index, int count, Path source)
            throws IOException {
        JsonNode f = meta.path(part).path("files").path(index);
        if (!f.isTextual())
            throw new InputException(source, part, "no file " + index + " in \"files\"");
        String name = f.asText();
        byte[] bytes = raw.get(name);
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("webp");
            if (!readers.hasNext())
                throw new IllegalStateException("no WebP ImageIO plugin on the class path");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                long pixels = (long) w * h;
                if (pixels < count) {
                    throw new InputException(
                            source,
                            name,
                            w + "x" + h + " texture is too small for " + count + " Gaussians");
                }
                if (pixels > MAX_PIXELS_PER_BYTE * Math.max(bytes.length, 1) + 65536) {
                    throw new InputException(
                            source,
                            name,
                            w
                                    + "x"
                                    + h
                                    + " from "
                                    + bytes.length
                                    + " bytes; not a real SOG texture");
                }
                BufferedImage img = reader.read(0);
                return new Texture(rgba(img), w, h);
            } finally {
                reader.dispose();
            }
        } catch (javax.imageio.IIOException e) {
            throw new InputException(source, name, "not a readable WebP image: " + e.getMessage());
        }
    }

    /** Straight (not premultiplied) RGBA bytes in row-major pixel order. */
    private static byte[] rgba(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        if (img.isAlphaPremultiplied()) {
            throw new IllegalStateException(
                    "WebP decoder gave premultiplied alpha; SOG needs the stored bytes");
        }
        var raster = img.getRaster();
        int bands = raster.getNumBands();
        byte[] out = new byte[w * h * 4];
        int[] px = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = (y * w + x) * 4;
                if (bands >= 3
                        && img.getColorModel().getNumComponents() == bands
                        && img.getType() != BufferedImage.TYPE_BYTE_INDEXED) {
                    raster.getPixel(x, y, px);
                    out[at] = (byte) px[0];
                    out[at + 1] = (byte) px[1];
                    out[at + 2] = (byte) px[2];
                    out[at + 3] = (byte) (bands == 4 ? px[3] : 255);
                } else {
                    int argb = img.getRGB(x, y);
                    out[at] = (byte) (argb >> 16);
                    out[at + 1] = (byte) (argb >> 8);
                    out[at + 2] = (byte) argb;
                    out[at + 3] = (byte) (argb >>> 24);
                }
            }
        }
        return out;
    }
}
