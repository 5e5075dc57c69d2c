package org.flashsplat.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of everything the contributions depend on, so a cached {@code contributions.npy} is used
 * only while its inputs are unchanged. Files up to {@link #FULL_HASH_BYTES} are hashed whole;
 * larger ones (multi-GB scenes) by size, modification time and their first and last megabyte, which
 * keeps reopening instant. Only content and names within their folders count, never absolute paths,
 * so a moved project still hits its cache.
 *
 * <p>The backend that computed the contributions is part of the key ({@code "cpu"}, {@code
 * "cuda"}): CPU/GPU bit identity has not been proven on a GPU yet, and the studio's live re-lift
 * subtracts a view expecting exactly what was added, so A cached by one backend and edited with
 * another could keep residues (a Gaussian slightly negative, no longer "unseen").
 */
public final class InputFingerprint {
    /** Raised when the way contributions are computed or stored changes. */
    static final String FORMAT = "flashsplat-contributions-1";

    static final long FULL_HASH_BYTES = 64L << 20;
    private static final int PART = 1 << 20;

    private final MessageDigest digest;

    private InputFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        text(FORMAT);
    }

    /**
     * The fingerprint of a project's accumulation inputs.
     *
     * @param scene the scene PLY
     * @param cameras cameras.json or a COLMAP folder
     * @param masks the mask folder (may be null when every view is edited)
     * @param backend the kind of renderer that computes them ({@link
     *     org.flashsplat.raster.Renderer#kind()})
     */
    public static String of(
            Path scene, Path cameras, Path masks, Path project, ProjectData data, String backend)
            throws IOException {
        InputFingerprint f = new InputFingerprint();
        f.text("backend");
        f.text(backend);
        f.text("scene");
        f.file(scene);
        f.text("cameras");
        f.pathOrFolder(cameras);
        f.text("masks");
        if (masks != null) f.pathOrFolder(masks);
        f.text("edited");
        for (var e : data.editedMasks().entrySet()) {
            f.text(e.getKey());
            f.file(SafePaths.inside(project, e.getValue()));
        }
        f.text("association");
        for (ProjectData.Association.Entry e : data.association().entries()) {
            f.text(e.view() + "\u0000" + e.localId() + "\u0000" + e.instance());
        }
        f.text("objects");
        for (ProjectData.ObjectInfo o : data.objects()) f.text(Integer.toString(o.id()));
        return HexFormat.of().formatHex(f.digest.digest());
    }

    private void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(b.length).array());
        digest.update(b);
    }

    private void pathOrFolder(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            file(p);
            return;
        }
        // Files of the folder and of its sub-folders one level down (COLMAP sparse/0), by name.
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            for (Path f : ds) if (Files.isRegularFile(f)) files.add(f);
        }
        files.sort(null);
        for (Path f : files) {
            text(f.getFileName().toString());
            file(f);
        }
    }

    private void file(Path p) throws IOException {
        long size = Files.size(p);
        text("size " + size);
        if (size <= FULL_HASH_BYTES) {
            byte[] buf = new byte[PART];
            try (InputStream in = Files.newInputStream(p)) {
                for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
            }
            return;
        }
        text("mtime " + Files.getLastModifiedTime(p).toMillis());
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            for (long at : new long[] {0, size - PART}) {
                ByteBuffer b = ByteBuffer.allocate(PART);
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {}
                digest.update(b.array(), 0, b.position());
            }
        }
    }
}
