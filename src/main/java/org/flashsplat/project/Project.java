package org.flashsplat.project;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.flashsplat.core.AtomicFiles;
import org.flashsplat.core.InputException;
import org.flashsplat.mask.LabelMask;

/**
 * An open project: a folder with {@code project.json}, held for writing by a {@link ProjectLock}
 * (or opened read-only). The studio keeps one open, replaces its {@link ProjectData} after each
 * edit with {@link #update}, and calls {@link #save}; edits in between go to {@code
 * project.autosave.json} through the {@link Autosaver}, and a later open offers them back ({@link
 * #recovery}). Thread-safe: the autosave thread and the UI thread share it.
 */
public final class Project implements AutoCloseable {
    public static final String FILE = "project.json";
    public static final String AUTOSAVE = "project.autosave.json";

    /** How to open: for writing (takes the lock) or to look only. */
    public enum Mode {
        READ_WRITE,
        READ_ONLY
    }

    /** Unsaved work found on open: the autosave and when it was written. */
    public record Recovery(ProjectData data, FileTime savedAt) {}

    private final Path folder;
    private final ProjectLock lock;
    private final List<String> warnings;
    private final Autosaver autosaver;
    private ProjectData data;
    private ProjectData saved;

    private Project(Path folder, ProjectLock lock, ProjectData data, List<String> warnings) {
        this.folder = folder;
        this.lock = lock;
        this.data = data;
        this.saved = data;
        this.warnings = warnings;
        this.autosaver = lock == null ? null : Autosaver.withDefaults(this::autosaveNow);
    }

