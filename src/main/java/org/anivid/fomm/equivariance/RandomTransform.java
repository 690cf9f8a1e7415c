package org.anivid.fomm.equivariance;

import org.anivid.torch.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.anivid.fomm.FommConfig;
import org.anivid.torch.CoordinateGrid;
import org.anivid.torch.GridSample;

/**
 * The random deformation of FOMM's equivariance losses (the official {@code Transform} of {@code modules/model.py},
 * paper §3.3): per picture of the batch an affine map {@code theta = [I | 0] + N(0, σ_affine)} of shape (2, 3), plus
 * a thin-plate-spline-like term on a {@code points × points} grid of control points (the align-corners coordinate grid
 * of {@link CoordinateGrid}, row by row) with weights {@code c_k ~ N(0, σ_tps)}:
 *
 * <pre>
 *   warp(x) = A·x + t + (Σ_k c_k · f(d_k)) · (1, 1),   d_k = |x − p_k|₁,   f(d) = d² · log(d + 1e-6)
 * </pre>
 *
 * <p>As in the official code the distance is the L1 norm ({@code abs().sum(-1)}) and the scalar TPS term is added to
 * both coordinates. The official code gets the jacobian from {@code autograd.grad}, which DJL lacks; {@link #jacobian}
 * is the same derivative in closed form, built from NDArray operations so that it is itself differentiable with
 * respect to the coordinates (the jacobian loss trains the keypoint detector through it).
 *
 * <p>The random numbers come from the generator handed in, in the official order (all affine noise, then all TPS
 * weights), so a seeded generator gives the same transform every time. The parameters live on the given manager as
 * float32 (the official {@code torch.normal} draws float32) and are cast to the coordinates' type when that differs;
 * results attach to the coordinates' (or frame's) manager. Make one per training step on the step's manager.
 */
public final class RandomTransform {
    /** The official {@code log(distances + 1e-6)} guard. */
    static final double LOG_EPSILON = 1e-6;

    private final int batch;
    private final double[] thetaValues;
    private final int pointsTps;
    private final double[] controlValues;
    /** theta[:, :, :2] as (B, 1, 2, 2), the jacobian's affine rows; its transpose (B, 2, 2) for the warp. */
    private final NDArray linear;
    private final NDArray linearTransposed;
    /** theta[:, :, 2] as (B, 1, 2). */
    private final NDArray shift;
    /** The TPS weights as (B, 1, P) and (B, P, 1); null without TPS. */
    private final NDArray controlRow;
    private final NDArray controlColumn;

    /**
     * Draws a transform for a batch of {@code batch} pictures. {@code pointsTps} 0 leaves the TPS part out (the
     * official code does that when {@code transform_params} has no {@code sigma_tps}/{@code points_tps}).
     *
     * @param random e.g. a seeded {@link java.util.SplittableRandom} or {@link java.util.Random}
     */
    public RandomTransform(NDManager manager, int batch, double sigmaAffine, double sigmaTps, int pointsTps,
            RandomGenerator random) {
        this(manager, batch, draw(batch, 6, sigmaAffine, random, true), pointsTps,
                draw(batch, checkPoints(pointsTps) * pointsTps, sigmaTps, random, false));
    }

    /** A transform drawn with the config's {@code train_params.transform_params}. */
    public RandomTransform(NDManager manager, int batch, FommConfig.TransformParams params, RandomGenerator random) {
        this(manager, batch, params.sigmaAffine(), params.sigmaTps(), params.pointsTps(), random);
    }

