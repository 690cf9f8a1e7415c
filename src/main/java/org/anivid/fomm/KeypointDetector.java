package org.anivid.fomm;

import org.anivid.torch.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import org.anivid.fomm.Blocks.Hourglass;
import org.anivid.torch.AntiAliasInterpolation2d;
import org.anivid.torch.Conv2dLayer;
import org.anivid.torch.CoordinateGrid;
import org.anivid.torch.FixedShapeBlock;

/**
 * The official {@code KPDetector}: anti-aliased down-scaling ({@code down}), an hourglass ({@code predictor}), a
 * 7×7 heatmap convolution without padding ({@code kp}, so a 64×64 hourglass gives 58×58 heatmaps), a spatial softmax
 * with temperature, keypoints as heatmap-weighted means of the coordinate grid, and — with {@code estimate_jacobian}
 * — a 7×7 head of 4 values per keypoint ({@code jacobian}, initialised to the identity: zero weights, bias
 * [1, 0, 0, 1]) averaged with the same heatmap weights. Its parameters are named as in the official state dict
 * ({@code predictor.encoder.down_blocks.0.conv.weight} …, {@code down.weight}).
 */
public final class KeypointDetector extends FixedShapeBlock {
    private final Hourglass predictor;
    private final Conv2dLayer kp;
    private final Conv2dLayer jacobian;
    private final AntiAliasInterpolation2d down;
    private final double temperature;
    private final int numKp;
    private final int jacobianMaps;

    public KeypointDetector(FommConfig.CommonParams common, FommConfig.KpDetectorParams params) {
        numKp = common.numKp();
        temperature = params.temperature();
        predictor = addChildBlock("predictor", new Hourglass(params.blockExpansion(), common.numChannels(),
                params.numBlocks(), params.maxFeatures()));
        int features = predictor.outFilters();
        kp = addChildBlock("kp", new Conv2dLayer(features, numKp, 7, params.pad()));
        if (common.estimateJacobian()) {
            jacobianMaps = params.singleJacobianMap() ? 1 : numKp;
            jacobian = addChildBlock("jacobian", new Conv2dLayer(features, 4 * jacobianMaps, 7, params.pad()));
            jacobian.weight().setInitializer(Initializer.ZEROS);
            jacobian.bias().setInitializer((NDManager manager, Shape shape, DataType type) -> {
                float[] identity = new float[(int) shape.size()];
                for (int i = 0; i < identity.length; i += 4) {
                    identity[i] = 1f;
                    identity[i + 3] = 1f;
                }
                return manager.create(identity, shape).toType(type, false);
            });
        } else {
            jacobianMaps = 0;
            jacobian = null;
        }
        down = params.scaleFactor() != 1 ? addChildBlock("down",
                new AntiAliasInterpolation2d(common.numChannels(), params.scaleFactor())) : null;
    }

    /** Keypoints of {@code image (B, C, H, W)} in [0, 1]. */
    public Keypoints forward(ParameterStore ps, NDArray image, boolean training) {
        NDArray x = down != null ? down.forward(ps, image, training) : image;
        NDArray featureMap = predictor.forward(ps, x, training);
        NDArray prediction = kp.forward(ps, featureMap, training);
        Shape shape = prediction.getShape();
        long b = shape.get(0);
        int h = (int) shape.get(2);
        int w = (int) shape.get(3);
        NDArray heatmap = Scalars.div(prediction.reshape(b, numKp, (long) h * w), temperature).softmax(2)
                .reshape(b, numKp, h, w);
        NDArray grid = CoordinateGrid.make(heatmap.getManager(), h, w, heatmap.getDataType());
        NDArray value = heatmap.expandDims(4).mul(grid.reshape(1, 1, h, w, 2)).sum(new int[] {2, 3});
        if (jacobian == null) {
            return new Keypoints(value, null);
        }
        NDArray jacobianMap = jacobian.forward(ps, featureMap, training).reshape(b, jacobianMaps, 4, h, w);
        NDArray weighted = heatmap.expandDims(2).mul(jacobianMap).reshape(b, numKp, 4, (long) h * w).sum(new int[] {3});
        return new Keypoints(value, weighted.reshape(b, numKp, 2, 2));
    }
}