    /** Creates a project folder (or takes an empty one) and saves {@code data} into it. */
    public static Project create(Path folder, ProjectData data) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve(FILE))) {
            throw new InputException(dir, null, "already holds a project; open it instead");
        }
        Files.createDirectories(dir);
        ProjectLock lock = ProjectLock.acquire(dir);
        Project p = new Project(dir, lock, data, new ArrayList<>());
        p.saved = null;
        p.save();
        return p;
    }

    /**
     * Opens a project folder.
     *
     * @throws ProjectLock.LockedException when opened for writing and another process holds it
     * @throws InputException when the project file cannot be used
     */
    public static Project open(Path folder, Mode mode) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(FILE))) {
            throw new InputException(dir, null, "not a FlashSplat project (no " + FILE + ")");
        }
        ProjectLock lock = mode == Mode.READ_WRITE ? ProjectLock.acquire(dir) : null;
        try {
            List<String> warnings = new ArrayList<>();
            if (lock != null) {
                lock.takenOverFrom()
                        .ifPresent(
                                h ->
                                        warnings.add(
                                                "took over a lock left by "
                                                        + h.describe()
                                                        + ", which is no longer running"));
                removeStaleTemporaries(dir);
            }
            ProjectData d = ProjectFiles.read(dir.resolve(FILE), warnings);
            return new Project(dir, lock, d, warnings);
        } catch (RuntimeException | IOException e) {
            if (lock != null) lock.close();
            throw e;
        }
    }

    public Path folder() {
        return folder;
    }

    public boolean isReadOnly() {
        return lock == null;
    }

    /** Unknown fields, migrations, lock take-overs: lines the UI shows once after opening. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public synchronized ProjectData data() {
        return data;
    }

    /** Whether there are edits since the last save. */
    public synchronized boolean isDirty() {
        return !data.equals(saved);
    }

    /** Replaces the project's state after an edit and schedules an autosave. */
    public void update(ProjectData next) {
        synchronized (this) {
            data = next;
        }
        if (autosaver != null && isDirty()) autosaver.changed();
    }

    /** Saves {@code project.json} (atomically) and removes the autosave it supersedes. */
    public synchronized void save() throws IOException {
        requireWritable();
        if (autosaver != null) autosaver.cancel();
        ProjectFiles.write(folder.resolve(FILE), data);
        saved = data;
        Files.deleteIfExists(folder.resolve(AUTOSAVE));
        removeUnusedEditedMasks();
    }

    /** Writes the autosave now if there are unsaved edits (the Autosaver calls this). */
    public synchronized void autosaveNow() throws IOException {
        if (isReadOnly() || !isDirty()) return;
        ProjectFiles.write(folder.resolve(AUTOSAVE), data);
    }

    public Autosaver autosaver() {
        return autosaver;
    }

    /**
     * An autosave newer than the saved project and different from it: work that was not saved (a
     * crash, or a close without saving). The UI offers {@link #recover} or {@link
     * #discardAutosave}.
     */
    public synchronized Optional<Recovery> recovery() {
        Path auto = folder.resolve(AUTOSAVE);
        try {
            if (!Files.isRegularFile(auto)) return Optional.empty();
            FileTime a = Files.getLastModifiedTime(auto),
                    p = Files.getLastModifiedTime(folder.resolve(FILE));
            if (a.compareTo(p) < 0) return Optional.empty();
            ProjectData d = ProjectFiles.read(auto, new ArrayList<>());
            return d.equals(saved) ? Optional.empty() : Optional.of(new Recovery(d, a));
        } catch (IOException | InputException e) {
            warnings.add("autosave could not be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Takes the autosaved state as the current one (still unsaved). */
    public void recover(Recovery r) {
        update(r.data());
    }

    public synchronized void discardAutosave() throws IOException {
        requireWritable();
        Files.deleteIfExists(folder.resolve(AUTOSAVE));
    }

    /** An input path as the project means it (relative ones against the folder), or null. */
    public Path resolve(String stored) {
        return SafePaths.resolve(folder, stored);
    }

    /** How the project stores a path the user chose. */
    public String store(Path input) {
        return SafePaths.store(folder, input);
    }

    /**
     * Writes a corrected mask for a view into {@code edited_masks/} and records it in the state
     * (saved with the next save or autosave).
     */
    public void putEditedMask(String view, LabelMask mask) throws IOException {
        requireWritable();
        String rel = EditedMasks.write(folder, view, mask);
        synchronized (this) {
            Map<String, String> m = new TreeMap<>(data.editedMasks());
            m.put(view, rel);
            update(data.withEditedMasks(m));
        }
    }

    /** The corrected mask of a view at the camera's size, or null when the view has none. */
    public LabelMask editedMask(String view, int width, int height) {
        String rel = data().editedMasks().get(view);
        if (rel == null) return null;
        return EditedMasks.read(SafePaths.inside(folder, rel), width, height);
    }

    /** Stops autosaving (writing pending edits to the autosave) and releases the lock. */
    @Override
    public void close() throws IOException {
        if (lock == null) return;
        try {
            autosaver.close();
        } finally {
            lock.close();
        }
    }

    private void requireWritable() {
        if (isReadOnly()) {
            throw new IllegalStateException(
                    "project "
                            + folder
                            + " is open read-only"
                            + ProjectLock.holderOf(folder)
                                    .map(h -> " (held by " + h.describe() + ")")
                                    .orElse(""));
        }
    }

    /** Edited masks neither the saved state nor the current one uses. */
    private void removeUnusedEditedMasks() throws IOException {
        Path dir = ownFolder(folder, EditedMasks.FOLDER);
        if (dir == null) return;
        Set<Path> used = new HashSet<>();
        for (String rel : data.editedMasks().values()) used.add(SafePaths.resolve(folder, rel));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.png")) {
            for (Path f : ds) if (!used.contains(f.toAbsolutePath().normalize())) Files.delete(f);
        }
    }

    /** Temporary files of writes that a crash interrupted (see AtomicFiles). */
    private static void removeStaleTemporaries(Path dir) throws IOException {
        for (Path d :
                new Path[] {
                    dir,
                    ownFolder(dir, EditedMasks.FOLDER),
                    ownFolder(dir, ContributionsCache.FOLDER)
                }) {
            if (d != null) AtomicFiles.removeStaleTemporaries(d);
        }
    }

    /**
     * A subfolder of the project that we may delete files in, or null when it is missing or not
     * really ours: a link (even one to a folder inside the project, which is then cleaned under its
     * own name) is never followed for deleting.
     */
    private static Path ownFolder(Path project, String name) {
        Path d = project.resolve(name);
        return Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) ? d : null;
    }
}
