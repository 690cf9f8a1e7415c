package org.anivid.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** FaceBoxes' inception module: four branches of 32 channels each over a 128-channel input. */
final class Inception extends AbstractBlock {
    private static final Shape K3 = new Shape(3, 3);
    private static final Shape S1 = new Shape(1, 1);

    private final ConvBn branch1x1 = addChildBlock("branch1x1", ConvBn.basic(32, 1, 1, 0));
    private final ConvBn branch1x1Pooled = addChildBlock("branch1x1_2", ConvBn.basic(32, 1, 1, 0));
    private final ConvBn branch3x3Reduce = addChildBlock("branch3x3_reduce", ConvBn.basic(24, 1, 1, 0));
    private final ConvBn branch3x3 = addChildBlock("branch3x3", ConvBn.basic(32, 3, 1, 1));
    private final ConvBn branch3x3Reduce2 = addChildBlock("branch3x3_reduce_2", ConvBn.basic(24, 1, 1, 0));
    private final ConvBn branch3x3Second = addChildBlock("branch3x3_2", ConvBn.basic(32, 3, 1, 1));
    private final ConvBn branch3x3Third = addChildBlock("branch3x3_3", ConvBn.basic(32, 3, 1, 1));

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = apply(branch1x1, ps, x, training);
        // PyTorch's avg_pool2d counts the zero padding (count_include_pad=True).
        NDArray pooled = Pool.avgPool2d(x, K3, S1, S1, false, true);
        NDArray b = apply(branch1x1Pooled, ps, pooled, training);
        NDArray c = apply(branch3x3, ps, apply(branch3x3Reduce, ps, x, training), training);
        NDArray d = apply(branch3x3Third, ps,
                apply(branch3x3Second, ps, apply(branch3x3Reduce2, ps, x, training), training), training);
        return new NDList(NDArrays.concat(new NDList(a, b, c, d), 1));
    }

    static NDArray apply(ConvBn block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 128, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape reduced = new Shape(in.get(0), 24, in.get(2), in.get(3));
        Shape mid = new Shape(in.get(0), 32, in.get(2), in.get(3));
        branch1x1.initialize(manager, dataType, in);
        branch1x1Pooled.initialize(manager, dataType, in);
        branch3x3Reduce.initialize(manager, dataType, in);
        branch3x3.initialize(manager, dataType, reduced);
        branch3x3Reduce2.initialize(manager, dataType, in);
        branch3x3Second.initialize(manager, dataType, reduced);
        branch3x3Third.initialize(manager, dataType, mid);
    }
}
