package org.flashsplat.camera;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixture maker: turns COLMAP text files into cameras.bin / images.bin following COLMAP's
 * binary layout, independently of the reader (it parses the text itself).
 */
public final class ColmapBinaryWriter {
    private ColmapBinaryWriter() {}

    /**
     * Writes {@code to}/cameras.bin and images.bin from {@code from}/cameras.txt and images.txt.
     */
    public static void convert(Path from, Path to, int fakePointsPerImage) throws IOException {
        Files.createDirectories(to);
        List<String[]> cams = records(from.resolve("cameras.txt"), false);
        ByteBuffer b = buffer();
        b.putLong(cams.size());
        for (String[] w : cams) {
            b.putInt(Integer.parseInt(w[0]));
            b.putInt(ColmapModel.byName(w[1]).id);
            b.putLong(Long.parseLong(w[2])).putLong(Long.parseLong(w[3]));
            for (int k = 4; k < w.length; k++) b.putDouble(Double.parseDouble(w[k]));
        }
        Files.write(to.resolve("cameras.bin"), bytes(b));
        List<String[]> imgs = records(from.resolve("images.txt"), true);
        b = buffer();
        b.putLong(imgs.size());
        for (String[] w : imgs) {
            b.putInt(Integer.parseInt(w[0]));
            for (int k = 1; k <= 7; k++) b.putDouble(Double.parseDouble(w[k]));
            b.putInt(Integer.parseInt(w[8]));
            b.put(w[9].getBytes(StandardCharsets.UTF_8)).put((byte) 0);
            b.putLong(fakePointsPerImage);
            for (int p = 0; p < fakePointsPerImage; p++) b.putDouble(p).putDouble(-p).putLong(-1);
        }
        Files.write(to.resolve("images.bin"), bytes(b));
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array(), 0, b.position());
        return out.toByteArray();
    }

    private static List<String[]> records(Path file, boolean pairs) throws IOException {
        List<String> lines = Files.readAllLines(file);
        java.util.ArrayList<String[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (l.isEmpty() || l.startsWith("#")) continue;
            out.add(l.split("\\s+"));
            if (pairs) i++;
        }
        return out;
    }
}
