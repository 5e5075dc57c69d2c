package org.flashsplat.propagate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.flashsplat.camera.Camera;
import org.flashsplat.core.Progress;
import org.flashsplat.correct.CorrectionSession;
import org.flashsplat.lift.NovelViewMasks;
import org.flashsplat.mask.LabelMask;
import org.flashsplat.raster.Memberships;
import org.flashsplat.raster.Renderer;
import org.flashsplat.sam.EmbeddingCache;
import org.flashsplat.sam.ImageEmbedding;
import org.flashsplat.sam.MaskPrompts;
import org.flashsplat.sam.SamMask;
import org.flashsplat.sam.SamModel;
import org.flashsplat.sam.SamPrompt;
import org.flashsplat.scene.GaussianScene;

/**
 * "Propagate this object": from the 3D result the masks lift to, the object's mask in other views,
 * each sharpened by SAM, as one {@link Proposal} per view for the user to accept or reject.
 *
 * <p>Per view: the 3D result is rendered ({@link NovelViewMasks}, so nearer objects hide it as they
 * should), the object's pixels become a SAM prompt ({@link MaskPrompts}: box, interior points, the
 * mask as {@code mask_input}), and the decoder's mask is the proposal. The 3D result is whatever
 * memberships it is given; {@link #of(CorrectionSession)} takes the correction session's, which
 * follows every mask edit exactly (the studio's live re-lift), so an object just drawn in one view
 * propagates as drawn. Nothing is written: accepting a proposal is the caller's edit.
 *
 * <p>Headless; one instance is used from one thread (its renderer is).
 */
public final class ObjectPropagation {
    /** Interior points of a prompt: enough to hold SAM on the object, few enough to stay inside. */
    public static final int POINTS = 3;

    /** The picture of a view at its camera's resolution, as ARGB (files, or the scene rendered). */
    @FunctionalInterface
    public interface Pictures {
        int[] argb(int view) throws IOException;
    }

    private final Renderer renderer;
    private final GaussianScene scene;
    private final List<Camera> cameras;
    private final Memberships objects;
    private final double tau;
    private SamModel model;
    private EmbeddingCache cache;

    /**
     * @param objects the 3D result: object k (1..K) is row k - 1
     * @param tau the novel-view threshold rendered masks use
     */
    public ObjectPropagation(
            Renderer renderer,
            GaussianScene scene,
            List<Camera> cameras,
            Memberships objects,
            double tau) {
        if (objects.count() != scene.count())
            throw new IllegalArgumentException("memberships do not fit the scene");
        this.renderer = renderer;
        this.scene = scene;
        this.cameras = List.copyOf(cameras);
        this.objects = objects;
        this.tau = tau;
    }

    /** From a correction session's current segmentation, renderer and threshold. */
    public static ObjectPropagation of(CorrectionSession s) {
        return new ObjectPropagation(
                s.renderer(), s.scene(), s.cameras(), s.segmentation().memberships(), s.tau());
    }

    /**
     * Refines with this SAM model; embeddings go through {@code cache} when given (the SAM tool's,
     * so views embedded once are not embedded again). Without a model the proposals are the
     * rendered masks as they are.
     */
    public ObjectPropagation refineWith(SamModel model, EmbeddingCache cache) {
        this.model = model;
        this.cache = cache;
        return this;
    }

    /** Every view but {@code source} (the one the object was drawn in). */
    public static int[] otherViews(int count, int source) {
        int[] out = new int[Math.max(0, count - (source >= 0 && source < count ? 1 : 0))];
        int k = 0;
        for (int v = 0; v < count; v++) if (v != source) out[k++] = v;
        return out;
    }

    /**
     * Proposes the object's mask in each of {@code views}, in order, handing each to {@code out} as
     * soon as it is made (views where the 3D result does not show the object get none).
     * Cancellation is checked before each view: what was handed out stays valid.
     *
     * @throws org.flashsplat.core.CancelledException when cancelled
     * @throws IOException when a picture cannot be read
     */
    public void propose(
            int object, int[] views, Pictures pictures, Progress progress, Consumer<Proposal> out)
            throws IOException {
        if (object < 1 || object > objects.objects())
            throw new IllegalArgumentException(
                    "object " + object + " is not in the 3D result (1.." + objects.objects() + ")");
        progress.begin("propagate object " + object, views.length);
        for (int v : views) {
            progress.checkCancelled();
            Proposal p = proposeFor(object, v, pictures);
            if (p != null) out.accept(p);
            progress.advance(1);
        }
    }

    /** {@link #propose(int, int[], Pictures, Progress, Consumer)} collected into a list. */
    public List<Proposal> propose(int object, int[] views, Pictures pictures, Progress progress)
            throws IOException {
        List<Proposal> all = new ArrayList<>();
        propose(object, views, pictures, progress, all::add);
        return all;
    }

    /** The proposal for one view, or null where the 3D result does not show the object. */
    public Proposal proposeFor(int object, int view, Pictures pictures) throws IOException {
        Camera c = cameras.get(view);
        int w = c.width(), h = c.height();
        boolean[] rendered = objectPixels(rendered(view), object);
        int renderedArea = count(rendered);
        if (renderedArea == 0) return null;
        if (model == null) {
            return new Proposal(
                    view, c.name(), w, h, bits(rendered), renderedArea, renderedArea, 1, Float.NaN);
        }
        int[] argb = pictures.argb(view);
        if (argb == null || argb.length != w * h)
            throw new IOException("the picture of view " + c.name() + " is not " + w + " x " + h);
        ImageEmbedding e = cache != null ? cache.embed(model, argb, w, h) : model.embed(argb, w, h);
        SamPrompt prompt = MaskPrompts.fromMask(rendered, w, h, POINTS);
        SamMask m = model.predict(e, prompt);
        return new Proposal(
                view,
                c.name(),
                w,
                h,
                bits(m.mask()),
                count(m.mask()),
                renderedArea,
                iou(rendered, m.mask()),
                m.score());
    }

    /** The mask the 3D result renders for a view (all objects, nearest wins). */
    public LabelMask rendered(int view) {
        return NovelViewMasks.render(renderer, scene, cameras.get(view), objects, tau);
    }

    static boolean[] objectPixels(LabelMask m, int object) {
        int[] l = m.labels();
        boolean[] out = new boolean[l.length];
        for (int p = 0; p < l.length; p++) out[p] = l[p] == object;
        return out;
    }

    private static BitSet bits(boolean[] mask) {
        BitSet b = new BitSet(mask.length);
        for (int p = 0; p < mask.length; p++) if (mask[p]) b.set(p);
        return b;
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) if (b) n++;
        return n;
    }

    static double iou(boolean[] a, boolean[] b) {
        long inter = 0, union = 0;
        for (int p = 0; p < a.length; p++) {
            if (a[p] && b[p]) inter++;
            if (a[p] || b[p]) union++;
        }
        return union == 0 ? 1 : (double) inter / union;
    }
}