    /**
     * A transform with given parameters.
     *
     * @param theta {@code (batch, 2, 3)} row-major: per picture {@code [[a, b, tx], [c, d, ty]]}
     * @param pointsTps control points per side, or 0 for none
     * @param controlParams {@code (batch, pointsTps²)}: the weight of every control point, in the grid's row order
     */
    public RandomTransform(NDManager manager, int batch, double[] theta, int pointsTps, double[] controlParams) {
        if (batch < 1) {
            throw new IllegalArgumentException("a transform needs a batch of at least 1, not " + batch);
        }
        checkPoints(pointsTps);
        if (theta.length != batch * 6) {
            throw new IllegalArgumentException("theta needs " + batch * 6 + " values, not " + theta.length);
        }
        if (controlParams.length != batch * pointsTps * pointsTps) {
            throw new IllegalArgumentException("the TPS weights need " + batch * pointsTps * pointsTps
                    + " values, not " + controlParams.length);
        }
        this.batch = batch;
        this.thetaValues = theta.clone();
        this.pointsTps = pointsTps;
        this.controlValues = controlParams.clone();
        NDArray t = manager.create(toFloats(theta), new Shape(batch, 2, 3));
        this.linear = t.get(":, :, :2").expandDims(1);
        this.linearTransposed = t.get(":, :, :2").transpose(0, 2, 1);
        this.shift = t.get(":, :, 2").expandDims(1);
        long p = (long) pointsTps * pointsTps;
        this.controlRow = pointsTps == 0 ? null : manager.create(toFloats(controlParams), new Shape(batch, 1, p));
        this.controlColumn = pointsTps == 0 ? null : controlRow.reshape(batch, p, 1);
    }

    private static int checkPoints(int pointsTps) {
        // One control point would sit at 2·(0/0) − 1 = NaN in the official grid.
        if (pointsTps != 0 && pointsTps < 2) {
            throw new IllegalArgumentException("points_tps must be 0 (no TPS) or at least 2, not " + pointsTps);
        }
        return pointsTps;
    }

