package org.flashsplat.raster.cpu;

import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.SQRT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.flashsplat.camera.Camera;

/**
 * The projection with the Vector API, bit for bit {@link ScalarProjection}'s: each lane performs
 * that class's floating-point operations in its order (Java never contracts a * b + c into a fused
 * multiply-add, and the lanewise MIN, MAX, SQRT, DIV and conversions are Java's own), on one
 * Gaussian per lane. The arithmetic runs in vectors over a block of Gaussians into small per-thread
 * arrays, then the tests and tile rectangles ({@link VectorTiles}), and last the packed records of
 * the Gaussians kept, one at a time. {@code ProjectionIdentityTest} compares every bit with the
 * scalar kernel. Loaded only through {@link ProjectionKernels}, where the {@code
 * jdk.incubator.vector} module is present.
 */
final class VectorProjection implements ProjectionKernel {
    /** Doubles, 8 lanes with AVX-512; the reference computes in double up to the conic. */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    /** Floats with as many lanes as {@link #D}, for the reference's float steps. */
    static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    /** Gaussians per block: the per-thread arrays (25 KiB) stay in the L1 cache. */
    private static final int BLOCK = 128;

    private static final ThreadLocal<Lanes> LANES = ThreadLocal.withInitial(Lanes::new);

    /**
     * What the vector loops leave for each other and for the per-Gaussian part, for one block: view
     * depth and M (see {@link ScalarProjection}), cov2, then what the projection stores.
     */
    static final class Lanes {
        final double[] vx = new double[BLOCK], vy = new double[BLOCK], vz = new double[BLOCK];
        final double[] a0 = new double[BLOCK], a1 = new double[BLOCK], a2 = new double[BLOCK];
        final double[] b0 = new double[BLOCK], b1 = new double[BLOCK], b2 = new double[BLOCK];
        final double[] m00 = new double[BLOCK], m01 = new double[BLOCK], m02 = new double[BLOCK];
        final double[] m10 = new double[BLOCK], m11 = new double[BLOCK], m12 = new double[BLOCK];
        final float[] ca = new float[BLOCK], cb = new float[BLOCK], cc = new float[BLOCK];
        final float[] cx = new float[BLOCK], cy = new float[BLOCK];
        final float[] qa = new float[BLOCK], qb = new float[BLOCK], qc = new float[BLOCK];
        final float[] depth = new float[BLOCK], ex = new float[BLOCK], ey = new float[BLOCK];

        /**
         * 3 sqrt(lambda_max), the radius before its ceil; NaN where the reference drops the
         * Gaussian before the radius (behind the near plane, det == 0), so that its tile rectangle,
         * (int) NaN = 0 at both ends, is empty and the same area test drops it.
         */
        final float[] radius3 = new float[BLOCK];

        /** The reference's tile rectangle and the box in pixels (see {@link VectorTiles}). */
        final int[] x0 = new int[BLOCK], x1 = new int[BLOCK], y0 = new int[BLOCK];

        final int[] y1 = new int[BLOCK], u0 = new int[BLOCK], u1 = new int[BLOCK];
        final int[] v0 = new int[BLOCK], v1 = new int[BLOCK];

        /** Where the reference stores the packed record (see {@link VectorTiles#tiles}). */
        final int[] store = new int[BLOCK];
    }

    VectorProjection() {
        if (F.length() != D.length() || BLOCK % D.length() != 0) {
            throw new IllegalStateException("no usable vector shape: " + D);
        }
    }

    @Override
    public String description() {
        return D.length() + "-lane vectors";
    }

    @Override
    public void project(
            Projection p, SceneConstants k, Camera cam, boolean[] hidden, int from, int to) {
        Lanes l = LANES.get();
        int vectorEnd = from + D.loopBound(to - from);
        for (int b = from; b < vectorEnd; b += BLOCK) {
            int end = Math.min(vectorEnd, b + BLOCK);
            arithmetic(l, k, cam, b, end);
            finish(p, l, k, hidden, b, end);
        }
        ScalarProjection.INSTANCE.project(p, k, cam, hidden, vectorEnd, to);
    }

