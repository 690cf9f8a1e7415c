package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's {@code F.grid_sample(input, grid, mode='bilinear', padding_mode='zeros', align_corners=…)}, which DJL
 * lacks, built from {@code floor}, {@code gather} and arithmetic so that DJL's autograd differentiates it with
 * respect to both the input and the grid (the corner indices carry no gradient, the bilinear weights do — exactly
 * PyTorch's backward away from integer sample positions).
 *
 * <p>A grid value of −1 means the left edge of the first pixel with {@code alignCorners = false} (PyTorch ≥ 1.3's
 * default) and the centre of the first pixel with {@code alignCorners = true} (PyTorch ≤ 1.2's only behaviour).
 * Samples outside the picture read zeros. The four corner terms are summed in PyTorch's order (nw, ne, sw, se)
 * with its weight formulas, so results agree to float rounding.
 */
public final class GridSample {
    private GridSample() {
    }

    /**
     * Samples {@code input (N, C, H, W)} at {@code grid (N, Ho, Wo, 2)} ({@code [..., 0]} = x across the width,
     * {@code [..., 1]} = y) and returns {@code (N, C, Ho, Wo)}.
     */
    public static NDArray bilinear(NDArray input, NDArray grid, boolean alignCorners) {
        Shape in = input.getShape();
        Shape g = grid.getShape();
        if (in.dimension() != 4 || g.dimension() != 4 || g.get(3) != 2 || g.get(0) != in.get(0)) {
            throw new IllegalArgumentException("grid_sample needs input (N, C, H, W) and grid (N, Ho, Wo, 2), not "
                    + in + " and " + g);
        }
        long n = in.get(0);
        long c = in.get(1);
        long h = in.get(2);
        long w = in.get(3);
        long points = g.get(1) * g.get(2);
        NDArray flat = input.reshape(n, c, h * w);
        NDArray xy = grid.reshape(n, 1, points, 2);
        NDArray ix = unnormalize(xy.get("..., 0"), w, alignCorners);
        NDArray iy = unnormalize(xy.get("..., 1"), h, alignCorners);
        NDArray ixNw = ix.floor().stopGradient();
        NDArray iyNw = iy.floor().stopGradient();
        NDArray ixSe = ixNw.add(1);
        NDArray iySe = iyNw.add(1);
        // PyTorch's weights: nw = (ix_se − ix)(iy_se − iy), ne = (ix − ix_sw)(iy_sw − iy),
        // sw = (ix_ne − ix)(iy − iy_ne), se = (ix − ix_nw)(iy − iy_nw), with ix_sw = ix_nw, iy_ne = iy_nw.
        NDArray right = ix.sub(ixNw);
        NDArray left = ixSe.sub(ix);
        NDArray down = iy.sub(iyNw);
        NDArray up = iySe.sub(iy);
        NDArray out = corner(flat, ixNw, iyNw, left.mul(up), h, w);
        out = out.add(corner(flat, ixSe, iyNw, right.mul(up), h, w));
        out = out.add(corner(flat, ixNw, iySe, left.mul(down), h, w));
        out = out.add(corner(flat, ixSe, iySe, right.mul(down), h, w));
        return out.reshape(n, c, g.get(1), g.get(2));
    }

    /** Grid coordinate in [-1, 1] → pixel coordinate, as PyTorch's {@code grid_sampler_unnormalize}. */
    private static NDArray unnormalize(NDArray coordinate, long size, boolean alignCorners) {
        if (alignCorners) {
            return coordinate.add(1).div(2).mul(size - 1);
        }
        return coordinate.add(1).mul(size).sub(1).div(2);
    }

    /**
     * One corner's contribution: the pixel at (x, y) where it lies inside the picture, times its weight; elsewhere
     * (NaN or infinite coordinates included) nothing, as PyTorch's zeros padding gives.
     */
    private static NDArray corner(NDArray flat, NDArray x, NDArray y, NDArray weight, long h, long w) {
        NDArray inside = x.gte(0).logicalAnd(x.lte(w - 1)).logicalAnd(y.gte(0)).logicalAnd(y.lte(h - 1));
        NDArray zero = x.zerosLike();
        NDArray position = NDArrays.where(inside, y.mul(w).add(x), zero);
        NDArray index = position.toType(DataType.INT64, false);
        Shape target = new Shape(flat.getShape().get(0), flat.getShape().get(1), index.getShape().get(2));
        NDArray values = flat.gather(index.broadcast(target), 2);
        return values.mul(NDArrays.where(inside, weight, zero));
    }
}
