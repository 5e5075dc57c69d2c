package org.flashsplat.raster.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
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

    static LabelMask mask(String folder, Camera cam) throws IOException {
        BufferedImage img = ImageIO.read(DIR.resolve(folder).resolve(cam.name() + ".png").toFile());
        int w = img.getWidth(), h = img.getHeight();
        return new LabelMask(w, h, img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null));
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
