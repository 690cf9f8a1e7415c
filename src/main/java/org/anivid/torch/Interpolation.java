package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The {@code F.interpolate} modes FOMM uses, for {@code (N, C, H, W)} arrays, with PyTorch's index rules and built
 * from differentiable operations (broadcast, gather, matrix products).
 */
public final class Interpolation {
    private Interpolation() {
    }

    /** {@code F.interpolate(x, scale_factor=2)} (nearest): every pixel becomes a 2×2 block. */
    public static NDArray upsampleNearest2x(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, h * 2, w * 2);
    }

    /**
     * {@code F.interpolate(x, scale_factor=(scale, scale))} (nearest): {@code floor(size·scale)} output pixels, output
     * pixel i reading input pixel {@code min(floor(i · (1/scale)), size − 1)} with 1/scale in float as PyTorch has it.
     */
    public static NDArray downsampleNearest(NDArray x, double scale) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        int outH = (int) Math.floor(h * scale);
        int outW = (int) Math.floor(w * scale);
        float inverse = (float) (1.0 / scale);
        NDManager manager = x.getManager();
        NDArray rows = manager.create(nearestIndices(outH, h, inverse));
        NDArray cols = manager.create(nearestIndices(outW, w, inverse));
        long n = s.get(0);
        long c = s.get(1);
        NDArray picked = x.gather(rows.reshape(1, 1, outH, 1).broadcast(n, c, outH, w), 2);
        return picked.gather(cols.reshape(1, 1, 1, outW).broadcast(n, c, outH, outW), 3);
    }

    private static long[] nearestIndices(int out, int in, float inverseScale) {
        long[] indices = new long[out];
        for (int i = 0; i < out; i++) {
            indices[i] = Math.min((long) Math.floor(i * inverseScale), in - 1);
        }
        return indices;
    }

    /**
     * {@code F.interpolate(x, size=(outH, outW), mode='bilinear', align_corners=False)}: output pixel i samples the
     * input at {@code (i + 0.5)·in/out − 0.5}, clamped at 0 below and to the last pixel above. Done as two matrix
     * products with the (sparse) interpolation matrices, {@code Ry · x · Rxᵀ}, which is exact and differentiable.
     */
    public static NDArray resizeBilinear(NDArray x, int outH, int outW) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (h == outH && w == outW) {
            return x;
        }
        NDManager manager = x.getManager();
        DataType type = x.getDataType();
        NDArray ry = manager.create(bilinearMatrix(outH, h), new Shape(outH, h)).toType(type, false);
        NDArray rxT = manager.create(bilinearMatrix(outW, w), new Shape(outW, w)).toType(type, false).transpose();
        return ry.matMul(x).matMul(rxT);
    }

    /** Row i holds the two weights of output pixel i (PyTorch's area_pixel_compute_source_index, align_corners off). */
    static float[] bilinearMatrix(int out, int in) {
        float[] m = new float[out * in];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float source = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
            int i0 = (int) source;
            int i1 = i0 < in - 1 ? i0 + 1 : i0;
            float lambda1 = source - i0;
            float lambda0 = 1f - lambda1;
            m[i * in + i0] += lambda0;
            m[i * in + i1] += lambda1;
        }
        return m;
    }
}