    /** {@code count} normal numbers per picture with deviation {@code sigma}, plus the identity where asked. */
    private static double[] draw(int batch, int count, double sigma, RandomGenerator random, boolean identity) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("a transform's sigma must be finite and at least 0, not " + sigma);
        }
        double[] values = new double[Math.max(0, batch) * count];
        for (int i = 0; i < values.length; i++) {
            values[i] = sigma * random.nextGaussian();
            if (identity && (i % 6 == 0 || i % 6 == 4)) {
                values[i] += 1;
            }
        }
        return values;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    public int batchSize() {
        return batch;
    }

    /** Control points per side of the grid; 0 without the TPS part. */
    public int pointsTps() {
        return pointsTps;
    }

    /** The affine parameters {@code (batch, 2, 3)} row-major, as drawn (before the float32 rounding). */
    public double[] theta() {
        return thetaValues.clone();
    }

    /** The TPS weights {@code (batch, pointsTps²)}, as drawn; empty without the TPS part. */
    public double[] controlParams() {
        return controlValues.clone();
    }

    /**
     * The official {@code warp_coordinates}: {@code coordinates (b, N, 2)} (x first, in [-1, 1]) with {@code b} the
     * batch size or 1 (one set of points for every picture) → {@code (batch, N, 2)}, on the coordinates' manager.
     */
    public NDArray warpCoordinates(NDArray coordinates) {
        checkCoordinates(coordinates);
        // theta[:, :, :2]·x + theta[:, :, 2] for every point: x (b, N, 2) times Aᵀ (B, 2, 2), broadcast over b.
        NDArray warped = coordinates.matMul(as(linearTransposed, coordinates)).add(as(shift, coordinates));
        if (pointsTps == 0) {
            return warped;
        }
        NDArray distances = distances(differences(coordinates));
        NDArray kernel = distances.square().mul(distances.add(LOG_EPSILON).log()); // f(d), (b, N, P)
        // Σ_k c_k·f(d_k) as a product, (b, N, P)·(B, P, 1) → (B, N, 1): the official broadcast product would hold
        // (B, H·W, P) numbers for a whole frame (262 MB at batch 40, 256²); the sum is the same up to rounding order.
        NDArray tps = kernel.matMul(as(controlColumn, coordinates));
        return warped.add(tps);
    }

    /**
     * The jacobian of {@link #warpCoordinates} at every point, {@code (batch, N, 2, 2)} with row i the derivatives of
     * output coordinate i with respect to (x, y) — the official {@code jacobian}'s layout. Closed form: the affine
     * rows {@code theta[:, :, :2]}, plus in both rows {@code Σ_k c_k·f'(d_k)·sign(x − p_k)} with
     * {@code f'(d) = 2d·log(d + 1e-6) + d²/(d + 1e-6)} and {@code sign(0) = 0} (the gradient PyTorch gives
     * {@code abs} at 0). Differentiable with respect to {@code coordinates} through DJL's autograd, with the
     * second derivatives PyTorch's {@code create_graph=True} gives (the sign contributes none).
     *
     * <p>Where {@code coordinates} has batch 1 for a larger transform the result is still per picture; the official
     * {@code autograd.grad} would sum the pictures' jacobians into one (it is only ever called with a full batch).
     */
    public NDArray jacobian(NDArray coordinates) {
        checkCoordinates(coordinates);
        NDArray affine = as(linear, coordinates); // (B, 1, 2, 2)
        if (pointsTps == 0) {
            // (b, N, 1, 2) zeros + (B, 1, 2, 2): the affine rows at every point, on the coordinates' manager
            return coordinates.zerosLike().expandDims(-2).add(affine);
        }
        NDArray differences = differences(coordinates); // (b, N, P, 2)
        NDArray d = distances(differences);
        NDArray shifted = d.add(LOG_EPSILON);
        NDArray slope = Scalars.mul(d, 2).mul(shifted.log()).add(d.square().div(shifted)); // f'(d), (b, N, P)
        NDArray weighted = slope.mul(as(controlRow, coordinates)); // (B, N, P)
        NDArray gradient = weighted.expandDims(-1).mul(differences.sign()).sum(new int[] {2}); // (B, N, 2)
        return gradient.expandDims(2).add(affine); // the same TPS row added to both outputs' rows
    }

    /**
     * The official {@code transform_frame}: every picture of {@code frame (batch, C, H, W)} resampled at its warped
     * coordinate grid with reflection padding. {@code alignCorners} should be the model's {@code grid_sample} setting
     * ({@link FommConfig#gridSampleAlignCorners()}): the official call uses PyTorch's default, which is false since
     * 1.3 and was true on the PyTorch 1.0 that trained the released checkpoints. With align corners an identity
     * transform returns the frame itself; without, it resamples it slightly (pixel centres sit on ±1 in the grid but
     * ±1 are the picture's edges for the sampler).
     */
    public NDArray transformFrame(NDArray frame, boolean alignCorners) {
        Shape s = frame.getShape();
        if (s.dimension() != 4 || s.get(0) != batch) {
            throw new IllegalArgumentException("transform_frame needs frames (" + batch + ", C, H, W), not " + s);
        }
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        NDArray grid = CoordinateGrid.make(frame.getManager(), h, w, frame.getDataType()).reshape(1, (long) h * w, 2);
        NDArray warped = warpCoordinates(grid).reshape(batch, h, w, 2);
        return GridSample.bilinear(frame, warped, alignCorners, GridSample.Padding.REFLECTION);
    }

    private void checkCoordinates(NDArray coordinates) {
        Shape s = coordinates.getShape();
        if (s.dimension() != 3 || s.get(2) != 2 || (s.get(0) != batch && s.get(0) != 1)) {
            throw new IllegalArgumentException("coordinates must be (" + batch + " or 1, N, 2), not " + s);
        }
    }

    /** {@code x − p_k} for every point and control point: {@code (b, N, P, 2)}. */
    private NDArray differences(NDArray coordinates) {
        NDArray controlPoints = CoordinateGrid.make(coordinates.getManager(), pointsTps, pointsTps,
                coordinates.getDataType()).reshape(1, 1, (long) pointsTps * pointsTps, 2);
        return coordinates.expandDims(2).sub(controlPoints);
    }

    /** The official L1 distances {@code abs(x − p_k).sum(-1)}: {@code (b, N, P)}. */
    private static NDArray distances(NDArray differences) {
        return differences.abs().sum(new int[] {3});
    }

    /** A parameter array in the coordinates' type (a cast lives on this transform's manager). */
    private static NDArray as(NDArray parameter, NDArray like) {
        DataType type = like.getDataType();
        return parameter.getDataType() == type ? parameter : parameter.toType(type, false);
    }

    @Override
    public String toString() {
        return "RandomTransform[batch " + batch + ", theta " + Arrays.toString(thetaValues) + ", points_tps "
                + pointsTps + "]";
    }
}
