package org.flashsplat.raster.cpu;

import org.flashsplat.camera.Camera;

/**
 * The projection one Gaussian at a time (DESIGN.md section 2, steps 1-6): the reference for {@code
 * VectorProjection}, which must repeat each floating-point operation here in the same order.
 */
final class ScalarProjection implements ProjectionKernel {
    static final ScalarProjection INSTANCE = new ScalarProjection();

    private ScalarProjection() {}

    @Override
    public String description() {
        return "scalar";
    }

    @Override
    public void project(
            Projection p, SceneConstants k, Camera cam, boolean[] hidden, int from, int to) {
        double[] r = cam.rotation(), t = cam.translation();
        double fx = cam.fx(), fy = cam.fy();
        double limX = 1.3 * cam.tanFovX(), limY = 1.3 * cam.tanFovY();
        double halfW = (cam.width() - 1) * 0.5, halfH = (cam.height() - 1) * 0.5;
        float[] cov3d = k.cov3d();
        double[] tauOf = k.cullingTau();
        int n = k.count();
        float[] px = k.x(), py = k.y(), pz = k.z(), opacity = k.opacity();
        for (int i = from; i < to; i++) {
            p.rectX0[i] = p.rectX1[i] = 0;
            if (hidden != null && hidden[i]) continue;
            double x = px[i], y = py[i], z = pz[i];
            double vx = r[0] * x + r[1] * y + r[2] * z + t[0];
            double vy = r[3] * x + r[4] * y + r[5] * z + t[1];
            double vz = r[6] * x + r[7] * y + r[8] * z + t[2];
            if (vz <= 0.2) continue;
            double tx = Math.min(limX, Math.max(-limX, vx / vz)) * vz;
            double ty = Math.min(limY, Math.max(-limY, vy / vz)) * vz;
            // M = J * R_wc, a 2x3 matrix; cov2 = M Sigma M^T.
            double j00 = fx / vz,
                    j02 = -fx * tx / (vz * vz),
                    j11 = fy / vz,
                    j12 = -fy * ty / (vz * vz);
            double m00 = j00 * r[0] + j02 * r[6],
                    m01 = j00 * r[1] + j02 * r[7],
                    m02 = j00 * r[2] + j02 * r[8];
            double m10 = j11 * r[3] + j12 * r[6],
                    m11 = j11 * r[4] + j12 * r[7],
                    m12 = j11 * r[5] + j12 * r[8];
            double s00 = cov3d[i], s01 = cov3d[n + i], s02 = cov3d[2 * n + i];
            double s11 = cov3d[3 * n + i], s12 = cov3d[4 * n + i], s22 = cov3d[5 * n + i];
            // rows of M * Sigma
            double a0 = m00 * s00 + m01 * s01 + m02 * s02;
            double a1 = m00 * s01 + m01 * s11 + m02 * s12;
            double a2 = m00 * s02 + m01 * s12 + m02 * s22;
            double b0 = m10 * s00 + m11 * s01 + m12 * s02;
            double b1 = m10 * s01 + m11 * s11 + m12 * s12;
            double b2 = m10 * s02 + m11 * s12 + m12 * s22;
            float ca = (float) (a0 * m00 + a1 * m01 + a2 * m02 + 0.3);
            float cb = (float) (a0 * m10 + a1 * m11 + a2 * m12);
            float cc = (float) (b0 * m10 + b1 * m11 + b2 * m12 + 0.3);
            float det = ca * cc - cb * cb;
            if (det == 0f) continue;
            float detInv = 1f / det;
            float mid = 0.5f * (ca + cc);
            float disc = (float) Math.sqrt(Math.max(0.1f, mid * mid - det));
            float radius =
                    (float) Math.ceil(3f * (float) Math.sqrt(Math.max(mid + disc, mid - disc)));
            float cx = (float) (fx * vx / vz + halfW);
            float cy = (float) (fy * vy / vz + halfH);
            int x0 = Projection.tileLo(cx, radius, p.gridX);
            int y0 = Projection.tileLo(cy, radius, p.gridY);
            int x1 = Projection.tileHi(cx, radius, p.gridX);
            int y1 = Projection.tileHi(cy, radius, p.gridY);
            if ((x1 - x0) * (y1 - y0) == 0) continue;
            float o = opacity[i];
            if (o < Projection.ALPHA_MIN) {
                continue; // alpha = min(0.99, o * exp(power <= 0)) never reaches 1/255
            }
            float qa = cc * detInv, qb = -cb * detInv, qc = ca * detInv;
            // alpha >= 1/255 needs power >= -tau, tau = ln(255 o); i.e. d^T Q d <= 2 tau (Q the
            // conic): the culling ellipse, whose bounding box has these half extents.
            double tau = tauOf[i];
            double qdet = (double) qa * qc - (double) qb * qb;
            float ex, ey;
            if (qdet > 0 && qa > 0) {
                ex = (float) (Math.sqrt(2 * tau * qc / qdet) * (1 + Projection.CULL_SLACK) + 0.01);
                ey = (float) (Math.sqrt(2 * tau * qa / qdet) * (1 + Projection.CULL_SLACK) + 0.01);
            } else {
                ex = ey = Float.POSITIVE_INFINITY;
            }
            p.keep(i, cx, cy, qa, qb, qc, o, (float) vz, tau, ex, ey, x0, x1, y0, y1);
        }
    }
}
