package org.flashsplat.fuzz;

import static org.flashsplat.fuzz.Mutations.anyBytes;
import static org.flashsplat.fuzz.Mutations.latin1;
import static org.flashsplat.fuzz.Mutations.text;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Broken masks: PNG, JPEG and SAM JSON, read through accumulate (and info). */
final class MaskCases extends CaseBuilder {
    MaskCases(BaseInputs base, Path work, long seed, int randomPerKind, List<FuzzCase> cases) {
        super(base, work, seed, randomPerKind, cases);
    }

    void build() {
        masks();
    }

    private void masks() {
        Cmd accumulate =
                (dir, out) ->
                        List.of(
                                "accumulate",
                                "--scene",
                                base.ply().toString(),
                                "--cameras",
                                base.cameras().toString(),
                                "--masks",
                                dir.toString(),
                                "--threads",
                                "1",
                                "--out",
                                out.toString(),
                                "--quiet");
        Cmd info = (dir, out) -> List.of("info", dir.toString());
        Path png = base.masks(), jpg = base.jpegMasks(), sam = base.samMasks();
        inFolder(
                "mask PNG",
                "IHDR 40000 x 30000",
                true,
                png,
                "view_001.png",
                b -> ihdr(b, 40000, 30000),
                accumulate);
        inFolder(
                "mask PNG",
                "IHDR 2^31 x 1",
                true,
                png,
                "view_001.png",
                b -> ihdr(b, 1 << 31, 1),
                accumulate);
        inFolder(
                "mask PNG",
                "IHDR 0 x 0",
                true,
                png,
                "view_001.png",
                b -> ihdr(b, 0, 0),
                accumulate);
        Path stray = png.resolve("view_001.png");
        Path root = root();
        add(
                "mask PNG",
                "40000 x 30000 PNG matching no camera, by info",
                false,
                "stray.png",
                root,
                () -> {
                    BaseInputs.copyTree(png, root.resolve("masks"));
                    Files.write(
                            root.resolve("masks/stray.png"),
                            ihdr(Files.readAllBytes(stray), 40000, 30000));
                },
                List.of("info", root.resolve("masks").toString()));
        inFolder(
                "mask JPEG",
                "SOF 65535 x 65535",
                true,
                jpg,
                "view_001.jpg",
                MaskCases::hugeJpeg,
                accumulate);
        inFolder(
                "SAM JSON",
                "size [30000, 40000]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "30000, 40000"),
                accumulate);
        inFolder(
                "SAM JSON",
                "size [49152, 65536]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "49152, 65536"),
                accumulate);
        inFolder(
                "SAM JSON",
                "size [65536, 65536]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "65536, 65536"),
                accumulate);
        inFolder(
                "SAM JSON",
                "size [-1, 5]",
                true,
                sam,
                "view_001.json",
                b -> samSize(b, "-1, 5"),
                accumulate);
        // Valid but extreme: a 16-bit ID of 65535 must not size anything by 65536 x N.
        inFolder(
                "mask PNG",
                "16-bit mask with ID 65535",
                false,
                png,
                "view_001.png",
                MaskCases::id65535,
                accumulate);
        Random r = random("masks");
        for (int i = 0; i < randomPerKind; i++) {
            long s = r.nextLong();
            inFolder(
                    "mask PNG",
                    "random bytes #" + i,
                    false,
                    png,
                    "view_00" + (i % 6) + ".png",
                    b -> anyBytes(b, new Random(s)),
                    i % 3 == 0 ? info : accumulate);
            inFolder(
                    "mask JPEG",
                    "random bytes #" + i,
                    false,
                    jpg,
                    "view_00" + (i % 6) + ".jpg",
                    b -> anyBytes(b, new Random(s)),
                    accumulate);
            inFolder(
                    "SAM JSON",
                    "random number #" + i,
                    false,
                    sam,
                    "view_00" + (i % 6) + ".json",
                    b -> latin1(Mutations.replaceNumber(text(b), new Random(s), 0)),
                    accumulate);
        }
    }

    private static byte[] hugeJpeg(byte[] b) {
        for (int i = 2; i + 8 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && ((b[i + 1] & 0xff) == 0xc0 || (b[i + 1] & 0xff) == 0xc2)) {
                ByteBuffer.wrap(b).putShort(i + 5, (short) 0xffff).putShort(i + 7, (short) 0xffff);
                return b;
            }
        }
        throw new IllegalStateException("no SOF marker in the base JPEG");
    }

    private static byte[] samSize(byte[] b, String size) {
        return latin1(
                text(b).replaceAll("\"size\"\\s*:\\s*\\[[^\\]]*\\]", "\"size\": [" + size + "]"));
    }

    /** The mask as a 16-bit grey PNG with one pixel set to 65535. */
    static byte[] id65535(byte[] png) {
        try {
            java.awt.image.BufferedImage in =
                    javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            var out =
                    new java.awt.image.BufferedImage(
                            in.getWidth(),
                            in.getHeight(),
                            java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
            for (int y = 0; y < in.getHeight(); y++)
                for (int x = 0; x < in.getWidth(); x++)
                    out.getRaster().setSample(x, y, 0, in.getRaster().getSample(x, y, 0));
            out.getRaster().setSample(in.getWidth() / 2, in.getHeight() / 2, 0, 65535);
            var bytes = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
