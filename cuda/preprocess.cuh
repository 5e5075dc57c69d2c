// Per-Gaussian work: 3D covariance once per scene, projection once per view, SH colour per render.
// The arithmetic mirrors org.flashsplat.raster.cpu.Projection and ShColour operation by operation
// (double where they use double, float where they use float) so both backends agree bit for bit.
#pragma once
#include "common.cuh"

// Sigma = R S S^T R^T, upper triangle (xx, xy, xz, yy, yz, zz).
extern "C" __global__ void covariances(int n, const float* qw, const float* qx, const float* qy,
                                       const float* qz, const float* sx, const float* sy,
                                       const float* sz, float* cov) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double w = qw[i], x = qx[i], y = qy[i], z = qz[i];
    double r00 = 1 - 2 * (y * y + z * z), r01 = 2 * (x * y - w * z), r02 = 2 * (x * z + w * y);
    double r10 = 2 * (x * y + w * z), r11 = 1 - 2 * (x * x + z * z), r12 = 2 * (y * z - w * x);
    double r20 = 2 * (x * z - w * y), r21 = 2 * (y * z + w * x), r22 = 1 - 2 * (x * x + y * y);
    double a = (double)sx[i] * sx[i], b = (double)sy[i] * sy[i], c = (double)sz[i] * sz[i];
    float* o = cov + 6 * (size_t)i;
    o[0] = (float)(r00 * r00 * a + r01 * r01 * b + r02 * r02 * c);
    o[1] = (float)(r00 * r10 * a + r01 * r11 * b + r02 * r12 * c);
    o[2] = (float)(r00 * r20 * a + r01 * r21 * b + r02 * r22 * c);
    o[3] = (float)(r10 * r10 * a + r11 * r11 * b + r12 * r12 * c);
    o[4] = (float)(r10 * r20 * a + r11 * r21 * b + r12 * r22 * c);
    o[5] = (float)(r20 * r20 * a + r21 * r21 * b + r22 * r22 * c);
}

// Camera block (doubles): R_wc row-major [0..8], t [9..11], fx, fy, limX, limY, halfW, halfH.
// Outputs per Gaussian: centre, conic + opacity, power below which alpha < 1/255, depth, the
// tile rectangle (x0, y0, x1, y1), the number of tiles and the depth sort key (all ones = culled).
extern "C" __global__ void preprocess(int n, const float* px, const float* py, const float* pz,
                                      const float* opacity, const float* cov,
                                      const unsigned char* hidden, const double* cam, int gridX,
                                      int gridY, float2* xy, float4* conicO, float* powerMin,
                                      float* depth, int4* rect, unsigned* tiles,
                                      unsigned* depthKey) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    tiles[i] = 0;
    depthKey[i] = 0xffffffffu;
    if (hidden != nullptr && hidden[i]) return;
    const double* r = cam;
    double x = px[i], y = py[i], z = pz[i];
    double vx = r[0] * x + r[1] * y + r[2] * z + cam[9];
    double vy = r[3] * x + r[4] * y + r[5] * z + cam[10];
    double vz = r[6] * x + r[7] * y + r[8] * z + cam[11];
    if (vz <= 0.2) return;
    double fx = cam[12], fy = cam[13], limX = cam[14], limY = cam[15];
    double tx = fmin(limX, fmax(-limX, vx / vz)) * vz;
    double ty = fmin(limY, fmax(-limY, vy / vz)) * vz;
    double j00 = fx / vz, j02 = -fx * tx / (vz * vz), j11 = fy / vz, j12 = -fy * ty / (vz * vz);
    double m00 = j00 * r[0] + j02 * r[6], m01 = j00 * r[1] + j02 * r[7], m02 = j00 * r[2] + j02 * r[8];
    double m10 = j11 * r[3] + j12 * r[6], m11 = j11 * r[4] + j12 * r[7], m12 = j11 * r[5] + j12 * r[8];
    const float* c = cov + 6 * (size_t)i;
    double s00 = c[0], s01 = c[1], s02 = c[2], s11 = c[3], s12 = c[4], s22 = c[5];
    double a0 = m00 * s00 + m01 * s01 + m02 * s02;
    double a1 = m00 * s01 + m01 * s11 + m02 * s12;
    double a2 = m00 * s02 + m01 * s12 + m02 * s22;
    double b0 = m10 * s00 + m11 * s01 + m12 * s02;
    double b1 = m10 * s01 + m11 * s11 + m12 * s12;
    double b2 = m10 * s02 + m11 * s12 + m12 * s22;
    float ca = (float)(a0 * m00 + a1 * m01 + a2 * m02 + 0.3);
    float cb = (float)(a0 * m10 + a1 * m11 + a2 * m12);
    float cc = (float)(b0 * m10 + b1 * m11 + b2 * m12 + 0.3);
    float det = ca * cc - cb * cb;
    if (det == 0.0f) return;
    float detInv = 1.0f / det;
    float mid = 0.5f * (ca + cc);
    float disc = (float)sqrt((double)fmaxf(0.1f, mid * mid - det));
    float radius = ceilf(3.0f * (float)sqrt((double)fmaxf(mid + disc, mid - disc)));
    float cx = (float)(fx * vx / vz + cam[16]);
    float cy = (float)(fy * vy / vz + cam[17]);
    // float -> int conversion saturates and maps NaN to 0 on the GPU, like Java's (int) cast.
    int x0 = min(gridX, max(0, (int)((cx - radius) / TILE)));
    int y0 = min(gridY, max(0, (int)((cy - radius) / TILE)));
    int x1 = min(gridX, max(0, (int)((cx + radius + TILE - 1) / TILE)));
    int y1 = min(gridY, max(0, (int)((cy + radius + TILE - 1) / TILE)));
    if ((x1 - x0) * (y1 - y0) == 0) return;
    float o = opacity[i];
    if (o < ALPHA_MIN) return;  // alpha = min(0.99, o * exp(power <= 0)) never reaches 1/255
    float qa = cc * detInv, qb = -cb * detInv, qc = ca * detInv;
    double tau = log(255.0 * o) + CULL_SLACK;
    double dqa = qa, dqb = qb, dqc = qc, qdet = dqa * dqc - dqb * dqb;
    float ex = INFINITY, ey = INFINITY;
    if (qdet > 0 && dqa > 0) {
        ex = (float)(sqrt(2 * tau * dqc / qdet) * (1 + CULL_SLACK) + 0.01);
        ey = (float)(sqrt(2 * tau * dqa / qdet) * (1 + CULL_SLACK) + 0.01);
    }
    // Exact culling: the CPU blender evaluates a Gaussian in a tile only at pixels inside the
    // bounding box [ceil(c - e), floor(c + e)] of the ellipse where alpha can reach 1/255, so
    // tiles that box misses are dropped from the rectangle here (never one it touches).
    float bx0 = fmaxf(ceilf(cx - ex), -TILE), bx1 = fminf(floorf(cx + ex), (gridX + 1) * TILE);
    float by0 = fmaxf(ceilf(cy - ey), -TILE), by1 = fminf(floorf(cy + ey), (gridY + 1) * TILE);
    x0 = max(x0, (int)floorf(bx0 / TILE));
    x1 = min(x1, (int)floorf(bx1 / TILE) + 1);
    y0 = max(y0, (int)floorf(by0 / TILE));
    y1 = min(y1, (int)floorf(by1 / TILE) + 1);
    if (x1 <= x0 || y1 <= y0) return;
    xy[i] = make_float2(cx, cy);
    conicO[i] = make_float4(qa, qb, qc, o);
    powerMin[i] = (float)-tau;
    depth[i] = (float)vz;
    rect[i] = make_int4(x0, y0, x1, y1);
    tiles[i] = (unsigned)((x1 - x0) * (y1 - y0));
    depthKey[i] = __float_as_uint((float)vz);  // positive floats order like their bits
}

