package org.flashsplat.raster.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.scene.GaussianScene;
import org.flashsplat.scene.PlyType;
import org.flashsplat.scene.VertexTable;

/**
 * The golden tabletop fixture read with minimal independent readers (binary float PLY, 3DGS
 * cameras.json, 8-bit PNG masks), so the GPU check does not depend on the project's readers.
 */
final class Tabletop {
    static final Path DIR = Path.of("src/test/resources/golden/tabletop");

    private Tabletop() {}

    static GaussianScene scene() throws IOException {
        Path ply = DIR.resolve("point_cloud.ply");
        try (InputStream raw = Files.newInputStream(ply);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            int count = 0;
            List<String> names = new ArrayList<>();
            for (String line; !(line = readLine(in)).equals("end_header"); ) {
                String[] t = line.trim().split("\\s+");
                if (t[0].equals("element")) count = Integer.parseInt(t[2]);
                if (t[0].equals("property")) {
                    if (!t[1].equals("float")) throw new IOException("only float properties");
                    names.add(t[2]);
                }
            }
            int p = names.size();
            byte[] body = new byte[4 * p * count];
            in.readFully(body);
            ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            float[][] cols = new float[p][count];
            for (int i = 0; i < count; i++) for (int k = 0; k < p; k++) cols[k][i] = b.getFloat();
            List<VertexTable.Column> columns = new ArrayList<>();
            for (int k = 0; k < p; k++)
                columns.add(new VertexTable.Column(names.get(k), PlyType.FLOAT, cols[k]));
            return GaussianScene.of(new VertexTable(count, columns, List.of()), ply);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("truncated PLY header");
            s.append((char) c);
        }
        return s.toString();
    }

    /** cameras.json: camera centre and camera-to-world rotation, so R_wc = R^T, t = -R_wc c. */
    static List<Camera> cameras() throws IOException {
        JsonNode root =
                new ObjectMapper()
                        .readTree(
                                Files.readString(
                                        DIR.resolve("cameras.json"), StandardCharsets.UTF_8));
        List<Camera> out = new ArrayList<>();
        for (JsonNode c : root) {
            double[] rot = new double[9], pos = new double[3], t = new double[3];
            for (int i = 0; i < 3; i++) {
                pos[i] = c.get("position").get(i).asDouble();
                for (int j = 0; j < 3; j++)
                    rot[j * 3 + i] = c.get("rotation").get(i).get(j).asDouble(); // transpose
            }
            for (int i = 0; i < 3; i++)
                t[i] = -(rot[i * 3] * pos[0] + rot[i * 3 + 1] * pos[1] + rot[i * 3 + 2] * pos[2]);
            out.add(
                    Camera.centred(
                            c.get("id").asInt(),
                            c.get("img_name").asText(),
                            c.get("width").asInt(),
                            c.get("height").asInt(),
                            c.get("fx").asDouble(),
                            c.get("fy").asDouble(),
                            rot,
                            t));
        }
        return out;
    }

    /**
     * An 8-bit greyscale PNG decoded with java.util.zip only: the GPU bundle's JRE leaves out
     * java.desktop (ImageIO) to stay small.
     */
    static LabelMask mask(String folder, Camera cam) throws IOException {
        byte[] png = Files.readAllBytes(DIR.resolve(folder).resolve(cam.name() + ".png"));
        ByteBuffer b = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
        b.position(8);
        int w = 0, h = 0;
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        while (b.remaining() >= 12) {
            int len = b.getInt();
            String type = new String(png, b.position(), 4, StandardCharsets.US_ASCII);
            int data = b.position() + 4;
            if (type.equals("IHDR")) {
                w = b.getInt(data);
                h = b.getInt(data + 4);
                if (png[data + 8] != 8 || png[data + 9] != 0 || png[data + 12] != 0)
                    throw new IOException("not an 8-bit greyscale non-interlaced PNG");
            } else if (type.equals("IDAT")) {
                idat.write(png, data, len);
            }
            b.position(data + len + 4);
        }
        byte[] raw = new byte[(w + 1) * h];
        java.util.zip.Inflater inf = new java.util.zip.Inflater();
        inf.setInput(idat.toByteArray());
        try {
            int got = 0;
            while (got < raw.length && !inf.finished())
                got += inf.inflate(raw, got, raw.length - got);
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException(e);
        } finally {
            inf.end();
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            int f = raw[y * (w + 1)], row = y * (w + 1) + 1;
            for (int x = 0; x < w; x++) {
                int a = x > 0 ? out[y * w + x - 1] : 0, up = y > 0 ? out[(y - 1) * w + x] : 0;
                int c = x > 0 && y > 0 ? out[(y - 1) * w + x - 1] : 0;
                int pred =
                        switch (f) {
                            case 0 -> 0;
                            case 1 -> a;
                            case 2 -> up;
                            case 3 -> (a + up) / 2;
                            case 4 -> paeth(a, up, c);
                            default -> throw new IOException("PNG filter " + f);
                        };
                out[y * w + x] = (raw[row + x] + pred) & 0xff;
            }
        }
        return new LabelMask(w, h, out);
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static double relL1(float[] a, float[] ref) {
        double num = 0, den = 0;
        for (int k = 0; k < ref.length; k++) {
            num += Math.abs((double) a[k] - ref[k]);
            den += Math.abs((double) ref[k]);
        }
        return num / den;
    }
}