    /**
     * Gaussians from..end-1 (a whole number of vectors) into l's arrays at 0.. In several short
     * loops without helper methods: the optimising compiler stops inlining ordinary methods once a
     * compilation holds too many nodes (NodeCountInliningCutoff), a vector operation costs many of
     * them before they fold into one instruction, and a vector operation left behind a call that
     * was not inlined runs the Vector API's plain-Java fallback, far slower than scalar code (one
     * loop of it all, with helpers for the conversions, ran no faster than {@link
     * ScalarProjection}). The API's own methods are always inlined.
     */
    private static void arithmetic(Lanes l, SceneConstants k, Camera cam, int from, int end) {
        int count = end - from;
        view(l, k, cam.rotation(), cam.translation(), from, end);
        jacobian(l, cam, count);
        centre(l, cam, count);
        float[] cov = k.cov3d();
        int n = k.count();
        sigmaRow(l.m00, l.m01, l.m02, cov, n, from, end, l.a0, l.a1, l.a2);
        sigmaRow(l.m10, l.m11, l.m12, cov, n, from, end, l.b0, l.b1, l.b2);
        screenCovariance(l, count);
        radiusAndConic(l, count);
        extents(l, k.cullingTau(), from, end);
    }

    /** The centre in view space. */
    private static void view(Lanes l, SceneConstants k, double[] r, double[] t, int from, int end) {
        DoubleVector r0 = DoubleVector.broadcast(D, r[0]),
                r1 = DoubleVector.broadcast(D, r[1]),
                r2 = DoubleVector.broadcast(D, r[2]),
                r3 = DoubleVector.broadcast(D, r[3]),
                r4 = DoubleVector.broadcast(D, r[4]);
        DoubleVector r5 = DoubleVector.broadcast(D, r[5]),
                r6 = DoubleVector.broadcast(D, r[6]),
                r7 = DoubleVector.broadcast(D, r[7]),
                r8 = DoubleVector.broadcast(D, r[8]);
        DoubleVector t0 = DoubleVector.broadcast(D, t[0]),
                t1 = DoubleVector.broadcast(D, t[1]),
                t2 = DoubleVector.broadcast(D, t[2]);
        for (int i = from; i < end; i += D.length()) {
            int j = i - from;
            DoubleVector
                    x = (DoubleVector) FloatVector.fromArray(F, k.x(), i).convertShape(F2D, D, 0),
                    y = (DoubleVector) FloatVector.fromArray(F, k.y(), i).convertShape(F2D, D, 0),
                    z = (DoubleVector) FloatVector.fromArray(F, k.z(), i).convertShape(F2D, D, 0);
            x.mul(r0).add(y.mul(r1)).add(z.mul(r2)).add(t0).intoArray(l.vx, j);
            x.mul(r3).add(y.mul(r4)).add(z.mul(r5)).add(t1).intoArray(l.vy, j);
            x.mul(r6).add(y.mul(r7)).add(z.mul(r8)).add(t2).intoArray(l.vz, j);
        }
    }

