package org.flashsplat.project;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.Normalisation;
import org.flashsplat.lift.NovelViewMasks;

/**
 * Everything a project remembers (schema {@value #SCHEMA_VERSION}), as plain immutable data: {@code
 * project.json} is this record, written by {@link ProjectFiles}. Plain data on purpose: the file is
 * never trusted to name classes, and other modules (association, correction loop) convert their own
 * models to and from these records.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION} once read (older files are migrated)
 * @param inputs where the scene, cameras and masks lie
 * @param settings global assignment and novel-view settings
 * @param objects the objects (association instances): id = label in the contributions
 * @param association which local mask id of which view is which object
 * @param editedMasks view name to the project-relative PNG that replaces that view's input mask
 * @param objectEdits Gaussians added to or taken out of objects by hand (3D selection), over what
 *     the lift decides; empty in projects of older studios, which load unchanged
 */
public record ProjectData(
        int schemaVersion,
        Inputs inputs,
        Settings settings,
        List<ObjectInfo> objects,
        Association association,
        Map<String, String> editedMasks,
        // Left out when empty: a project without hand edits is the same file as before them.
        @com.fasterxml.jackson.annotation.JsonInclude(
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                List<ObjectEdit> objectEdits) {
    public static final int SCHEMA_VERSION = 2;

    /** Labels are stored in up to 16 bits (instance-ID PNGs). */
    public static final int MAX_OBJECT_ID = 65535;

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");

    public ProjectData {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "schema_version " + schemaVersion + " (expected " + SCHEMA_VERSION + ")");
        }
        if (inputs == null) inputs = new Inputs(null, null, null, null);
        if (settings == null) settings = Settings.defaults();
        objects = objects == null ? List.of() : List.copyOf(objects);
        if (association == null) association = new Association(List.of());
        // Sorted, so a file written twice is the same bytes and diffs stay small.
        editedMasks = editedMasks == null ? Map.of() : new TreeMap<>(editedMasks);
        editedMasks = java.util.Collections.unmodifiableMap(editedMasks);
        Set<Integer> ids = new HashSet<>();
        for (ObjectInfo o : objects) {
            if (!ids.add(o.id()))
                throw new IllegalArgumentException("object id " + o.id() + " twice");
        }
        objectEdits = objectEdits == null ? List.of() : List.copyOf(objectEdits);
        Set<Integer> edited = new HashSet<>();
        for (ObjectEdit e : objectEdits) {
            if (!edited.add(e.id()))
                throw new IllegalArgumentException("object_edits: object " + e.id() + " twice");
        }
    }

    /** A project without hand edits of memberships (as every project before them). */
    public ProjectData(
            int schemaVersion,
            Inputs inputs,
            Settings settings,
            List<ObjectInfo> objects,
            Association association,
            Map<String, String> editedMasks) {
        this(schemaVersion, inputs, settings, objects, association, editedMasks, null);
    }

    /** A new project over these inputs with default settings and no objects yet. */
    public static ProjectData of(Inputs inputs) {
        return new ProjectData(
                SCHEMA_VERSION, inputs, Settings.defaults(), List.of(), null, Map.of());
    }

    public ProjectData withInputs(Inputs i) {
        return new ProjectData(
                schemaVersion, i, settings, objects, association, editedMasks, objectEdits);
    }

    public ProjectData withSettings(Settings s) {
        return new ProjectData(
                schemaVersion, inputs, s, objects, association, editedMasks, objectEdits);
    }

    public ProjectData withObjects(List<ObjectInfo> o) {
        return new ProjectData(
                schemaVersion, inputs, settings, o, association, editedMasks, objectEdits);
    }

    public ProjectData withAssociation(Association a) {
        return new ProjectData(
                schemaVersion, inputs, settings, objects, a, editedMasks, objectEdits);
    }

    public ProjectData withEditedMasks(Map<String, String> e) {
        return new ProjectData(
                schemaVersion, inputs, settings, objects, association, e, objectEdits);
    }

    public ProjectData withObjectEdits(List<ObjectEdit> e) {
        return new ProjectData(
                schemaVersion, inputs, settings, objects, association, editedMasks, e);
    }

    /** Per object (ids), its floater-removal strength where it has one above 0. */
    public Map<Integer, Double> cleanStrengths() {
        Map<Integer, Double> out = new TreeMap<>();
        for (ObjectInfo o : objects)
            if (o.clean() != null && o.clean() > 0) out.put(o.id(), o.clean());
        return out;
    }

    /**
     * Gaussians put into ({@code added}) or taken out of ({@code removed}) object {@code id} by
     * hand, whatever the masks say; ascending Gaussian indices of the scene.
     */
    public record ObjectEdit(int id, int[] added, int[] removed) {
        public ObjectEdit {
            if (id < 1 || id > MAX_OBJECT_ID)
                throw new IllegalArgumentException(
                        "object_edits: id " + id + " is not in 1..65535");
            added = checked(id, added == null ? new int[0] : added.clone());
            removed = checked(id, removed == null ? new int[0] : removed.clone());
        }

        private static int[] checked(int id, int[] g) {
            for (int j = 0; j < g.length; j++)
                if (g[j] < 0 || (j > 0 && g[j] <= g[j - 1]))
                    throw new IllegalArgumentException(
                            "object_edits of object "
                                    + id
                                    + ": Gaussian indices must ascend from 0");
            return g;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ObjectEdit e
                    && e.id == id
                    && java.util.Arrays.equals(e.added, added)
                    && java.util.Arrays.equals(e.removed, removed);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * id + java.util.Arrays.hashCode(added))
                    + java.util.Arrays.hashCode(removed);
        }

        @Override
        public String toString() {
            return "ObjectEdit[" + id + ", +" + added.length + ", -" + removed.length + "]";
        }
    }

    /** The object with this id, or null. */
    public ObjectInfo object(int id) {
        for (ObjectInfo o : objects) if (o.id() == id) return o;
        return null;
    }

    /** The assignment parameters: global gamma, per-object overrides and normalisation. */
    public AssignmentParams assignmentParams() {
        Map<Integer, Double> per = new TreeMap<>();
        for (ObjectInfo o : objects) if (o.gamma() != null) per.put(o.id(), o.gamma());
        return new AssignmentParams(settings.gamma(), per, settings.normalisation());
    }

    /**
     * Input paths as stored: relative to the project folder where they lie inside it, else
     * absolute; null when not set. See {@link Project#resolve}.
     *
     * @param images optional folder of the training images (COCO file names come from it)
     */
    public record Inputs(String scene, String cameras, String masks, String images) {}

    /**
     * @param gamma global background bias in [-1, 1]
     * @param tau novel-view threshold on the accumulated object weight, in [0, 1]
     */
    public record Settings(double gamma, Normalisation normalisation, double tau) {
        public Settings {
            if (!(gamma >= -1 && gamma <= 1))
                throw new IllegalArgumentException("gamma must lie in [-1, 1], not " + gamma);
            if (!(tau >= 0 && tau <= 1))
                throw new IllegalArgumentException("tau must lie in [0, 1], not " + tau);
            if (normalisation == null) normalisation = Normalisation.L1;
        }

        public static Settings defaults() {
            return new Settings(0.0, Normalisation.L1, NovelViewMasks.DEFAULT_TAU);
        }
    }

    /**
     * One object.
     *
     * @param id its label, 1..65535
     * @param colour {@code #rrggbb}, lower case
     * @param gamma its own background bias, or null for the global one
     * @param clean its floater-removal strength in [0, 1], or null for none
     */
    public record ObjectInfo(int id, String name, String colour, Double gamma, Double clean) {
        public ObjectInfo(int id, String name, String colour, Double gamma) {
            this(id, name, colour, gamma, null);
        }

        public ObjectInfo {
            if (id < 1 || id > MAX_OBJECT_ID)
                throw new IllegalArgumentException("object id " + id + " is not in 1..65535");
            if (name == null) name = "object " + id;
            if (colour == null) colour = defaultColour(id);
            colour = colour.toLowerCase(java.util.Locale.ROOT);
            if (!COLOUR.matcher(colour).matches())
                throw new IllegalArgumentException("colour '" + colour + "' is not #rrggbb");
            if (gamma != null && !(gamma >= -1 && gamma <= 1))
                throw new IllegalArgumentException("gamma of object " + id + " is " + gamma);
            if (clean != null && !(clean >= 0 && clean <= 1))
                throw new IllegalArgumentException("clean of object " + id + " is " + clean);
            if (clean != null && clean == 0) clean = null; // none: left out of the file
        }

        /** Packed 0xRRGGBB. */
        public int rgb() {
            return Integer.parseInt(colour.substring(1), 16);
        }

        public static String hex(int rgb) {
            return String.format("#%06x", rgb & 0xffffff);
        }

        /** A distinct colour per id (golden-angle hues), for objects the user has not coloured. */
        public static String defaultColour(int id) {
            float hue = (float) ((id * 0.618033988749895) % 1.0);
            return hex(java.awt.Color.HSBtoRGB(hue, 0.65f, 0.95f));
        }
    }

    /**
     * Generic association table: another module owns the model, this is what is stored.
     *
     * @param entries which local mask of which view is which object
     * @param instances the association's own instances (id, name, colour; no gamma), or empty when
     *     only the entries are known (a project made by the CLI): then the objects the entries name
     *     stand in
     */
    public record Association(List<Entry> entries, List<ObjectInfo> instances) {
        public Association {
            entries = entries == null ? List.of() : List.copyOf(entries);
            instances = instances == null ? List.of() : List.copyOf(instances);
        }

        public Association(List<Entry> entries) {
            this(entries, null);
        }

        /** Entries of one view. */
        public List<Entry> of(String view) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries) if (e.view().equals(view)) out.add(e);
            return out;
        }

        /**
         * @param view camera name (image stem)
         * @param localId the id in that view's own mask (e.g. a SAM mask index)
         * @param instance the object id it belongs to, 0 for background
         * @param area the local mask's pixel count, or null when not known
         * @param confidence how sure the association is, in [0, 1], or null when not known
         * @param flags lower-case markers of the association (e.g. "edited"), or null for none
         * @param part the sub-instance of {@code instance} the mask shows (a part the association
         *     merged into its whole), or null for none (files written before parts have none)
         */
        public record Entry(
                String view,
                int localId,
                int instance,
                Integer area,
                Double confidence,
                List<String> flags,
                Integer part) {
            public Entry {
                if (view == null)
                    throw new IllegalArgumentException("association entry without view");
                if (localId < 0
                        || localId > MAX_OBJECT_ID
                        || instance < 0
                        || instance > MAX_OBJECT_ID)
                    throw new IllegalArgumentException(
                            "association entry "
                                    + view
                                    + ": bad ids "
                                    + localId
                                    + " -> "
                                    + instance);
                if (confidence != null && !(confidence >= 0 && confidence <= 1))
                    throw new IllegalArgumentException(
                            "association entry " + view + ": confidence " + confidence);
                if (area != null && area < 0)
                    throw new IllegalArgumentException(
                            "association entry " + view + ": area " + area);
                // Empty and absent are the same (and the file leaves both out).
                flags = flags == null || flags.isEmpty() ? null : List.copyOf(flags);
                if (part != null && (part < 0 || part > MAX_OBJECT_ID))
                    throw new IllegalArgumentException(
                            "association entry " + view + ": part " + part);
                if (part != null && part == 0) part = null;
            }

            public Entry(
                    String view,
                    int localId,
                    int instance,
                    Integer area,
                    Double confidence,
                    List<String> flags) {
                this(view, localId, instance, area, confidence, flags, null);
            }

            public Entry(String view, int localId, int instance) {
                this(view, localId, instance, null, null, null, null);
            }
        }
    }
}
