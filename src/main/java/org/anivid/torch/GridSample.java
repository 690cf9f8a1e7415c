package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's {@code F.grid_sample(input, grid, mode='bilinear', padding_mode=…, align_corners=…)}, which DJL lacks,
 * built from {@code floor}, {@code gather} and arithmetic so that DJL's autograd differentiates it with respect to
 * both the input and the grid (the corner indices carry no gradient, the bilinear weights do — exactly
 * PyTorch's backward away from integer sample positions).
 *
 * <p>A grid value of −1 means the left edge of the first pixel with {@code alignCorners = false} (PyTorch ≥ 1.3's
 * default) and the centre of the first pixel with {@code alignCorners = true} (PyTorch ≤ 1.2's only behaviour).
 * Outside the picture the {@link Padding} decides: zeros (the default), the border pixel, or the picture mirrored
 * about its border. The four corner terms are summed in PyTorch's order (nw, ne, sw, se) with its weight formulas, so
 * results agree to float rounding.
 */
public final class GridSample {
    private GridSample() {
    }

    /** PyTorch's {@code padding_mode}: what a sample outside the picture reads. */
    public enum Padding {
        /** {@code "zeros"}: zero outside the picture (non-finite coordinates read zero too). */
        ZEROS,
        /** {@code "border"}: the coordinate is clipped to the outermost pixel centres (NaN reads zero). */
        BORDER,
        /**
         * {@code "reflection"}: the coordinate is mirrored about the picture's border (the outer pixel centres with
         * {@code alignCorners}, the outer pixel edges without), as often as needed, then clipped to the outermost
         * pixel centres; non-finite coordinates read zero.
         */
        REFLECTION
    }

    /**
     * Samples {@code input (N, C, H, W)} at {@code grid (N, Ho, Wo, 2)} ({@code [..., 0]} = x across the width,
     * {@code [..., 1]} = y) and returns {@code (N, C, Ho, Wo)}, reading zeros outside the picture.
     */
    public static NDArray bilinear(NDArray input, NDArray grid, boolean alignCorners) {
        return bilinear(input, grid, alignCorners, Padding.ZEROS);
    }

    /** {@link #bilinear(NDArray, NDArray, boolean)} with PyTorch's {@code padding_mode}. */
    public static NDArray bilinear(NDArray input, NDArray grid, boolean alignCorners, Padding padding) {
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
        NDArray ix = sourceIndex(Slices.select(xy, -1, 0), w, alignCorners, padding);
        NDArray iy = sourceIndex(Slices.select(xy, -1, 1), h, alignCorners, padding);
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

    /** PyTorch's {@code grid_sampler_compute_source_index}: the pixel coordinate to interpolate at. */
    private static NDArray sourceIndex(NDArray coordinate, long size, boolean alignCorners, Padding padding) {
        NDArray index = unnormalize(coordinate, size, alignCorners);
        return switch (padding) {
            case ZEROS -> index;
            case BORDER -> clip(index, index.stopGradient(), index.onesLike(), size);
            case REFLECTION -> reflectAndClip(index, size, alignCorners);
        };
    }

    /**
     * Reflection padding as PyTorch's CPU kernel computes it: with {@code low} the mirror line below the picture
     * (pixel 0 with align-corners, −0.5 without) and {@code period} twice the mirrored span, {@code a = |x − low|},
     * {@code extra = a − floor(a / period)·period}, result {@code min(extra, period − extra) + low}. The derivative
     * is ±1 (−1 where exactly one of "below low" and "on the way back" holds), again as PyTorch's backward; the
     * value is built as a constant plus {@code (x − x)·slope} so it is bit-exact and the gradient still flows.
     */
    private static NDArray reflectAndClip(NDArray index, long size, boolean alignCorners) {
        if (alignCorners && size == 1) {
            // A single pixel centre spans nothing: PyTorch puts every sample on it, with no gradient.
            return index.zerosLike();
        }
        double low = alignCorners ? 0 : -0.5;
        double period = alignCorners ? 2.0 * (size - 1) : 2.0 * size;
        NDArray fixed = index.stopGradient();
        NDArray shifted = fixed.sub(low);
        NDArray magnitude = shifted.abs();
        NDArray extra = magnitude.sub(magnitude.div(period).floor().mul(period));
        NDArray back = extra.neg().add(period);
        NDArray flipped = extra.gt(back);
        NDArray reflected = NDArrays.where(flipped, back, extra).add(low);
        NDArray one = fixed.onesLike();
        NDArray slope = NDArrays.where(flipped.logicalXor(shifted.lt(0)), one.neg(), one);
        return clip(index, reflected, slope, size);
    }

    /**
     * {@code value} clipped to [0, size − 1], differentiable with respect to {@code index} with {@code slope} inside
     * and zero on and beyond the border (PyTorch's {@code clip_coordinates_set_grad} counts the border as outside).
     */
    private static NDArray clip(NDArray index, NDArray value, NDArray slope, long size) {
        NDArray inside = value.gt(0).logicalAnd(value.lt(size - 1));
        // x − x is 0 in value; selected only inside, so an infinite x adds no NaN (its value is clipped instead).
        NDArray delta = index.sub(index.stopGradient()).mul(slope);
        return value.clip(0, size - 1).add(NDArrays.where(inside, delta, delta.zerosLike()));
    }

    /** Grid coordinate in [-1, 1] → pixel coordinate, as PyTorch's {@code grid_sampler_unnormalize}. */
    private static NDArray unnormalize(NDArray coordinate, long size, boolean alignCorners) {
        if (alignCorners) {
            return Scalars.mul(Scalars.div(coordinate.add(1), 2), size - 1);
        }
        return Scalars.div(Scalars.mul(coordinate.add(1), size).sub(1), 2);
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
