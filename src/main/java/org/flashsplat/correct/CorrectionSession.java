package org.flashsplat.correct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.lift.Assigner;
import org.flashsplat.lift.AssignmentParams;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.lift.Segmentation;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.ContributionTable;
import org.flashsplat.raster.Contributions;
import org.flashsplat.raster.Renderer;
import org.flashsplat.scene.GaussianScene;

/**
 * The correction loop over one scene: the masks of the views, the contributions A they lift to and
 * the segmentation A gives, kept in step while the user edits masks.
 *
 * <p>Because A is a sum over views and pixels, an edit changes A only by the contributions of the
 * pixels it changed; {@link #apply} re-renders just the tiles holding them (see {@link DeltaPass})
 * and re-assigns. With the fixed-point A the result is bit-identical to a full re-accumulation of
 * the edited masks, after any number of edits and undos.
 *
 * <p>The masks are used in place, not copied: {@link #apply} writes each edit into the view's label
 * array. A caller that keeps the same arrays (the studio's mask editor) may write the edit itself
 * first; each changed pixel must then show either its old or its new label, anything else means the
 * caller and the session are out of step and is refused before anything changes. Views without a
 * mask (null) take no part and cannot be edited.
 *
 * <p>Not thread-safe: the studio drives one session from one worker thread (edits take tens of
 * milliseconds at most on the bundled sample; a view's disagreement a render).
 */
public final class CorrectionSession {
    private final Renderer renderer;
    private final GaussianScene scene;
    private final List<Camera> cameras;
    private final LabelMask[] masks;
    private final DeltaPass delta = new DeltaPass();
    private Contributions contributions;

    /** A frozen after the last edit, with its gamma-independent parts. */
    private Assigner.Prepared prepared;

    private AssignmentParams params;
    private Segmentation segmentation;
    private double tau = NovelViewMasks.DEFAULT_TAU;

    /**
     * What an edit did, with its timings in milliseconds.
     *
     * @param changedPixels pixels whose label changed (a no-op edit has none)
     * @param labels label count of A afterwards (grows when an edit introduces a new label)
     */
    public record Update(
            int changedPixels,
            int labels,
            Segmentation segmentation,
            double renderMillis,
            double foldMillis,
            double assignMillis,
            double totalMillis) {}

    private CorrectionSession(
            Renderer renderer,
            GaussianScene scene,
            List<Camera> cameras,
            List<LabelMask> masks,
            Contributions a,
            AssignmentParams params) {
        if (masks.size() != cameras.size())
            throw new IllegalArgumentException(
                    masks.size() + " masks for " + cameras.size() + " cameras");
        if (a.count() != scene.count())
            throw new IllegalArgumentException("contributions do not fit the scene");
        this.renderer = renderer;
        this.scene = scene;
        this.cameras = List.copyOf(cameras);
        this.masks = masks.toArray(new LabelMask[0]);
        for (int v = 0; v < this.masks.length; v++) {
            LabelMask m = this.masks[v];
            Camera c = cameras.get(v);
            if (m != null && (m.width() != c.width() || m.height() != c.height()))
                throw new IllegalArgumentException(
                        "mask of view " + c.name() + " is not at the camera's resolution");
            // A must have a row for every label the masks hold (given A may come from elsewhere).
            if (m != null && m.maxLabel() >= a.labels())
                throw new IllegalArgumentException(
                        "mask of view "
                                + c.name()
                                + " has label "
                                + m.maxLabel()
                                + ", the contributions only "
                                + a.labels()
                                + " labels");
        }
        this.contributions = a;
        this.params = params;
        this.segmentation = assign();
    }

    /**
     * Accumulates A over the masks (one full pass) and opens a session on it.
     *
     * @param masks one per camera, null where a view has no mask; used in place
     */
    public static CorrectionSession accumulate(
            Renderer renderer,
            GaussianScene scene,
            List<Camera> cameras,
            List<LabelMask> masks,
            AssignmentParams params,
            Progress progress) {
        int max = 1;
        List<Camera> used = new ArrayList<>();
        List<LabelMask> usedMasks = new ArrayList<>();
        for (int v = 0; v < masks.size(); v++) {
            LabelMask m = masks.get(v);
            if (m == null) continue;
            max = Math.max(max, m.maxLabel());
            used.add(cameras.get(v));
            usedMasks.add(m);
        }
        Contributions a = new Contributions(max + 1, scene.count());
        renderer.accumulate(scene, used, usedMasks::get, a, progress);
        return new CorrectionSession(renderer, scene, cameras, masks, a, params);
    }

    /**
     * Opens a session on contributions made earlier from these masks (e.g. a project's saved A).
     * Edits are then exact relative to {@code a} (a project's cache keeps the exact sums; A read
     * back from float32 is itself only float precise).
     */
    public static CorrectionSession of(
            Renderer renderer,
            GaussianScene scene,
            List<Camera> cameras,
            List<LabelMask> masks,
            Contributions a,
            AssignmentParams params) {
        return new CorrectionSession(renderer, scene, cameras, masks, a, params);
    }

    /**
     * Applies one mask edit: writes it into the view's mask, moves the changed pixels' weights in A
     * from their old labels to their new ones, and re-assigns.
     *
     * @throws IllegalArgumentException for a view without a mask, a pixel outside it or a negative
     *     new label
     * @throws IllegalStateException when a pixel shows neither its old nor its new label
     */
    public Update apply(MaskEdit edit) {
        return applyAll(List.of(edit));
    }

