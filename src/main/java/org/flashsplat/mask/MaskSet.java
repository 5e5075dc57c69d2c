package org.flashsplat.mask;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.InputException;
import org.flashsplat.core.Progress;

/**
 * A folder of masks matched to cameras (DESIGN.md section 3). {@link #open} lists the folder,
 * matches files to cameras by stem (see {@link MaskFiles} for the rule), reads every header and
 * decides the folder's form; problems with single files (not an image, wrong aspect ratio, bad RLE)
 * are kept and thrown by {@link #load} for that view, and listed by {@link #summary}.
 *
 * <p>Masks at another resolution with the same aspect ratio (within 1%) are resampled by {@link
 * MaskResampler} to the camera's size. Deciding binary versus instance IDs, numbering RGB colours
 * and counting labels need one decode pass over the whole folder; it runs once, on first need, and
 * is cached. All methods are thread-safe.
 */
public final class MaskSet {
    private final Path folder;
    private final MaskImages.Kind kind;
    private final List<MaskFiles.Entry> files;
    private final Map<String, Integer> byCamera;
    private final List<String> missingViews;
    private final List<Path> unmatched;
    private final int ignoredFiles;
    private final Parallel parallel;
    private volatile MaskScan.Result scan;

    private MaskSet(
            Path folder,
            MaskImages.Kind kind,
            List<MaskFiles.Entry> files,
            List<Camera> cameras,
            int ignoredFiles,
            Parallel parallel) {
        this.folder = folder;
        this.kind = kind;
        this.files = files;
        this.ignoredFiles = ignoredFiles;
        this.parallel = parallel;
        Map<String, Integer> map = new HashMap<>();
        List<Path> noCamera = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            MaskFiles.Entry f = files.get(i);
            if (f.camera() != null) map.put(f.camera().name(), i);
            else noCamera.add(f.path());
        }
        List<String> missing = new ArrayList<>();
        for (Camera c : cameras) if (!map.containsKey(c.name())) missing.add(c.name());
        this.byCamera = map;
        this.missingViews = List.copyOf(missing);
        this.unmatched = List.copyOf(noCamera);
    }

    /**
     * Opens a mask folder for these cameras.
     *
     * @throws InputException when the folder is missing, holds no masks, mixes forms, or two masks
     *     claim one camera
     */
    public static MaskSet open(Path folder, List<Camera> cameras) {
        MaskFiles.Listing listing = MaskFiles.list(folder);
        List<Path> paths = listing.masks();
        Camera[] cams = MaskFiles.match(folder, paths, cameras);
        MaskFiles.Entry[] entries = new MaskFiles.Entry[paths.size()];
        Parallel parallel = Parallel.defaults();
        parallel.forEach(paths.size(), i -> entries[i] = MaskFiles.probe(paths.get(i), cams[i]));
        MaskImages.Kind kind = null;
        MaskFiles.Entry first = null;
        for (MaskFiles.Entry e : entries) {
            if (e.header() == null) continue;
            if (kind == null) {
                kind = e.header().kind();
                first = e;
            } else if (e.header().kind() != kind) {
                throw new InputException(
                        folder,
                        null,
                        "mixes mask forms: "
                                + describe(kind)
                                + " ("
                                + first.name()
                                + ") and "
                                + describe(e.header().kind())
                                + " ("
                                + e.name()
                                + ")");
            }
        }
        if (kind == null) throw entries[0].problem(); // no file could be read at all
        return new MaskSet(folder, kind, List.of(entries), cameras, listing.ignored(), parallel);
    }

    public Path folder() {
        return folder;
    }

    /** The folder's form (telling binary from instance-ID grey masks needs the decode pass). */
    public MaskFormat format() {
        return switch (kind) {
            case GREY -> scan().format();
            case PALETTE -> MaskFormat.PALETTE;
            case RGB -> MaskFormat.RGB;
            case JPEG -> MaskFormat.JPEG_BINARY;
            case SAM -> MaskFormat.SAM_RLE;
        };
    }

    /** Names of the cameras that have no mask (their views are skipped), in camera order. */
    public List<String> missingViews() {
        return missingViews;
    }

    /** Mask files that match no camera, in name order. */
    public List<Path> unmatchedMasks() {
        return unmatched;
    }

    public boolean hasMask(Camera camera) {
        return byCamera.containsKey(camera.name());
    }

    /** The mask file of a camera, or null. */
    public Path maskFile(Camera camera) {
        Integer i = byCamera.get(camera.name());
        return i == null ? null : files.get(i).path();
    }

    /** Files of the folder that cannot be used (runs the decode pass), in name order. */
    public List<InputException> problems() {
        return scan().problems();
    }

    /** Number of labels: largest label + 1 over every mask of the folder (binary: 2). */
    public int labelCount() {
        return scan().labelCount();
    }

    /** The RGB numbering (null unless the form is {@link MaskFormat#RGB}). */
    public ColourTable colourTable() {
        return kind == MaskImages.Kind.RGB ? scan().table() : null;
    }

    /**
     * Packed 0xRRGGBB colour of each label as the user's files show it (RGB table, or the first
     * palette), or null for forms without colours.
     */
    public int[] labelColours() {
        if (kind == MaskImages.Kind.RGB) return scan().table().colours();
        if (kind != MaskImages.Kind.PALETTE) return null;
        for (MaskFiles.Entry f : files) {
            if (f.problem() == null) return MaskImages.palette(f.path());
        }
        return null;
    }

    /**
     * The mask of a view at the camera's resolution, or null when the camera has no mask.
     *
     * @throws InputException when the mask file cannot be used
     */
    public LabelMask load(Camera camera) {
        Integer i = byCamera.get(camera.name());
        if (i == null) return null;
        MaskFiles.Entry f = files.get(i);
        if (f.problem() != null) throw f.problem();
        InputException size = MaskFiles.sizeProblem(f.path(), f.header(), camera);
        if (size != null) throw size;
        MaskImages.Raw raw = decode(f);
        int[] labels = raw.values();
        switch (kind) {
            case GREY -> {
                // A value other than 0 and the largest one proves the folder is not binary, so a
                // single view can be shown without first scanning the whole folder.
                if (onlyZeroOrFull(labels, f.header().bitDepth())
                        && scan().format() == MaskFormat.BINARY) {
                    for (int p = 0; p < labels.length; p++) labels[p] = labels[p] == 0 ? 0 : 1;
                } else if (f.header().bitDepth() == 16) {
                    // 16-bit ID masks keep their largest value for "ignore" (LabelMask.IGNORE)
                    for (int p = 0; p < labels.length; p++)
                        if (labels[p] == LabelMask.IGNORE_16) labels[p] = LabelMask.IGNORE;
                }
            }
            case RGB -> {
                int bad = scan().table().toLabels(labels);
                if (bad >= 0) {
                    throw new InputException(
                            f.path(),
                            "pixel (" + bad % raw.width() + ", " + bad / raw.width() + ")",
                            "colour not seen when the folder was scanned (file changed?)");
                }
            }
            default -> {}
        }
        if (raw.width() == 0) return LabelMask.empty(camera.width(), camera.height());
        LabelMask m = new LabelMask(raw.width(), raw.height(), labels);
        return MaskResampler.nearest(m, camera.width(), camera.height());
    }

    /**
     * Masks of all these views, decoded in parallel; the list holds null where a camera has no
     * mask. Results do not depend on thread scheduling.
     */
    public List<LabelMask> loadAll(List<Camera> cameras, Progress progress) {
        if (kind == MaskImages.Kind.GREY || kind == MaskImages.Kind.RGB) scan(progress);
        LabelMask[] out = new LabelMask[cameras.size()];
        progress.begin("Reading masks", cameras.size());
        parallel.forEach(cameras.size(), i -> out[i] = load(cameras.get(i)), progress);
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /** What {@code flashsplat info} shows about the folder (runs the decode pass). */
    public MaskSetSummary summary() {
        MaskScan.Result s = scan();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (MaskFiles.Entry f : files) {
            if (f.header() != null && f.header().width() > 0) {
                sizes.merge(f.header().width() + "x" + f.header().height(), 1, Integer::sum);
            }
        }
        for (InputException e : s.problems()) problems.add(e.userMessage());
        List<String> warnings = new ArrayList<>();
        int lo = -1, hi = -1;
        for (int i = 0; i < s.labelCounts().length; i++) {
            int c = s.labelCounts()[i];
            if (c < 0) continue;
            if (lo < 0 || c < s.labelCounts()[lo]) lo = i;
            if (hi < 0 || c > s.labelCounts()[hi]) hi = i;
        }
        if (lo >= 0 && s.labelCounts()[lo] != s.labelCounts()[hi]) {
            warnings.add(
                    "label count varies between views: "
                            + s.labelCounts()[lo]
                            + " in "
                            + files.get(lo).name()
                            + " to "
                            + s.labelCounts()[hi]
                            + " in "
                            + files.get(hi).name()
                            + (kind == MaskImages.Kind.SAM
                                    ? " (SAM IDs are local to each view)"
                                    : ""));
        }
        warnings.addAll(s.warnings());
        if (ignoredFiles > 0) {
            warnings.add(ignoredFiles + " file(s) in the folder are not masks and were ignored");
        }
        int[] values = s.labelValues().stream().toArray();
        return new MaskSetSummary(
                folder,
                s.format(),
                files.size(),
                byCamera.size(),
                sizes,
                s.labelCount(),
                values,
                missingViews,
                unmatched.stream().map(p -> p.getFileName().toString()).toList(),
                problems,
                warnings);
    }

    private MaskScan.Result scan() {
        return scan(Progress.NONE);
    }

    private MaskScan.Result scan(Progress progress) {
        MaskScan.Result s = scan;
        if (s != null) return s;
        synchronized (this) {
            if (scan == null) {
                progress.begin("Scanning masks", files.size());
                scan = MaskScan.scan(kind, files, i -> decode(files.get(i)), parallel, progress);
            }
            return scan;
        }
    }

    private MaskImages.Raw decode(MaskFiles.Entry f) {
        if (kind == MaskImages.Kind.SAM) {
            return SamJson.paint(f.path(), f.sam(), 0, 0);
        }
        return MaskImages.decode(f.path(), f.header());
    }

    private static boolean onlyZeroOrFull(int[] values, int bitDepth) {
        int full = (1 << Math.min(16, bitDepth)) - 1;
        for (int v : values) if (v != 0 && v != full) return false;
        return true;
    }

    private static String describe(MaskImages.Kind k) {
        return switch (k) {
            case GREY -> "grey PNG";
            case PALETTE -> "palette PNG";
            case RGB -> "RGB PNG";
            case JPEG -> "JPEG";
            case SAM -> "SAM JSON";
        };
    }
}
