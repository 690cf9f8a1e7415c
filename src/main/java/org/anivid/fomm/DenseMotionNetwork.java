package org.anivid.fomm;

import org.anivid.torch.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.anivid.fomm.Blocks.Hourglass;
import org.anivid.torch.AntiAliasInterpolation2d;
import org.anivid.torch.Conv2dLayer;
import org.anivid.torch.CoordinateGrid;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.GridSample;

/**
 * The official {@code DenseMotionNetwork}: from source and driving keypoints it builds, at {@code scale_factor} of
 * the source size, the heatmap difference of each keypoint (Gaussians of variance {@code kp_variance}), the sparse
 * motions (identity for the background; {@code J_s·J_d⁻¹·(z − p_d) + p_s} per keypoint) and the source warped by
 * each of them; an hourglass over all of these predicts a softmax mask that mixes the sparse motions into one dense
 * deformation, and a sigmoid occlusion map. Module names as in the official state dict
 * ({@code hourglass.…}, {@code mask}, {@code occlusion}, {@code down}).
 */
public final class DenseMotionNetwork extends FixedShapeBlock {
    private final Hourglass hourglass;
    private final Conv2dLayer mask;
    private final Conv2dLayer occlusion;
    private final AntiAliasInterpolation2d down;
    private final int numKp;
    private final double kpVariance;
    private final boolean alignCorners;

    public DenseMotionNetwork(FommConfig.CommonParams common, FommConfig.DenseMotionParams params,
            boolean estimateOcclusionMap, boolean alignCorners) {
        numKp = common.numKp();
        kpVariance = params.kpVariance();
        this.alignCorners = alignCorners;
        int channels = common.numChannels();
        hourglass = addChildBlock("hourglass", new Hourglass(params.blockExpansion(), (numKp + 1) * (channels + 1),
                params.numBlocks(), params.maxFeatures()));
        mask = addChildBlock("mask", new Conv2dLayer(hourglass.outFilters(), numKp + 1, 7, 3));
        occlusion = estimateOcclusionMap
                ? addChildBlock("occlusion", new Conv2dLayer(hourglass.outFilters(), 1, 7, 3)) : null;
        down = params.scaleFactor() != 1 ? addChildBlock("down",
                new AntiAliasInterpolation2d(channels, params.scaleFactor())) : null;
    }

    /** Dense motion from the source picture {@code (B, C, H, W)} and both keypoint sets. */
    public DenseMotion forward(ParameterStore ps, NDArray sourceImage, Keypoints driving, Keypoints source,
            boolean training) {
        NDArray image = down != null ? down.forward(ps, sourceImage, training) : sourceImage;
        Shape shape = image.getShape();
        long b = shape.get(0);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        NDArray grid = CoordinateGrid.make(image.getManager(), h, w, image.getDataType());
        NDArray heatmap = heatmapRepresentation(grid, driving, source, b, h, w);
        NDArray sparseMotion = sparseMotions(grid, driving, source, b, h, w);
        NDArray deformed = deformedSource(image, sparseMotion);
        NDArray input = NDArrays.concat(new NDList(heatmap, deformed), 2).reshape(b, -1, h, w);
        NDArray prediction = hourglass.forward(ps, input, training);
        NDArray weights = mask.forward(ps, prediction, training).softmax(1);
        NDArray deformation = sparseMotion.transpose(0, 1, 4, 2, 3).mul(weights.expandDims(2)).sum(new int[] {1})
                .transpose(0, 2, 3, 1);
        NDArray occlusionMap = occlusion != null
                ? Activation.sigmoid(occlusion.forward(ps, prediction, training)) : null;
        return new DenseMotion(weights, deformation, occlusionMap, deformed);
    }

    /** Eq. 6: Gaussians of the driving minus the source keypoints, a zero background channel first. */
    private NDArray heatmapRepresentation(NDArray grid, Keypoints driving, Keypoints source, long b, int h, int w) {
        NDArray gaussians = gaussian(grid, driving.value(), h, w).sub(gaussian(grid, source.value(), h, w));
        NDArray zeros = gaussians.getManager().zeros(new Shape(b, 1, h, w), gaussians.getDataType());
        return NDArrays.concat(new NDList(zeros, gaussians), 1).expandDims(2);
    }

    /** {@code kp2gaussian}: {@code exp(−0.5·|z − p|² / variance)} per keypoint, {@code (B, K, h, w)}. */
    private NDArray gaussian(NDArray grid, NDArray mean, int h, int w) {
        Shape s = mean.getShape();
        NDArray diff = grid.reshape(1, 1, h, w, 2).sub(mean.reshape(s.get(0), s.get(1), 1, 1, 2));
        return Scalars.div(Scalars.mul(diff.square().sum(new int[] {-1}), -0.5), kpVariance).exp();
    }

    /** Eq. 4: for every pixel z of the driving frame, where it comes from in the source under each keypoint's motion. */
    private NDArray sparseMotions(NDArray grid, Keypoints driving, Keypoints source, long b, int h, int w) {
        NDArray identity = grid.reshape(1, 1, h, w, 2);
        NDArray coordinates = identity.sub(driving.value().reshape(b, numKp, 1, 1, 2));
        if (driving.hasJacobian()) {
            NDArray jacobian = source.jacobian().matMul(Jacobians.inverse(driving.jacobian()))
                    .reshape(b, numKp, 1, 1, 2, 2);
            coordinates = jacobian.matMul(coordinates.expandDims(-1)).squeeze(-1);
        }
        NDArray drivingToSource = coordinates.add(source.value().reshape(b, numKp, 1, 1, 2));
        NDArray background = identity.broadcast(b, 1, h, w, 2);
        return NDArrays.concat(new NDList(background, drivingToSource), 1);
    }

    /** Eq. 7: the source warped by each sparse motion, {@code (B, K+1, C, h, w)}. */
    private NDArray deformedSource(NDArray image, NDArray sparseMotion) {
        Shape s = image.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray repeated = image.expandDims(1).broadcast(b, numKp + 1, c, h, w).reshape(b * (numKp + 1), c, h, w);
        NDArray grids = sparseMotion.reshape(b * (numKp + 1), h, w, 2);
        return GridSample.bilinear(repeated, grids, alignCorners).reshape(b, numKp + 1, c, h, w);
    }
}
