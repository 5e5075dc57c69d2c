package org.flashsplat.raster.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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

    /** Longs in a vector of the floats' shape: half as many lanes, for the fixed-point sums. */
    private static final VectorSpecies<Long> L = VectorSpecies.of(long.class, F.vectorShape());

    private static final FloatVector IOTA = FloatVector.zero(F).addIndex(1);
    private static final long LANE_BITS = (1L << F.length()) - 1;

    /**
     * Two 8-pixel half rows per vector for Gaussians whose box fits in 8 columns: where a vector is
     * one whole tile row (16 lanes), such a Gaussian leaves half its lanes idle (43% of the
     * kernel's calls at 1280x720, 67% at 640x480). Rows r and r+1 of an 8-column window then share
     * a vector, which needs 17-25% fewer vectors per pass (measured on bench-1m).
     */
    private static final boolean PAIRS = F.length() == TileScratch.TILE;

    private static final int HALF = F.length() / 2;
    private static final long LOW_LANES = (1L << HALF) - 1;
    private static final VectorMask<Float> HIGH_LANES =
            VectorMask.fromLong(F, LANE_BITS & ~LOW_LANES);

    /** Lane i of a pair is column i % HALF of the window. */
    private static final FloatVector WINDOW_COLUMN = IOTA.sub(HALF, HIGH_LANES);

    /**
     * Where lane i of a pair comes from in the two rows' vectors taken as one of 2 * 16 lanes
     * (window at column 0): the first row's columns 0..7, then the second row's.
     */
    private static final FloatVector PAIR_SOURCE = IOTA.add(F.length() - HALF, HIGH_LANES);

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
        if (PAIRS && tw == TileScratch.TILE && c1 - c0 < HALF && !s.colour) {
            return blendPairs(
                    s, u0, v0, r0, r1, c0, c1, gx, gy, ca, cb, cc, opacity, powerMin, listPos,
                    sumFixed);
        }
        int box = (2 << c1) - (1 << c0), stoppedHere = 0;
        // Fixed-point sums of a run of rows of one label stay in two long vectors and are reduced
        // once per run, not once per row.
        LongVector fixedLow = LongVector.zero(L), fixedHigh = fixedLow;
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
                    s.addFixed(runLabel, fixedLow.add(fixedHigh).reduceLanes(VectorOperators.ADD));
                    fixedLow = fixedHigh = LongVector.zero(L);
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
                    // Contributions.toFixed in long lanes: x = w * 2^32 is exact in float (a
                    // power of two, x < 2^32), so its conversion to long is the scalar (long)
                    // ((double) w * ONE), and the lanes' sums are the scalar sum in another
                    // order. Two conversions of half the lanes each, where splitting x into two
                    // exact 16-bit int halves took six operations (truck-like 5-11% faster).
                    FloatVector x = w.mul((float) Contributions.ONE).blend(0f, blend.not());
                    fixedLow = fixedLow.add((LongVector) x.convertShape(VectorOperators.F2L, L, 0));
                    fixedHigh =
                            fixedHigh.add((LongVector) x.convertShape(VectorOperators.F2L, L, 1));
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
            s.addFixed(runLabel, fixedLow.add(fixedHigh).reduceLanes(VectorOperators.ADD));
        }
        return stoppedHere;
    }

    /**
     * {@link #blendRows} for a Gaussian whose box fits in 8 columns of a 16-pixel-wide tile: rows r
     * and r+1 of the window a..a+7 that holds the box are one vector. The rows are loaded and
     * stored whole, at the addresses a row always has (so a store still forwards to the next
     * Gaussian's load), and two-vector permutes move the window's lanes in and out. Every lane
     * performs the operations of {@link #blendRows}, so the bits are the same.
     *
     * <p>The pass test, the capped alpha and the long-lane sums are written out here as in {@link
     * #blendRows} on purpose: moved into shared static helpers (same bits) they made bench-1m 40%
     * slower in whole runs (9.4-10.2 s against 6.7-6.9 s), presumably because the JIT no longer
     * inlined them into these large methods and the vectors passed between them were boxed.
     */
    private static int blendPairs(
            TileScratch s,
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
        final int tile = TileScratch.TILE;
        int a = Math.min(c0, tile - HALF);
        int box = ((2 << c1) - (1 << c0)) >>> a, stoppedHere = 0;
        LongVector fixedLow = LongVector.zero(L), fixedHigh = fixedLow;
        int runLabel = TileScratch.MIXED;
        boolean runBlended = false;
        FloatVector dx = FloatVector.broadcast(F, gx).sub(WINDOW_COLUMN.add(u0 + a));
        FloatVector dxCaDx = dx.mul(ca).mul(dx), dxCb = dx.mul(cb);
        FloatVector source = PAIR_SOURCE.add(a);
        // back into row r (row r+1): lane c of the row takes lane c - a (c - a + 8) of the pair
        // inside the window, and keeps its own value outside it
        VectorMask<Float> window = VectorMask.fromLong(F, LOW_LANES << a);
        FloatVector toFirst = IOTA.add(tile - a, window);
        FloatVector toSecond = IOTA.add(tile + HALF - a, window);
        boolean clampFree = powerMin >= BlendRule.EXP_LO;
        s.pixelRows = 0;
        for (int r = r0; r <= r1; r += 2) {
            boolean two = r < r1;
            int openLo = (s.openBits[r] >>> a) & box;
            int openHi = two ? (s.openBits[r + 1] >>> a) & box : 0;
            if ((openLo | openHi) == 0) continue;
            int label = TileScratch.MIXED;
            if (sumFixed) {
                // rows of different labels are summed pixel by pixel by the blender: the same
                // integer total in another grouping
                int first = s.rowLabel[r], second = two ? s.rowLabel[r + 1] : first;
                label = openHi == 0 ? first : openLo == 0 || first == second ? second : label;
            }
            if (label != runLabel) {
                if (runBlended) {
                    s.addFixed(runLabel, fixedLow.add(fixedHigh).reduceLanes(VectorOperators.ADD));
                    fixedLow = fixedHigh = LongVector.zero(L);
                }
                runLabel = label;
                runBlended = false;
            }
            float dyFirst = gy - (v0 + r), dySecond = gy - (v0 + r + 1);
            FloatVector dy = FloatVector.broadcast(F, dyFirst).blend(dySecond, HIGH_LANES);
            FloatVector rowTerm =
                    FloatVector.broadcast(F, cc * dyFirst * dyFirst)
                            .blend(cc * dySecond * dySecond, HIGH_LANES);
            VectorMask<Float> active = VectorMask.fromLong(F, openLo | (long) openHi << HALF);
            s.evaluated += Integer.bitCount(openLo) + Integer.bitCount(openHi);
            FloatVector power = dxCaDx.add(rowTerm).mul(-0.5f).sub(dxCb.mul(dy));
            VectorMask<Float> pass =
                    active.andNot(
                            power.compare(VectorOperators.GT, 0f)
                                    .or(power.compare(VectorOperators.LT, powerMin)));
            if (!pass.anyTrue()) continue;
            FloatVector alpha = (clampFree ? expInRange(power) : exp(power)).mul(opacity);
            alpha =
                    alpha.blend(
                            BlendRule.ALPHA_CAP,
                            alpha.compare(VectorOperators.GT, BlendRule.ALPHA_CAP));
            pass = pass.andNot(alpha.compare(VectorOperators.LT, Projection.ALPHA_MIN));
            int q = r * tile;
            FloatVector firstRow = FloatVector.fromArray(F, s.transmittance, q);
            FloatVector secondRow = FloatVector.fromArray(F, s.transmittance, q + tile);
            FloatVector t = source.selectFrom(firstRow, secondRow);
            FloatVector testT = t.mul(FloatVector.broadcast(F, 1f).sub(alpha));
            VectorMask<Float> stop = pass.and(testT.compare(VectorOperators.LT, BlendRule.T_STOP));
            VectorMask<Float> blend = pass.andNot(stop);
            int stopBits = (int) stop.toLong();
            if (stopBits != 0) {
                for (int b = stopBits; b != 0; b &= b - 1) {
                    int lane = Integer.numberOfTrailingZeros(b);
                    s.stoppedAt[q + (lane < HALF ? 0 : tile - HALF) + a + lane] = listPos;
                }
                if ((stopBits & LOW_LANES) != 0) s.close(r, (stopBits & (int) LOW_LANES) << a);
                if (stopBits >>> HALF != 0) s.close(r + 1, (stopBits >>> HALF) << a);
                stoppedHere += Integer.bitCount(stopBits);
            }
            FloatVector w = alpha.mul(t);
            // read where blended only: the second store puts lanes 8..15 on row r+1's window
            w.intoArray(s.weights, q + a);
            if (two) w.intoArray(s.weights, q + tile + a - HALF);
            if (label != TileScratch.MIXED) {
                // as in blendRows
                FloatVector x = w.mul((float) Contributions.ONE).blend(0f, blend.not());
                fixedLow = fixedLow.add((LongVector) x.convertShape(VectorOperators.F2L, L, 0));
                fixedHigh = fixedHigh.add((LongVector) x.convertShape(VectorOperators.F2L, L, 1));
            }
            FloatVector newT = testT.blend(t, blend.not());
            toFirst.selectFrom(firstRow, newT).intoArray(s.transmittance, q);
            if (two) toSecond.selectFrom(secondRow, newT).intoArray(s.transmittance, q + tile);
            int bits = (int) blend.toLong();
            if (bits == 0) continue;
            s.blended += Integer.bitCount(bits);
            if (label != TileScratch.MIXED) {
                runBlended = true;
                continue;
            }
            int firstBits = (bits & (int) LOW_LANES) << a, secondBits = (bits >>> HALF) << a;
            if (firstBits != 0) {
                s.rowBlended[r] = firstBits;
                s.pixelRows |= 1 << r;
            }
            if (secondBits != 0) {
                s.rowBlended[r + 1] = secondBits;
                s.pixelRows |= 1 << (r + 1);
            }
        }
        if (runBlended) {
            s.addFixed(runLabel, fixedLow.add(fixedHigh).reduceLanes(VectorOperators.ADD));
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