    /** M = J * R_wc, the 2x3 matrix of the reference's cov2 = M Sigma M^T. */
    private static void jacobian(Lanes l, Camera cam, int count) {
        double[] r = cam.rotation();
        DoubleVector r0 = DoubleVector.broadcast(D, r[0]),
                r1 = DoubleVector.broadcast(D, r[1]),
                r2 = DoubleVector.broadcast(D, r[2]),
                r3 = DoubleVector.broadcast(D, r[3]),
                r4 = DoubleVector.broadcast(D, r[4]);
        DoubleVector r5 = DoubleVector.broadcast(D, r[5]),
                r6 = DoubleVector.broadcast(D, r[6]),
                r7 = DoubleVector.broadcast(D, r[7]),
                r8 = DoubleVector.broadcast(D, r[8]);
        DoubleVector fx = DoubleVector.broadcast(D, cam.fx()),
                fy = DoubleVector.broadcast(D, cam.fy()),
                negFx = DoubleVector.broadcast(D, -cam.fx());
        DoubleVector negFy = DoubleVector.broadcast(D, -cam.fy());
        double limX = 1.3 * cam.tanFovX(), limY = 1.3 * cam.tanFovY();
        DoubleVector maxX = DoubleVector.broadcast(D, limX),
                minX = DoubleVector.broadcast(D, -limX),
                maxY = DoubleVector.broadcast(D, limY),
                minY = DoubleVector.broadcast(D, -limY);
        for (int j = 0; j < count; j += D.length()) {
            DoubleVector vx = DoubleVector.fromArray(D, l.vx, j);
            DoubleVector vy = DoubleVector.fromArray(D, l.vy, j);
            DoubleVector vz = DoubleVector.fromArray(D, l.vz, j);
            DoubleVector tx = vx.div(vz).max(minX).min(maxX).mul(vz);
            DoubleVector ty = vy.div(vz).max(minY).min(maxY).mul(vz);
            DoubleVector vz2 = vz.mul(vz);
            DoubleVector j00 = fx.div(vz), j02 = negFx.mul(tx).div(vz2);
            DoubleVector j11 = fy.div(vz), j12 = negFy.mul(ty).div(vz2);
            j00.mul(r0).add(j02.mul(r6)).intoArray(l.m00, j);
            j00.mul(r1).add(j02.mul(r7)).intoArray(l.m01, j);
            j00.mul(r2).add(j02.mul(r8)).intoArray(l.m02, j);
            j11.mul(r3).add(j12.mul(r6)).intoArray(l.m10, j);
            j11.mul(r4).add(j12.mul(r7)).intoArray(l.m11, j);
            j11.mul(r5).add(j12.mul(r8)).intoArray(l.m12, j);
        }
    }

    /** The centre in pixels and the depth. */
    private static void centre(Lanes l, Camera cam, int count) {
        DoubleVector fx = DoubleVector.broadcast(D, cam.fx()),
                fy = DoubleVector.broadcast(D, cam.fy());
        DoubleVector halfW = DoubleVector.broadcast(D, (cam.width() - 1) * 0.5),
                halfH = DoubleVector.broadcast(D, (cam.height() - 1) * 0.5);
        for (int j = 0; j < count; j += D.length()) {
            DoubleVector vz = DoubleVector.fromArray(D, l.vz, j);
            ((FloatVector)
                            (fx.mul(DoubleVector.fromArray(D, l.vx, j)).div(vz).add(halfW))
                                    .convertShape(D2F, F, 0))
                    .intoArray(l.cx, j);
            ((FloatVector)
                            (fy.mul(DoubleVector.fromArray(D, l.vy, j)).div(vz).add(halfH))
                                    .convertShape(D2F, F, 0))
                    .intoArray(l.cy, j);
            ((FloatVector) vz.convertShape(D2F, F, 0)).intoArray(l.depth, j);
        }
    }

