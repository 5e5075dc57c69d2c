package org.flashsplat.raster.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.flashsplat.raster.Contributions;

/**
 * The row kernel with the Vector API: a tile row (16 pixels) is one AVX-512 vector or two AVX2
 * ones. Every lane performs the operations of {@link BlendRule} and {@link TileScratch#blend} in
 * the same order, so the weights are bit-identical to {@link ScalarRowKernel}'s. Loaded only
 * through {@link RowKernels}, where the {@code jdk.incubator.vector} module is present.
 */
final class VectorRowKernel implements RowKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final FloatVector IOTA = FloatVector.zero(F).addIndex(1);
    private static final long LANE_BITS = (1L << F.length()) - 1;

    VectorRowKernel() {
        if (F.length() != I.length() || F.length() < 4) {
            throw new IllegalStateException("no usable vector shape: " + F);
        }
    }

    @Override
    public int blendRows(
            TileScratch s,
            int tw,
            int u0,
            int v0,
            int r0,
            int r1,
            int c0,
            int c1,
            float gx,
            float gy,
            float ca,
            float cb,
            float cc,
            float opacity,
            float powerMin,
            int listPos,
            boolean sumFixed) {
        int box = (2 << c1) - (1 << c0), stoppedHere = 0;
        // Fixed-point sums of a run of rows of one label stay in two int vectors and are reduced
        // once per run, not once per row.
        IntVector fixedHi = IntVector.zero(I), fixedLo = fixedHi;
        int runLabel = TileScratch.MIXED;
        boolean runBlended = false;
        FloatVector gxs = FloatVector.broadcast(F, gx);
        // Where one vector spans the tile's row (16 lanes), the column terms of the power are the
        // same in every row: computed once per call, the same operations as per row.
        boolean oneChunk = tw <= F.length();
        FloatVector dx0 = gxs.sub(IOTA.add(u0));
        FloatVector dxCaDx = dx0.mul(ca).mul(dx0), dxCb = dx0.mul(cb);
        // Lanes that pass have power in [powerMin, 0]; where that lies inside the exp's clamp
        // range the clamp changes no passing lane, and lanes that do not pass are never used.
        boolean clampFree = powerMin >= BlendRule.EXP_LO;
        s.pixelRows = 0;
        for (int r = r0; r <= r1; r++) {
            int open = s.openBits[r] & box;
            if (open == 0) continue;
            int label = sumFixed ? s.rowLabel[r] : TileScratch.MIXED;
            if (label != runLabel) {
                if (runBlended) {
                    s.addFixed(
                            runLabel,
                            ((long) fixedHi.reduceLanes(VectorOperators.ADD) << 16)
                                    + fixedLo.reduceLanes(VectorOperators.ADD));
                    fixedHi = fixedLo = IntVector.zero(I);
                }
                runLabel = label;
                runBlended = false;
            }
            float dy = gy - (v0 + r);
            float rowTerm = cc * dy * dy;
            int rowBase = r * tw, blended = 0, stopped = 0;
            for (int a = 0; (open >>> a) != 0; a += F.length()) {
                VectorMask<Float> active = VectorMask.fromLong(F, (open >>> a) & LANE_BITS);
                if (!oneChunk && !active.anyTrue()) continue;
                int q = rowBase + a;
                s.evaluated += active.trueCount();
                FloatVector power;
                if (oneChunk) {
                    power = dxCaDx.add(rowTerm).mul(-0.5f).sub(dxCb.mul(dy));
                } else {
                    FloatVector dx = gxs.sub(IOTA.add(u0 + a));
                    power = dx.mul(ca).mul(dx).add(rowTerm).mul(-0.5f).sub(dx.mul(cb).mul(dy));
                }
                VectorMask<Float> pass =
                        active.andNot(
                                power.compare(VectorOperators.GT, 0f)
                                        .or(power.compare(VectorOperators.LT, powerMin)));
                if (!pass.anyTrue()) continue;
                FloatVector alpha = (clampFree ? expInRange(power) : exp(power)).mul(opacity);
                // min(alpha, cap) as a compare and a blend: the same value (also for NaN), but
                // lanewise min compiles to six instructions for Java's rules on -0 and NaN;
                // 10% of a row in the kernel alone.
                alpha =
                        alpha.blend(
                                BlendRule.ALPHA_CAP,
                                alpha.compare(VectorOperators.GT, BlendRule.ALPHA_CAP));
                pass = pass.andNot(alpha.compare(VectorOperators.LT, Projection.ALPHA_MIN));
                // Whole-vector loads and stores (lanes left alone get their own value back): a
                // masked store cannot forward to the next Gaussian's load of the same row, which
                // then waits for it to reach the cache; that cost 10-15% of the blend.
                FloatVector t = FloatVector.fromArray(F, s.transmittance, q);
                FloatVector testT = t.mul(FloatVector.broadcast(F, 1f).sub(alpha));
                VectorMask<Float> stop =
                        pass.and(testT.compare(VectorOperators.LT, BlendRule.T_STOP));
                VectorMask<Float> blend = pass.andNot(stop);
                if (stop.anyTrue()) {
                    IntVector.broadcast(I, listPos).intoArray(s.stoppedAt, q, stop.cast(I));
                    stopped |= (int) stop.toLong() << a;
                }
                FloatVector w = alpha.mul(t);
                w.intoArray(s.weights, r * TileScratch.TILE + a); // read where blended only
                if (s.colour) {
                    // the scalar kernel's acc + colour * w, lane by lane
                    VectorMask<Float> keep = blend.not();
                    FloatVector red = FloatVector.fromArray(F, s.red, q);
                    red.add(w.mul(s.gaussianRed)).blend(red, keep).intoArray(s.red, q);
                    FloatVector green = FloatVector.fromArray(F, s.green, q);
                    green.add(w.mul(s.gaussianGreen)).blend(green, keep).intoArray(s.green, q);
                    FloatVector blue = FloatVector.fromArray(F, s.blue, q);
                    blue.add(w.mul(s.gaussianBlue)).blend(blue, keep).intoArray(s.blue, q);
                }
                if (label != TileScratch.MIXED) {
                    // Contributions.toFixed summed in two int halves: x = w * 2^32 is exact in
                    // float (a power of two, x < 2^32); floor(x) = hi * 2^16 + lo with hi =
                    // trunc(x / 2^16) and lo = trunc(x - hi * 2^16), both exact and below 2^16,
                    // so no lane of a run of at most 16 rows overflows and the total has the bits
                    // of the scalar sum of (long) ((double) w * ONE).
                    FloatVector x = w.mul((float) Contributions.ONE).blend(0f, blend.not());
                    IntVector hi =
                            (IntVector) x.mul(1f / 65536f).convertShape(VectorOperators.F2I, I, 0);
                    FloatVector hiScaled = (FloatVector) hi.convertShape(VectorOperators.I2F, F, 0);
                    fixedHi = fixedHi.add(hi);
                    fixedLo =
                            fixedLo.add(
                                    (IntVector)
                                            x.sub(hiScaled.mul(65536f))
                                                    .convertShape(VectorOperators.F2I, I, 0));
                }
                testT.blend(t, blend.not()).intoArray(s.transmittance, q);
                int bits = (int) blend.toLong();
                s.blended += Integer.bitCount(bits);
                blended |= bits << a;
            }
            if (blended != 0) {
                if (label != TileScratch.MIXED) {
                    runBlended = true;
                } else {
                    s.rowBlended[r] = blended;
                    s.pixelRows |= 1 << r;
                }
            }
            if (stopped != 0) {
                s.close(r, stopped);
                stoppedHere += Integer.bitCount(stopped);
            }
        }
        if (runBlended) {
            s.addFixed(
                    runLabel,
                    ((long) fixedHi.reduceLanes(VectorOperators.ADD) << 16)
                            + fixedLo.reduceLanes(VectorOperators.ADD));
        }
        return stoppedHere;
    }

    /** {@link BlendRule#exp} lane by lane, the same operations in the same order. */
    static FloatVector exp(FloatVector x) {
        return expInRange(x.max(BlendRule.EXP_LO).min(BlendRule.EXP_HI));
    }

    /** {@link #exp} without its clamp, for arguments already inside [EXP_LO, EXP_HI]. */
    static FloatVector expInRange(FloatVector x) {
        FloatVector t = x.fma(BlendRule.LOG2E, BlendRule.ROUNDER);
        FloatVector k = t.sub(BlendRule.ROUNDER);
        IntVector scaleBits =
                t.reinterpretAsInts()
                        .sub(BlendRule.ROUNDER_BITS - 127)
                        .lanewise(VectorOperators.LSHL, 23);
        FloatVector minusK = k.neg();
        FloatVector r = minusK.fma(FloatVector.broadcast(F, BlendRule.LN2_HI), x);
        r = minusK.fma(FloatVector.broadcast(F, BlendRule.LN2_LO), r);
        FloatVector p = r.fma(BlendRule.P0, BlendRule.P1);
        p = p.fma(r, FloatVector.broadcast(F, BlendRule.P2));
        p = p.fma(r, FloatVector.broadcast(F, BlendRule.P3));
        p = p.fma(r, FloatVector.broadcast(F, BlendRule.P4));
        p = p.fma(r, FloatVector.broadcast(F, BlendRule.P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        return y.mul(scaleBits.reinterpretAsFloats());
    }

    @Override
    public String description() {
        return F.length() + "-lane vectors";
    }
}
