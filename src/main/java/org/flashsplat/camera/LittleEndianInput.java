package org.flashsplat.camera;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.flashsplat.core.InputException;

/**
 * Sequential little-endian reads for COLMAP's binary files, tracking the byte offset so a truncated
 * file is reported where it ends.
 */
final class LittleEndianInput implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final long size;
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    private long offset;

    LittleEndianInput(Path file) throws IOException {
        this.file = file;
        try {
            this.size = Files.size(file);
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new InputException(file, null, "no such file");
        }
    }

    long offset() {
        return offset;
    }

    private ByteBuffer take(int n) throws IOException {
        scratch.clear();
        int got = in.readNBytes(scratch.array(), 0, n);
        if (got < n) {
            throw new InputException(
                    file, "byte " + (offset + got), "file is truncated (ends inside a record)");
        }
        offset += n;
        return scratch;
    }

    int int32() throws IOException {
        return take(4).getInt(0);
    }

    long uint64() throws IOException {
        long v = take(8).getLong(0);
        if (v < 0) throw new InputException(file, "byte " + (offset - 8), "count out of range");
        return v;
    }

    double float64() throws IOException {
        return take(8).getDouble(0);
    }

    /** A record count, checked against the bytes left so a corrupt count fails at once. */
    long count(String what, int minRecordBytes) throws IOException {
        long n = uint64();
        if (n > (size - offset) / minRecordBytes) {
            throw new InputException(
                    file,
                    "byte 0",
                    "header claims "
                            + n
                            + " "
                            + what
                            + ", more than the file's "
                            + size
                            + " bytes can hold");
        }
        return n;
    }

    /** A NUL-terminated name. */
    String cString() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new InputException(
                        file, "byte " + offset, "file is truncated (ends inside an image name)");
            }
            offset++;
            if (c == 0) return b.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (b.size() > 4096) {
                throw new InputException(file, "byte " + offset, "image name is not terminated");
            }
            b.write(c);
        }
    }

    void skip(long items, int itemBytes, String what) throws IOException {
        long bytes = items * itemBytes;
        if (items > (size - offset) / itemBytes) {
            throw new InputException(
                    file, "byte " + offset, "file is truncated (ends inside the " + what + ")");
        }
        try {
            in.skipNBytes(bytes);
        } catch (EOFException e) {
            throw new InputException(file, "byte " + size, "file is truncated in the " + what);
        }
        offset += bytes;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