    /** One row of M * Sigma, from a row (m0, m1, m2) of M. */
    private static void sigmaRow(
            double[] m0,
            double[] m1,
            double[] m2,
            float[] cov,
            int n,
            int from,
            int end,
            double[] out0,
            double[] out1,
            double[] out2) {
        for (int i = from; i < end; i += D.length()) {
            int j = i - from;
            DoubleVector a = DoubleVector.fromArray(D, m0, j);
            DoubleVector b = DoubleVector.fromArray(D, m1, j);
            DoubleVector c = DoubleVector.fromArray(D, m2, j);
            DoubleVector
                    s00 = (DoubleVector) FloatVector.fromArray(F, cov, i).convertShape(F2D, D, 0),
                    s01 =
                            (DoubleVector)
                                    FloatVector.fromArray(F, cov, n + i).convertShape(F2D, D, 0),
                    s02 =
                            (DoubleVector)
                                    FloatVector.fromArray(F, cov, 2 * n + i)
                                            .convertShape(F2D, D, 0);
            DoubleVector
                    s11 =
                            (DoubleVector)
                                    FloatVector.fromArray(F, cov, 3 * n + i)
                                            .convertShape(F2D, D, 0),
                    s12 =
                            (DoubleVector)
                                    FloatVector.fromArray(F, cov, 4 * n + i)
                                            .convertShape(F2D, D, 0);
            DoubleVector s22 =
                    (DoubleVector) FloatVector.fromArray(F, cov, 5 * n + i).convertShape(F2D, D, 0);
            a.mul(s00).add(b.mul(s01)).add(c.mul(s02)).intoArray(out0, j);
            a.mul(s01).add(b.mul(s11)).add(c.mul(s12)).intoArray(out1, j);
            a.mul(s02).add(b.mul(s12)).add(c.mul(s22)).intoArray(out2, j);
        }
    }

    /** cov2 = (M Sigma) M^T plus the reference's 0.3 on the diagonal, rounded to float. */
    private static void screenCovariance(Lanes l, int count) {
        DoubleVector blur = DoubleVector.broadcast(D, 0.3);
        for (int j = 0; j < count; j += D.length()) {
            DoubleVector m00 = DoubleVector.fromArray(D, l.m00, j);
            DoubleVector m01 = DoubleVector.fromArray(D, l.m01, j);
            DoubleVector m02 = DoubleVector.fromArray(D, l.m02, j);
            DoubleVector m10 = DoubleVector.fromArray(D, l.m10, j);
            DoubleVector m11 = DoubleVector.fromArray(D, l.m11, j);
            DoubleVector m12 = DoubleVector.fromArray(D, l.m12, j);
            DoubleVector a0 = DoubleVector.fromArray(D, l.a0, j);
            DoubleVector a1 = DoubleVector.fromArray(D, l.a1, j);
            DoubleVector a2 = DoubleVector.fromArray(D, l.a2, j);
            DoubleVector b0 = DoubleVector.fromArray(D, l.b0, j);
            DoubleVector b1 = DoubleVector.fromArray(D, l.b1, j);
            DoubleVector b2 = DoubleVector.fromArray(D, l.b2, j);
            ((FloatVector)
                            (a0.mul(m00).add(a1.mul(m01)).add(a2.mul(m02)).add(blur))
                                    .convertShape(D2F, F, 0))
                    .intoArray(l.ca, j);
            ((FloatVector) (a0.mul(m10).add(a1.mul(m11)).add(a2.mul(m12))).convertShape(D2F, F, 0))
                    .intoArray(l.cb, j);
            ((FloatVector)
                            (b0.mul(m10).add(b1.mul(m11)).add(b2.mul(m12)).add(blur))
                                    .convertShape(D2F, F, 0))
                    .intoArray(l.cc, j);
        }
    }

