package org.flashsplat.associate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flashsplat.mask.LabelMask;
import org.junit.jupiter.api.Test;

/** {@link Wraps}: which mask of a view wraps which, and what the association makes of it. */
class WrapsTest {
    /**
     * A 10x8 view: mask 2 (a part) lies inside mask 1 (what its whole keeps, a ring); mask 3 sits
     * at the image's right edge, touching the ring along a short edge.
     */
    @Test
    void aMaskInsideAnotherIsWrappedAndOneThatOnlyTouchesItIsNot() {
        String[] rows = {
            "0000000000",
            "0111111333",
            "0122221333",
            "0122221000",
            "0122221000",
            "0111111000",
            "0000000000",
            "0000000000"
        };
        int w = rows[0].length(), h = rows.length;
        int[] l = new int[w * h];
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++) l[v * w + u] = rows[v].charAt(u) - '0';
        LabelMask mask = new LabelMask(w, h, l);
        Wraps wr = Wraps.of(ViewMasks.of(4, "v", mask), mask);
        assertThat(wr.view()).isEqualTo(4);
        // Every one of mask 2's 14 boundary edges is on mask 1.
        assertThat(wr.wrapperOf(2, Wraps.SHARE)).isEqualTo(1);
        assertThat(wr.share()[1]).isEqualTo(1f);
        // Mask 3: 2 of its 10 boundary edges on mask 1, the rest on background (6) and the
        // image's edge (2): it touches the ring, it is not wrapped by it.
        assertThat(wr.outer()[2]).isEqualTo(1);
        assertThat(wr.share()[2]).isEqualTo(0.2f);
        assertThat(wr.wrapperOf(3, Wraps.SHARE)).isZero();
        // The ring's boundary is mostly background: nothing wraps it.
        assertThat(wr.wrapperOf(1, Wraps.SHARE)).isZero();
        assertThat(wr.wrapperOf(9, 0)).isZero(); // no such mask
    }

    private static final int A = 0, B = 4, FLOOR = 8, GAUSSIANS = 12;

    /** A mask with the given shares of its weight on object A, object B and the floor. */
    private static MaskSupport mask(int view, int local, double a, double b, double floor) {
        return mask(view, local, 100, a, b, floor);
    }

    private static MaskSupport mask(
            int view, int local, int area, double a, double b, double floor) {
        List<Integer> g = new ArrayList<>();
        List<Float> w = new ArrayList<>();
        double[] share = {a, b, floor};
        int[] from = {A, B, FLOOR};
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 4 && share[o] > 0; i++) {
                g.add(from[o] + i);
                w.add((float) (share[o] / 4));
            }
        }
        float[] wa = new float[w.size()];
        for (int k = 0; k < wa.length; k++) wa[k] = w.get(k);
        return new MaskSupport(view, local, area, g.stream().mapToInt(x -> x).toArray(), wa, 1);
    }

    /**
     * Views 0-3 show objects A, B and the floor apart. View 4 shows a part of A (local 1) wrapped
     * by what its whole keeps (local 2), a crescent whose support lies more on B behind it than on
     * A; view 5 shows A (local 1) wrapped by a floor mask (local 2, ten times A's area) that gives
     * A a little weight. The crescent goes to A's instance, as A itself; the floor mask stays on
     * the floor.
     */
    @Test
    void aWrappingMaskJoinsWhatItWrapsWhenItsSupportBacksIt() {
        List<MaskSupport> ms = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            ms.add(mask(v, 1, 1, 0, 0));
            ms.add(mask(v, 2, 0, 1, 0));
            ms.add(mask(v, 3, 0, 0, 1));
        }
        MaskSupport part = mask(4, 1, 1, 0, 0), crescent = mask(4, 2, 0.4, 0.6, 0);
        MaskSupport onFloor = mask(5, 1, 1, 0, 0), floor = mask(5, 2, 1000, 0.1, 0, 0.9);
        ms.addAll(List.of(part, crescent, onFloor, floor));
        MaskSupport[] masks = ms.toArray(MaskSupport[]::new);
        Clusterer c = new Clusterer(masks, GAUSSIANS, AssociationParams.defaults());
        c.run();
        int n = masks.length, k = c.instanceCount();
        int[] top = new int[k];
        Arrays.setAll(top, i -> i);
        int[] part0 = new int[n];
        Arrays.fill(part0, -1);
        Hierarchy.Result h = new Hierarchy.Result(c.instance.clone(), part0, top);
        int crescentAt = n - 3, floorAt = n - 1, objectA = c.instance[0];
        assertThat(h.root()[crescentAt]).as("support alone").isEqualTo(c.instance[1]);
        assertThat(h.root()[floorAt]).isEqualTo(c.instance[2]);
        List<Wraps> wraps = new ArrayList<>();
        for (int v = 0; v < 4; v++)
            wraps.add(new Wraps(v, new int[] {1, 2, 3}, new int[3], new float[3]));
        for (int v = 4; v < 6; v++)
            wraps.add(new Wraps(v, new int[] {1, 2}, new int[] {2, 0}, new float[] {0.9f, 0}));

        Hierarchy.Result out = Wraps.follow(h, wraps, masks, c, 0.2);
        assertThat(out.root()[crescentAt]).isEqualTo(objectA);
        assertThat(out.part()[crescentAt]).isEqualTo(-1);
        assertThat(out.root()[floorAt]).as("0.1 on A: no bridge").isEqualTo(c.instance[2]);
        for (int m = 0; m < n; m++)
            if (m != crescentAt) assertThat(out.root()[m]).isEqualTo(h.root()[m]);

        // Below SHARE the image says nothing: the crescent stays where its support put it.
        for (int v = 4; v < 6; v++)
            wraps.set(v, new Wraps(v, new int[] {1, 2}, new int[] {2, 0}, new float[] {0.5f, 0}));
        assertThat(Wraps.follow(h, wraps, masks, c, 0.2).root()[crescentAt])
                .isEqualTo(c.instance[1]);
    }

    /**
     * Under {@code flag} on what it wraps, a rim at most twice the wrapped area (a remnant) follows
     * from 0.1 on; a mask larger than that (the floor around an object) does not, nor a remnant
     * under 0.1 (a distinct object seen as a rim around one in front of it).
     */
    @Test
    void aRemnantNeedsLessBackingThanAMaskAroundSomethingSmall() {
        List<MaskSupport> ms = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            ms.add(mask(v, 1, 1, 0, 0));
            ms.add(mask(v, 2, 0, 1, 0));
            ms.add(mask(v, 3, 0, 0, 1));
        }
        // View 4: a part of A (100 px) wrapped by a rim of 200 px, 0.15 of it on A.
        // View 5: A (100 px) wrapped by a floor mask of 201 px, 0.15 on A.
        // View 6: A (100 px) wrapped by a rim of 100 px, 0.05 on A (the rest on B).
        ms.addAll(List.of(mask(4, 1, 1, 0, 0), mask(4, 2, 200, 0.15, 0.85, 0)));
        ms.addAll(List.of(mask(5, 1, 1, 0, 0), mask(5, 2, 201, 0.15, 0, 0.85)));
        ms.addAll(List.of(mask(6, 1, 1, 0, 0), mask(6, 2, 100, 0.05, 0.95, 0)));
        MaskSupport[] masks = ms.toArray(MaskSupport[]::new);
        Clusterer c = new Clusterer(masks, GAUSSIANS, AssociationParams.defaults());
        c.run();
        int n = masks.length;
        int[] top = new int[c.instanceCount()];
        Arrays.setAll(top, i -> i);
        int[] none = new int[n];
        Arrays.fill(none, -1);
        Hierarchy.Result h = new Hierarchy.Result(c.instance.clone(), none, top);
        List<Wraps> wraps = new ArrayList<>();
        for (int v = 0; v < 4; v++)
            wraps.add(new Wraps(v, new int[] {1, 2, 3}, new int[3], new float[3]));
        for (int v = 4; v < 7; v++)
            wraps.add(new Wraps(v, new int[] {1, 2}, new int[] {2, 0}, new float[] {1f, 0}));
        int rim = n - 5, floor = n - 3, faint = n - 1;
        assertThat(h.root()[rim]).isEqualTo(c.instance[1]);
        assertThat(h.root()[floor]).isEqualTo(c.instance[2]);
        assertThat(h.root()[faint]).isEqualTo(c.instance[1]);

        Hierarchy.Result out = Wraps.follow(h, wraps, masks, c, 0.2);
        assertThat(out.root()[rim]).isEqualTo(c.instance[0]);
        assertThat(out.root()[floor]).isEqualTo(c.instance[2]);
        assertThat(out.root()[faint]).isEqualTo(c.instance[1]);
    }
}