    /**
     * Applies edits in order (a propagation to many views, a redo of several steps) and re-assigns
     * once. Each edit is atomic; if one is refused, those before it stay applied (A and the masks
     * stay in step) and the segmentation is brought up to date before the exception leaves.
     */
    public Update applyAll(List<MaskEdit> edits) {
        long t0 = System.nanoTime();
        int changed = 0;
        double render = 0, fold = 0, assign = 0;
        boolean any = false;
        try {
            for (MaskEdit e : edits) {
                MaskEdit.Net net = check(e);
                if (net.size() == 0) {
                    e.applyTo(masks[e.view()].labels()); // leaves it as the caller meant
                    continue;
                }
                grow(net);
                delta.apply(renderer, scene, cameras.get(e.view()), net, contributions);
                int[] labels = masks[e.view()].labels();
                for (int k = 0; k < net.size(); k++) labels[net.pixels()[k]] = net.to()[k];
                any = true;
                changed += net.size();
                render += delta.renderMillis;
                fold += delta.foldMillis;
            }
        } finally {
            if (any) {
                long ta = System.nanoTime();
                segmentation = assign();
                assign = (System.nanoTime() - ta) / 1e6;
            }
        }
        double total = (System.nanoTime() - t0) / 1e6;
        return new Update(
                changed, contributions.labels(), segmentation, render, fold, assign, total);
    }

    private MaskEdit.Net check(MaskEdit e) {
        if (e.view() >= masks.length || masks[e.view()] == null)
            throw new IllegalArgumentException("view " + e.view() + " has no mask to edit");
        int[] labels = masks[e.view()].labels();
        for (int k = 0; k < e.size(); k++) {
            if (e.pixels()[k] < 0 || e.pixels()[k] >= labels.length)
                throw new IllegalArgumentException(
                        "pixel " + e.pixels()[k] + " is outside the mask");
            if (e.after()[k] < 0 || e.before()[k] < 0)
                throw new IllegalArgumentException("negative label in edit '" + e.name() + "'");
        }
        MaskEdit.Net net = e.net();
        for (int k = 0; k < net.size(); k++) {
            int now = labels[net.pixels()[k]];
            if (now != net.from()[k] && now != net.to()[k]) {
                int p = net.pixels()[k], w = masks[e.view()].width();
                throw new IllegalStateException(
                        "edit '"
                                + e.name()
                                + "' of view "
                                + cameras.get(e.view()).name()
                                + " expects label "
                                + net.from()[k]
                                + " at pixel ("
                                + p % w
                                + ", "
                                + p / w
                                + "), the mask has "
                                + now);
            }
        }
        return net;
    }

    /** New labels beyond A's rows add zero rows (a new object starts with no contribution). */
    private void grow(MaskEdit.Net net) {
        int max = -1;
        for (int l : net.to()) max = Math.max(max, l);
        if (max >= contributions.labels()) {
            contributions = contributions.withLabels(max + 1);
        }
    }

    /** Freezes A as it is now and assigns it. */
    private Segmentation assign() {
        prepared = Assigner.prepare(contributions.table());
        return prepared.assign(params);
    }

    /** A as of the last edit, frozen: what the segmentation was assigned from. */
    public ContributionTable table() {
        return prepared.table();
    }

    /** Re-assigns with other gamma or normalisation: a pass over A, no rendering. */
    public Segmentation setParams(AssignmentParams params) {
        this.params = params;
        segmentation = prepared.assign(params);
        return segmentation;
    }

    /** The novel-view threshold used for rendered masks (default 0.5). */
    public void setTau(double tau) {
        if (!(tau > 0 && tau < 1)) throw new IllegalArgumentException("tau must lie in (0, 1)");
        this.tau = tau;
    }

    public double tau() {
        return tau;
    }

    /** The mask the current 3D result renders for a view (any view, with or without a mask). */
    public LabelMask rendered(int view) {
        return NovelViewMasks.render(
                renderer, scene, cameras.get(view), segmentation.memberships(), tau);
    }

    /** A view's input mask against its rendered one, with the per-pixel map. */
    public ViewDisagreement disagreement(int view) {
        LabelMask input = masks[view];
        if (input == null) throw new IllegalArgumentException("view " + view + " has no mask");
        return Disagreement.compare(
                view, cameras.get(view).name(), input, rendered(view), objects(), true);
    }

    /** Every view with a mask, worst first (see {@link Disagreement#rank}); no per-pixel maps. */
    public List<ViewDisagreement> disagreements(Progress progress) {
        List<ViewDisagreement> out = new ArrayList<>();
        progress.begin("disagreement", masks.length);
        for (int v = 0; v < masks.length; v++) {
            progress.checkCancelled();
            if (masks[v] != null)
                out.add(
                        Disagreement.compare(
                                v, cameras.get(v).name(), masks[v], rendered(v), objects(), false));
            progress.advance(1);
        }
        return Disagreement.rank(out);
    }

    /** Edits so far that needed two renders (see {@link DeltaPass}); for tests. */
    long twoPassEdits() {
        return delta.twoPassEdits;
    }

    private int objects() {
        return segmentation.objects();
    }

    /** The current contributions; replaced (not resized) when a new label appears. */
    public Contributions contributions() {
        return contributions;
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    public AssignmentParams params() {
        return params;
    }

    /** The mask of a view as it is now (the session's array, do not change it), or null. */
    public LabelMask mask(int view) {
        return masks[view];
    }

    public List<LabelMask> masks() {
        return Collections.unmodifiableList(java.util.Arrays.asList(masks));
    }

    public List<Camera> cameras() {
        return cameras;
    }

    public GaussianScene scene() {
        return scene;
    }

    public Renderer renderer() {
        return renderer;
    }
}
