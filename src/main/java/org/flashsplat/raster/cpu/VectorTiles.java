package org.flashsplat.raster.cpu;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The tests and the tile rectangle of {@link Projection#tileLo} and {@link Projection#keep} in
 * vectors, for {@link VectorProjection}: the same ints for every lane. Java's (int) cast of a float
 * is the F2I conversion (truncation, saturating, NaN to 0); Math.ceil and Math.floor, which the
 * Vector API lacks, are built from it: the truncation, plus or minus one where it lies on the wrong
 * side of the value. Written out in each loop, without helper methods (see {@link
 * VectorProjection#arithmetic}).
 */
final class VectorTiles {
    private static final VectorSpecies<Float> F = VectorProjection.F;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    /** From here on every float is an integer. */
    private static final float EXACT = 0x1p23f;

    private VectorTiles() {}

    /**
     * For Gaussians from..from+count-1 (a whole number of vectors), with l's values at 0..: sets
     * {@code l.store} (1 or 0) where the reference stores the packed record, and the tile rectangle
     * where the reference does ({@code rectX0 = rectX1 = 0} for the others, their {@code rectY}
     * untouched).
     */
    static void tiles(
            Projection p,
            VectorProjection.Lanes l,
            float[] opacity,
            boolean[] hidden,
            int from,
            int count) {
        reference(p, l, opacity, hidden, from, count);
        box(l, count);
        narrowed(p, l, from, count);
    }

    /**
     * The reference's rectangle (Projection.tileLo, tileHi) from the radius's ceil, and its tests
     * before storing (a tile, visible, not hidden).
     */
    private static void reference(
            Projection p,
            VectorProjection.Lanes l,
            float[] opacity,
            boolean[] hidden,
            int from,
            int count) {
        IntVector zero = IntVector.zero(I), yes = IntVector.broadcast(I, 1);
        IntVector gridX = IntVector.broadcast(I, p.gridX), gridY = IntVector.broadcast(I, p.gridY);
        FloatVector tile = FloatVector.broadcast(F, Projection.TILE);
        FloatVector one = FloatVector.broadcast(F, 1f), exact = FloatVector.broadcast(F, EXACT);
        FloatVector alphaMin = FloatVector.broadcast(F, Projection.ALPHA_MIN);
        for (int j = 0; j < count; j += F.length()) {
            int i = from + j;
            // (float) Math.ceil(r) of r >= -0 or NaN: large values are integers already (and F2I
            // saturates), NaN stays NaN; a zero may lose its sign, which no tile bound sees
            FloatVector r = FloatVector.fromArray(F, l.radius3, j);
            FloatVector t = (FloatVector) r.convertShape(F2I, I, 0).convertShape(I2F, F, 0);
            FloatVector radius = r.blend(t.add(one, t.compare(LT, r)), r.abs().compare(LT, exact));
            FloatVector cx = FloatVector.fromArray(F, l.cx, j);
            FloatVector cy = FloatVector.fromArray(F, l.cy, j);
            IntVector x0 = ((IntVector) cx.sub(radius).div(tile).convertShape(F2I, I, 0));
            IntVector y0 = ((IntVector) cy.sub(radius).div(tile).convertShape(F2I, I, 0));
            IntVector x1 =
                    ((IntVector)
                            cx.add(radius).add(tile).sub(one).div(tile).convertShape(F2I, I, 0));
            IntVector y1 =
                    ((IntVector)
                            cy.add(radius).add(tile).sub(one).div(tile).convertShape(F2I, I, 0));
            x0 = x0.max(zero).min(gridX);
            y0 = y0.max(zero).min(gridY);
            x1 = x1.max(zero).min(gridX);
            y1 = y1.max(zero).min(gridY);
            x0.intoArray(l.x0, j);
            x1.intoArray(l.x1, j);
            y0.intoArray(l.y0, j);
            y1.intoArray(l.y1, j);
            VectorMask<Integer> store =
                    x1.sub(x0)
                            .mul(y1.sub(y0))
                            .compare(NE, zero)
                            .andNot(
                                    FloatVector.fromArray(F, opacity, i)
                                            .compare(LT, alphaMin)
                                            .cast(I));
            if (hidden != null) store = store.andNot(VectorMask.fromArray(I, hidden, i));
            zero.blend(yes, store).intoArray(l.store, j);
        }
    }

    /** Projection.keep's box of the culling ellipse, in pixels: (int) Math.ceil, Math.floor. */
    private static void box(VectorProjection.Lanes l, int count) {
        IntVector one = IntVector.broadcast(I, 1);
        for (int j = 0; j < count; j += F.length()) {
            FloatVector cx = FloatVector.fromArray(F, l.cx, j);
            FloatVector cy = FloatVector.fromArray(F, l.cy, j);
            FloatVector ex = FloatVector.fromArray(F, l.ex, j);
            FloatVector ey = FloatVector.fromArray(F, l.ey, j);
            // truncations; back in float they are exact (a float that large is an integer)
            FloatVector a = cx.sub(ex), b = cx.add(ex), c = cy.sub(ey), d = cy.add(ey);
            IntVector u0 = (IntVector) a.convertShape(F2I, I, 0);
            IntVector u1 = (IntVector) b.convertShape(F2I, I, 0);
            IntVector v0 = (IntVector) c.convertShape(F2I, I, 0);
            IntVector v1 = (IntVector) d.convertShape(F2I, I, 0);
            // up (down) by one where the truncation lies below (above), unless saturated
            VectorMask<Integer> upU =
                    u0.convertShape(I2F, F, 0)
                            .compare(LT, a)
                            .cast(I)
                            .andNot(u0.compare(EQ, Integer.MAX_VALUE));
            VectorMask<Integer> downU =
                    u1.convertShape(I2F, F, 0)
                            .compare(GT, b)
                            .cast(I)
                            .andNot(u1.compare(EQ, Integer.MIN_VALUE));
            VectorMask<Integer> upV =
                    v0.convertShape(I2F, F, 0)
                            .compare(LT, c)
                            .cast(I)
                            .andNot(v0.compare(EQ, Integer.MAX_VALUE));
            VectorMask<Integer> downV =
                    v1.convertShape(I2F, F, 0)
                            .compare(GT, d)
                            .cast(I)
                            .andNot(v1.compare(EQ, Integer.MIN_VALUE));
            u0.add(one, upU).intoArray(l.u0, j);
            u1.sub(one, downU).intoArray(l.u1, j);
            v0.add(one, upV).intoArray(l.v0, j);
            v1.sub(one, downV).intoArray(l.v1, j);
        }
    }

    /** Projection.keep's tests and its rectangle narrowed to the box. */
    private static void narrowed(Projection p, VectorProjection.Lanes l, int from, int count) {
        IntVector zero = IntVector.zero(I), one = IntVector.broadcast(I, 1);
        IntVector lastU = IntVector.broadcast(I, p.width - 1);
        IntVector lastV = IntVector.broadcast(I, p.height - 1);
        for (int j = 0; j < count; j += F.length()) {
            int i = from + j;
            IntVector u0 = IntVector.fromArray(I, l.u0, j), u1 = IntVector.fromArray(I, l.u1, j);
            IntVector v0 = IntVector.fromArray(I, l.v0, j), v1 = IntVector.fromArray(I, l.v1, j);
            VectorMask<Integer> keep =
                    IntVector.fromArray(I, l.store, j)
                            .compare(NE, zero)
                            .andNot(u0.compare(GT, u1))
                            .andNot(u0.compare(GT, lastU))
                            .andNot(v0.compare(GT, v1))
                            .andNot(v0.compare(GT, lastV));
            // Math.floorDiv(b, 16) is an arithmetic shift by 4
            IntVector x0 = IntVector.fromArray(I, l.x0, j).max(u0.lanewise(ASHR, 4));
            IntVector x1 = IntVector.fromArray(I, l.x1, j).min(u1.lanewise(ASHR, 4).add(one));
            IntVector y0 = IntVector.fromArray(I, l.y0, j).max(v0.lanewise(ASHR, 4));
            IntVector y1 = IntVector.fromArray(I, l.y1, j).min(v1.lanewise(ASHR, 4).add(one));
            keep = keep.and(x0.compare(LT, x1)).and(y0.compare(LT, y1));
            zero.blend(x0, keep).intoArray(p.rectX0, i);
            zero.blend(x1, keep).intoArray(p.rectX1, i);
            y0.intoArray(p.rectY0, i, keep);
            y1.intoArray(p.rectY1, i, keep);
        }
    }
}
