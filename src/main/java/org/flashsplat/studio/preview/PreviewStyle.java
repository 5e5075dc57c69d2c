package org.flashsplat.studio.preview;

import org.flashsplat.raster.Memberships;

/**
 * What the preview shows of the segmentation, as a value: which objects are visible, soloed or
 * selected, the mode, and an optional overlap pair to highlight. {@link #build} turns it into the
 * renderer's per-Gaussian tint and hidden arrays; the render thread caches the result per style.
 *
 * @param colours RGB per object id (index 0 unused)
 * @param highlightA with highlightB: show only Gaussians in both objects (ids), 0 for none
 * @param selection Gaussians selected in 3D, drawn in yellow (null: none)
 * @param floaters Gaussians a cleanup being tried would remove, drawn in red (null: none)
 */
public record PreviewStyle(
        Memberships memberships,
        int[] colours,
        boolean[] visible,
        boolean[] solo,
        boolean[] selected,
        Mode mode,
        boolean tint,
        int highlightA,
        int highlightB,
        java.util.BitSet selection,
        java.util.BitSet floaters) {
    static final int SELECTION_RGB = 0xffd400, FLOATER_RGB = 0xff2020;

    public PreviewStyle(
            Memberships memberships,
            int[] colours,
            boolean[] visible,
            boolean[] solo,
            boolean[] selected,
            Mode mode,
            boolean tint,
            int highlightA,
            int highlightB) {
        this(
                memberships,
                colours,
                visible,
                solo,
                selected,
                mode,
                tint,
                highlightA,
                highlightB,
                null,
                null);
    }

    /** The three ways the preview shows a segmentation. */
    public enum Mode {
        ALL("All"),
        SELECTED("Selected objects only"),
        WITHOUT("Scene without selected");

        public final String text;

        Mode(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Per-Gaussian tint (3 per Gaussian, -1 = untinted) and hidden flags. */
    public record Arrays(float[] tint, boolean[] hidden) {}

    public Arrays build() {
        Arrays a = buildSegments();
        boolean anySel = selection != null && !selection.isEmpty();
        boolean anyFloat = floaters != null && !floaters.isEmpty();
        // Without a segmentation there is no per-Gaussian array to mark (and nothing to edit).
        if ((!anySel && !anyFloat) || memberships == null) return a;
        float[] t = a.tint();
        boolean[] hidden = a.hidden();
        if (t == null) {
            t = new float[3 * memberships.count()];
            java.util.Arrays.fill(t, -1);
        }
        // Marks draw over the objects' tints; a selected Gaussian hidden by the mode stays hidden.
        if (anySel) mark(t, selection, SELECTION_RGB);
        if (anyFloat) mark(t, floaters, FLOATER_RGB);
        return new Arrays(t, hidden);
    }

    private static void mark(float[] t, java.util.BitSet bits, int rgb) {
        for (int i = bits.nextSetBit(0); i >= 0 && 3 * i < t.length; i = bits.nextSetBit(i + 1)) {
            t[3 * i] = ((rgb >> 16) & 0xff) / 255f;
            t[3 * i + 1] = ((rgb >> 8) & 0xff) / 255f;
            t[3 * i + 2] = (rgb & 0xff) / 255f;
        }
    }

    private Arrays buildSegments() {
        if (memberships == null) return new Arrays(null, null);
        int n = memberships.count(), k = memberships.objects();
        boolean anySolo = false;
        for (int o = 1; o <= k && o < solo.length; o++) anySolo |= solo[o];
        boolean[] shown = new boolean[k + 1];
        for (int o = 1; o <= k; o++) {
            boolean v = o >= visible.length || visible[o];
            boolean s = !anySolo || (o < solo.length && solo[o]);
            shown[o] = v && s;
        }
        int[][] lists = memberships.objectLists();
        int[] off = lists[0], list = lists[1];
        float[] t = tint ? new float[3 * n] : null;
        boolean[] hidden = new boolean[n];
        for (int i = 0; i < n; i++) {
            int first = 0, firstShown = 0;
            boolean inSelected = false, inA = false, inB = false;
            for (int j = off[i]; j < off[i + 1]; j++) {
                int id = list[j] + 1;
                if (first == 0) first = id;
                if (firstShown == 0 && shown[id]) firstShown = id;
                inSelected |= id < selected.length && selected[id];
                inA |= id == highlightA;
                inB |= id == highlightB;
            }
            boolean hide;
            if (highlightA > 0) hide = !(inA && inB);
            else {
                hide = first == 0 ? anySolo : firstShown == 0;
                if (mode == Mode.SELECTED) hide |= !inSelected;
                if (mode == Mode.WITHOUT) hide |= inSelected;
            }
            hidden[i] = hide;
            if (t != null) {
                int rgb = highlightA > 0 ? 0xff30ff : firstShown == 0 ? -1 : colours[firstShown];
                if (rgb < 0) {
                    t[3 * i] = t[3 * i + 1] = t[3 * i + 2] = -1;
                } else {
                    t[3 * i] = ((rgb >> 16) & 0xff) / 255f;
                    t[3 * i + 1] = ((rgb >> 8) & 0xff) / 255f;
                    t[3 * i + 2] = (rgb & 0xff) / 255f;
                }
            }
        }
        return new Arrays(t, hidden);
    }
}