__constant__ double SH_C1 = 0.4886025119029199;
__constant__ double SH_C2[5] = {1.0925484305920792, -1.0925484305920792, 0.31539156525252005,
                                -1.0925484305920792, 0.5462742152960396};
__constant__ double SH_C3[7] = {-0.5900435899266435, 2.890611442640554, -0.4570457994644658,
                                0.3731763325901154, -0.4570457994644658, 1.445305721320277,
                                -0.5900435899266435};

// RGB per Gaussian from SH of degree deg (nc coefficients per channel) seen from eye, then the
// optional tint: rgb = (1 - s) * rgb + s * tint where tint >= 0.
extern "C" __global__ void shColour(int n, const float* px, const float* py, const float* pz,
                                    const float* sh, int nc, int deg, double ex, double ey,
                                    double ez, const float* tint, float strength, float* rgb) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double x = px[i] - ex, y = py[i] - ey, z = pz[i] - ez;
    double len = sqrt(x * x + y * y + z * z);
    if (len > 0) {
        x /= len;
        y /= len;
        z /= len;
    }
    double xx = x * x, yy = y * y, zz = z * z, xy = x * y, yz = y * z, xz = x * z;
    const double C0 = 0.28209479177387814;
    for (int c = 0; c < 3; c++) {
        const float* s = sh + ((size_t)i * 3 + c) * nc;
        double r = C0 * s[0];
        if (deg > 0) {
            r += -SH_C1 * y * s[1] + SH_C1 * z * s[2] - SH_C1 * x * s[3];
            if (deg > 1) {
                r += SH_C2[0] * xy * s[4] + SH_C2[1] * yz * s[5] +
                     SH_C2[2] * (2 * zz - xx - yy) * s[6] + SH_C2[3] * xz * s[7] +
                     SH_C2[4] * (xx - yy) * s[8];
                if (deg > 2) {
                    r += SH_C3[0] * y * (3 * xx - yy) * s[9] + SH_C3[1] * xy * z * s[10] +
                         SH_C3[2] * y * (4 * zz - xx - yy) * s[11] +
                         SH_C3[3] * z * (2 * zz - 3 * xx - 3 * yy) * s[12] +
                         SH_C3[4] * x * (4 * zz - xx - yy) * s[13] +
                         SH_C3[5] * z * (xx - yy) * s[14] + SH_C3[6] * x * (xx - 3 * yy) * s[15];
                }
            }
        }
        float v = (float)fmax(0.0, r + 0.5);
        if (tint != nullptr && strength != 0.0f && tint[3 * (size_t)i + c] >= 0.0f) {
            v = (1 - strength) * v + strength * tint[3 * (size_t)i + c];
        }
        rgb[3 * (size_t)i + c] = v;
    }
}
