package org.flashsplat.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npz} archives: a zip of {@code NAME.npy} members, as {@code numpy.savez} writes
 * and {@code numpy.load} reads; with the members {@code data, indices, indptr, shape, format} it is
 * the layout of {@code scipy.sparse.save_npz}. Members are stored uncompressed (they are mostly
 * incompressible floats and indices, and stored members read at disk speed) and with a fixed
 * timestamp, so the same arrays always give the same bytes. Zip64 takes members past 4 GiB.
 */
public final class Npz {
    private Npz() {}

    /** 1980-01-01, the zip epoch: the same bytes whenever the file is written. */
    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    /** Members to write, in order: name (without .npy), dtype, shape and data. */
    public static final class Writer {
        private final Map<String, Object[]> members = new LinkedHashMap<>();

        public Writer add(String name, String dtype, long[] shape, Object data) {
            members.put(name, new Object[] {dtype, shape, data});
            return this;
        }

        /** A 0-d byte string, as numpy stores {@code b'csr'}. */
        public Writer addBytes(String name, String ascii) {
            byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
            return add(name, "|S" + b.length, new long[0], b);
        }

        public void write(Path path) throws IOException {
            AtomicFiles.write(path, this::writeTo);
        }

        private void writeTo(OutputStream raw) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
            zip.setMethod(ZipOutputStream.DEFLATED);
            zip.setLevel(0);
            for (var m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey() + ".npy");
                e.setTimeLocal(EPOCH);
                zip.putNextEntry(e);
                Object[] v = m.getValue();
                Npy.write(zip, (String) v[0], (long[]) v[1], v[2]);
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        }
    }

    /** An open archive; members are read one at a time. */
    public static final class Reader implements AutoCloseable {
        private final Path path;
        private final ZipFile zip;

        public Reader(Path path) {
            this.path = path;
            try {
                this.zip = new ZipFile(path.toFile());
            } catch (IOException e) {
                throw new InputException(path, null, "not a readable .npz (zip) file");
            }
        }

        public boolean has(String name) {
            return zip.getEntry(name + ".npy") != null;
        }

        /**
         * Member {@code name}. The size allocated is bounded by the member's declared size, which
         * in turn cannot exceed what its compressed bytes can inflate to (deflate expands at most
         * about 1032:1), so a small file cannot ask for a large allocation.
         */
        public Npy.Array read(String name) {
            ZipEntry e = zip.getEntry(name + ".npy");
            Path where = path.resolve(name + ".npy");
            if (e == null) throw new InputException(path, name, "has no member " + name + ".npy");
            long size = e.getSize(), packed = e.getCompressedSize();
            if (size < 0 || packed < 0)
                throw new InputException(path, name, "member size unknown");
            if (e.getMethod() == ZipEntry.STORED ? size != packed : size > packed * 1032 + 65536)
                throw new InputException(
                        path, name, "member declares " + size + " bytes from " + packed);
            try (InputStream in = zip.getInputStream(e)) {
                return Npy.read(in, size, where);
            } catch (IOException x) {
                throw new InputException(path, name, "cannot read: " + x.getMessage());
            }
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }
}
