package org.anivid.faces.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import org.anivid.torch.BatchNorm2dLayer;
import org.anivid.torch.FixedShapeBlock;
import org.anivid.torch.NoGrad;

/**
 * Convolution without bias, batch norm, optional ReLU: the unit every layer of {@link AnimeFaceNet} is made of
 * (dense, pointwise or depthwise, stride 1 or 2, "same" padding).
 *
 * <p>{@link org.anivid.torch.Conv2dLayer} has no stride, so this block calls {@link Conv2d#conv2d} itself. It
 * refuses the channel counts that hit libtorch 2.7.1's oneDNN tail bug instead of padding them (decisions 0011 and
 * 0013: a group of more than 8 input channels, or an output, that is not a multiple of 16): the network's widths
 * are chosen to avoid them.
 *
 * <p>For inference, {@link #fuse()} folds the batch norm's running statistics into the convolution (w·γ/σ,
 * β − μ·γ/σ), so one convolution runs instead of two operations; a training forward pass always uses the separate
 * layers and drops the folded copy, because the weights it came from are about to change.
 */
final class ConvBnAct extends FixedShapeBlock {
    private final int in;
    private final int out;
    private final int kernel;
    private final int groups;
    private final Shape stride;
    private final Shape padding;
    private final boolean relu;
    private final Parameter weight;
    private final BatchNorm2dLayer bn;
    private NDArray fusedWeight;
    private NDArray fusedBias;

    ConvBnAct(int in, int out, int kernel, int stride, int groups, boolean relu) {
        if (in <= 0 || out <= 0 || groups <= 0 || in % groups != 0 || out % groups != 0 || (kernel % 2 == 0 && kernel != stride)) {
            throw new IllegalArgumentException("conv " + in + " -> " + out + ", kernel " + kernel + ", " + groups
                    + " groups");
        }
        int perGroup = in / groups;
        if (perGroup > 8 && perGroup % 16 != 0) {
            throw new IllegalArgumentException("a convolution group of " + perGroup + " input channels hits libtorch's "
                    + "oneDNN channel-tail bug (decision 0011): use a multiple of 16");
        }
        if (out % 16 != 0) {
            throw new IllegalArgumentException(out + " output channels: the data gradient of such a convolution hits "
                    + "oneDNN's channel-tail bug in training (decision 0013): use a multiple of 16");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.groups = groups;
        this.stride = new Shape(stride, stride);
        // Odd kernels keep "same" padding; an even kernel is a patch embedding (kernel = stride), no padding.
        int pad = kernel % 2 == 1 ? kernel / 2 : 0;
        this.padding = new Shape(pad, pad);
        this.relu = relu;
        float bound = (float) (1 / Math.sqrt((double) perGroup * kernel * kernel));
        weight = addFixedParameter("weight", Parameter.Type.WEIGHT, new Shape(out, perGroup, kernel, kernel),
                new UniformInitializer(bound), true);
        bn = addChildBlock("bn", new BatchNorm2dLayer(out));
    }

    static ConvBnAct dense(int in, int out, int kernel, int stride) {
        return new ConvBnAct(in, out, kernel, stride, 1, true);
    }

    static ConvBnAct pointwise(int in, int out, boolean relu) {
        return new ConvBnAct(in, out, 1, 1, 1, relu);
    }

    static ConvBnAct depthwise(int channels, int kernel, int stride) {
        return new ConvBnAct(channels, channels, kernel, stride, channels, true);
    }

    int outChannels() {
        return out;
    }

    /** Multiply-accumulates for an output of {@code h × w} pixels (for the model's size summary). */
    long macs(long h, long w) {
        return h * w * out * (long) (in / groups) * kernel * kernel;
    }

    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray y;
        if (!training && fusedWeight != null) {
            y = Conv2d.conv2d(x, fusedWeight, fusedBias, stride, padding, new Shape(1, 1), groups).singletonOrThrow();
        } else {
            if (training) {
                unfuse();
            }
            y = Conv2d.conv2d(x, value(ps, weight, x, training), null, stride, padding, new Shape(1, 1), groups)
                    .singletonOrThrow();
            y = bn.forward(ps, y, training);
        }
        // Activation.relu, not maximum(0f): no Number operand may enter a training graph (decision 0013).
        return relu ? Activation.relu(y) : y;
    }

    /** Folds the batch norm into the convolution for inference (call once the weights are final). */
    @SuppressWarnings("try") // the NoGrad scope is the point
    void fuse() {
        unfuse();
        NDArray w = weight.getArray();
        var params = bn.getParameters();
        NDArray gamma = params.get("weight").getArray();
        NDArray beta = params.get("bias").getArray();
        NDArray mean = params.get("running_mean").getArray();
        NDArray var = params.get("running_var").getArray();
        try (NoGrad noGrad = NoGrad.start();
                NDArray shifted = var.add(BatchNorm2dLayer.EPSILON);
                NDArray sigma = shifted.sqrt();
                NDArray scale = gamma.div(sigma);
                NDArray column = scale.reshape(-1, 1, 1, 1);
                NDArray meanScaled = mean.mul(scale)) {
            fusedWeight = w.mul(column);
            fusedBias = beta.sub(meanScaled);
        }
    }

    private void unfuse() {
        if (fusedWeight != null) {
            fusedWeight.close();
            fusedBias.close();
            fusedWeight = null;
            fusedBias = null;
        }
    }
}