    /** The 3-sigma radius before its ceil, and the conic (the inverse of cov2). */
    private static void radiusAndConic(Lanes l, int count) {
        FloatVector one = FloatVector.broadcast(F, 1f), half = FloatVector.broadcast(F, 0.5f);
        FloatVector minDisc = FloatVector.broadcast(F, 0.1f), three = FloatVector.broadcast(F, 3f);
        FloatVector nan = FloatVector.broadcast(F, Float.NaN), zero = FloatVector.zero(F);
        DoubleVector near = DoubleVector.broadcast(D, 0.2);
        for (int j = 0; j < count; j += D.length()) {
            FloatVector ca = FloatVector.fromArray(F, l.ca, j);
            FloatVector cb = FloatVector.fromArray(F, l.cb, j);
            FloatVector cc = FloatVector.fromArray(F, l.cc, j);
            FloatVector det = ca.mul(cc).sub(cb.mul(cb));
            VectorMask<Float> dropped =
                    DoubleVector.fromArray(D, l.vz, j)
                            .compare(VectorOperators.LE, near)
                            .cast(F)
                            .or(det.compare(VectorOperators.EQ, zero));
            FloatVector detInv = one.div(det);
            FloatVector mid = half.mul(ca.add(cc));
            // (float) Math.sqrt(float), as the reference writes it: in double, then rounded
            DoubleVector discSq =
                    (DoubleVector) minDisc.max(mid.mul(mid).sub(det)).convertShape(F2D, D, 0);
            FloatVector disc = (FloatVector) discSq.lanewise(SQRT).convertShape(D2F, F, 0);
            DoubleVector lambda =
                    (DoubleVector) mid.add(disc).max(mid.sub(disc)).convertShape(F2D, D, 0);
            three.mul((FloatVector) lambda.lanewise(SQRT).convertShape(D2F, F, 0))
                    .blend(nan, dropped)
                    .intoArray(l.radius3, j);
            cc.mul(detInv).intoArray(l.qa, j);
            cb.neg().mul(detInv).intoArray(l.qb, j);
            ca.mul(detInv).intoArray(l.qc, j);
        }
    }

    /** The culling ellipse's half extents (see {@link ScalarProjection}). */
    private static void extents(Lanes l, double[] tauOf, int from, int end) {
        DoubleVector two = DoubleVector.broadcast(D, 2),
                zero = DoubleVector.broadcast(D, 0),
                slack = DoubleVector.broadcast(D, 1 + Projection.CULL_SLACK);
        DoubleVector margin = DoubleVector.broadcast(D, 0.01);
        FloatVector inf = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
        for (int i = from; i < end; i += D.length()) {
            int j = i - from;
            DoubleVector
                    qa = (DoubleVector) FloatVector.fromArray(F, l.qa, j).convertShape(F2D, D, 0),
                    qb = (DoubleVector) FloatVector.fromArray(F, l.qb, j).convertShape(F2D, D, 0),
                    qc = (DoubleVector) FloatVector.fromArray(F, l.qc, j).convertShape(F2D, D, 0);
            DoubleVector qdet = qa.mul(qc).sub(qb.mul(qb));
            VectorMask<Float> flat =
                    qdet.compare(VectorOperators.GT, zero)
                            .and(qa.compare(VectorOperators.GT, zero))
                            .not()
                            .cast(F);
            DoubleVector twoTau = two.mul(DoubleVector.fromArray(D, tauOf, i));
            DoubleVector ex = twoTau.mul(qc).div(qdet).lanewise(SQRT);
            DoubleVector ey = twoTau.mul(qa).div(qdet).lanewise(SQRT);
            ((FloatVector) (ex.mul(slack).add(margin)).convertShape(D2F, F, 0))
                    .blend(inf, flat)
                    .intoArray(l.ex, j);
            ((FloatVector) (ey.mul(slack).add(margin)).convertShape(D2F, F, 0))
                    .blend(inf, flat)
                    .intoArray(l.ey, j);
        }
    }

    /**
     * The reference's tests and tile rectangles for Gaussians from..end-1 in vectors, then the
     * packed records of those it stores, one Gaussian at a time: a record is one cache line, the
     * fields of a vector's lanes sixteen floats apart.
     */
    private static void finish(
            Projection p, Lanes l, SceneConstants k, boolean[] hidden, int from, int end) {
        double[] tauOf = k.cullingTau();
        float[] opacity = k.opacity();
        VectorTiles.tiles(p, l, opacity, hidden, from, end - from);
        for (int i = from; i < end; i++) {
            int j = i - from;
            if (l.store[j] == 0) continue;
            p.record(
                    i,
                    l.cx[j],
                    l.cy[j],
                    l.qa[j],
                    l.qb[j],
                    l.qc[j],
                    opacity[i],
                    l.depth[j],
                    tauOf[i],
                    l.ex[j],
                    l.ey[j]);
        }
    }
}
