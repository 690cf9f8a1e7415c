package org.anivid.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolution without bias, batch norm, then ReLU — FaceBoxes' {@code BasicConv2d}; with {@code concatenatedRelu}
 * it is {@code CRelu} (ReLU of [x, −x], which doubles the channels cheaply). Children are named {@code conv}
 * and {@code bn} like the PyTorch module so that a state dict loads by name.
 */
final class ConvBn extends AbstractBlock {
    private final Conv2d conv;
    private final BatchNorm bn;
    private final boolean concatenatedRelu;
    private final Shape stride;
    private final Shape padding;
    /** Batch norm folded into the convolution for inference (null until {@link #fuse} ran). */
    private NDArray fusedWeight;
    private NDArray fusedBias;
    private boolean pointwise;
    private NDArray pointwiseWeight;
    private NDArray pointwiseBias;

    ConvBn(int filters, int kernel, int stride, int padding, boolean concatenatedRelu) {
        this.concatenatedRelu = concatenatedRelu;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        conv = addChildBlock("conv", Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(false).build());
        bn = addChildBlock("bn", BatchNorm.builder().optEpsilon(1e-5f).build());
    }

    static ConvBn basic(int filters, int kernel, int stride, int padding) {
        return new ConvBn(filters, kernel, stride, padding, false);
    }

    static ConvBn crelu(int filters, int kernel, int stride, int padding) {
        return new ConvBn(filters, kernel, stride, padding, true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x;
        if (fusedWeight != null && !training && pointwise) {
            // A 1×1 convolution is a matrix product over the channels; done as one, it skips libtorch's convolution
            // dispatch, which on one thread asks NNPACK (and warns that it cannot start) on every call.
            NDArray in = inputs.singletonOrThrow();
            Shape s = in.getShape();
            NDArray flat = in.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
            x = pointwiseWeight.matMul(flat).add(pointwiseBias).reshape(s.get(0), -1, s.get(2), s.get(3));
        } else if (fusedWeight != null && !training) {
            x = Conv2d.conv2d(inputs.singletonOrThrow(), fusedWeight, fusedBias, stride, padding).singletonOrThrow();
        } else {
            x = conv.forward(ps, inputs, training, params).singletonOrThrow();
            x = bn.forward(ps, new NDList(x), training, params).singletonOrThrow();
        }
        if (concatenatedRelu) {
            x = NDArrays.concat(new NDList(x, x.neg()), 1);
        }
        return new NDList(x.maximum(0f));
    }

    /**
     * Folds the batch norm's running statistics into the convolution (w·γ/σ, β − μ·γ/σ), so inference runs one
     * convolution instead of two operations; training keeps using the separate layers.
     */
    void fuse() {
        NDArray weight = conv.getParameters().get("weight").getArray();
        NDArray gamma = bn.getParameters().get("gamma").getArray();
        NDArray beta = bn.getParameters().get("beta").getArray();
        NDArray mean = bn.getParameters().get("runningMean").getArray();
        NDArray var = bn.getParameters().get("runningVar").getArray();
        NDArray scale = gamma.div(var.add(1e-5f).sqrt());
        fusedWeight = weight.mul(scale.reshape(-1, 1, 1, 1)).stopGradient();
        fusedBias = beta.sub(mean.mul(scale)).stopGradient();
        Shape w = weight.getShape();
        pointwise = w.get(2) == 1 && w.get(3) == 1 && stride.get(0) == 1 && padding.get(0) == 0;
        if (pointwise) {
            pointwiseWeight = fusedWeight.reshape(w.get(0), w.get(1));
            pointwiseBias = fusedBias.reshape(-1, 1);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape out = conv.getOutputShapes(inputShapes)[0];
        return concatenatedRelu ? new Shape[] {new Shape(out.get(0), out.get(1) * 2, out.get(2), out.get(3))}
                : new Shape[] {out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }
}
