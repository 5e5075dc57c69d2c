package org.flashsplat.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.flashsplat.cli.Main;
import org.flashsplat.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken or hostile files in the new forms end in one line naming the file, never a crash. */
class SceneFormatsBadInputTest {
    static final Path DIR = SceneFormatsTest.DIR;

    static String infoError(Path file) {
        StringWriter err = new StringWriter();
        int status =
                Main.execute(
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true),
                        "info",
                        file.toString());
        assertThat(status).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains(file.getFileName().toString());
        return err.toString();
    }

    @Test
    void truncatedFilesSaySo(@TempDir Path tmp) throws Exception {
        for (String name : new String[] {"scene.spz", "scene.v3.spz", "scene.compressed.ply"}) {
            byte[] all = Files.readAllBytes(DIR.resolve(name));
            Path cut = tmp.resolve("cut-" + name);
            Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
            infoError(cut);
        }
        Path splat = tmp.resolve("odd.splat");
        Files.write(splat, new byte[33]);
        assertThat(infoError(splat)).contains("32-byte rows");
    }

    @Test
    void aHugePointCountInATinyFileAllocatesNothing(@TempDir Path tmp) throws Exception {
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(SpzReader.MAGIC)
                .putInt(3)
                .putInt(Integer.MAX_VALUE - 16)
                .put((byte) 3)
                .put((byte) 12);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(h.array());
        }
        Path spz = tmp.resolve("huge.spz");
        Files.write(spz, gz.toByteArray());
        assertThatThrownBy(() -> SceneFiles.decode(spz))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("truncated");

        ByteBuffer v4 = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        v4.putInt(SpzReader.MAGIC)
                .putInt(4)
                .putInt(Integer.MAX_VALUE - 16)
                .put((byte) 0)
                .put((byte) 12)
                .put((byte) 0)
                .put((byte) 5)
                .putInt(32);
        Path ngsp = tmp.resolve("huge4.spz");
        Files.write(ngsp, v4.array());
        assertThatThrownBy(() -> SceneFiles.decode(ngsp)).isInstanceOf(InputException.class);
    }

    @Test
    void aSogWhoseCountOutrunsItsTexturesIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sog"));
        try (var zip = new java.util.zip.ZipFile(DIR.resolve("scene.sog").toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                Files.write(dir.resolve(e.getName()), zip.getInputStream(e).readAllBytes());
            }
        }
        String meta =
                Files.readString(dir.resolve("meta.json"))
                        .replace("\"count\":2000", "\"count\":2000000");
        Files.writeString(dir.resolve("meta.json"), meta);
        assertThat(meta).contains("2000000");
        assertThat(infoError(dir)).contains("Gaussians");
    }
}
