package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;

/**
 * {@code nn.Conv2d(in, out, kernel, padding=…, groups=…)} with stride 1: parameters {@code weight}
 * {@code (out, in/groups, kh, kw)} and {@code bias (out)}, initialised as PyTorch does (uniform in ±1/√fan-in,
 * which is what its Kaiming-uniform with a = √5 comes to), so a network built with random weights has the
 * statistics of a fresh PyTorch one.
 *
 * <p>libtorch 2.7.1's oneDNN convolution returns wrong numbers (varying with the thread count) on this project's
 * AMD Zen 4 CPUs when a group has more than 8 input channels that are not a multiple of the kernel's channel block
 * (8 with AVX2, 16 with AVX-512): FOMM's 35-, 44- and 108-channel convolutions hit it. Such inputs and weights are
 * padded with zero channels to the next multiple of 16 before the convolution, which changes nothing mathematically
 * and avoids the faulty tail code under both instruction sets (decision 0011).
 *
 * <p>Training meets the same fault from the other side: the backward pass's data gradient is a convolution whose
 * input is the output gradient, and with AVX2 it comes back NaN when the layer has an output channel count that is
 * not a multiple of 16 (FOMM's 3-channel final layer, 10 keypoints, 11 mask channels). In training mode such layers
 * are run with zero filters appended and the extra output channels sliced off, which again changes no value.
 */
public final class Conv2dLayer extends FixedShapeBlock {
    private final int inChannels;
    private final int outChannels;
    private final Shape padding;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;
    /** Zero input channels appended per group to avoid oneDNN's channel-tail bug (0 when not needed). */
    private final int zeroChannels;
    /** Zero filters appended in training, for the same bug in the backward pass (0 when not needed). */
    private final int zeroFilters;

    /** A square {@code kernel}, the same padding on all sides, one group. */
    public Conv2dLayer(int inChannels, int outChannels, int kernel, int padding) {
        this(inChannels, outChannels, kernel, kernel, padding, padding, 1);
    }

    public Conv2dLayer(int inChannels, int outChannels, int kernelHeight, int kernelWidth, int padHeight,
            int padWidth, int groups) {
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0
                || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv " + inChannels + " -> " + outChannels + " in " + groups
                    + " groups");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.padding = new Shape(padHeight, padWidth);
        this.groups = groups;
        float bound = (float) (1 / Math.sqrt((double) inChannels / groups * kernelHeight * kernelWidth));
        Initializer uniform = new UniformInitializer(bound);
        weight = addFixedParameter("weight", Parameter.Type.WEIGHT,
                new Shape(outChannels, inChannels / groups, kernelHeight, kernelWidth), uniform, true);
        bias = addFixedParameter("bias", Parameter.Type.BIAS, new Shape(outChannels), uniform, true);
        zeroChannels = groups == 1 ? zeroChannels(inChannels) : 0;
        zeroFilters = groups == 1 && outChannels % 16 != 0 ? 16 - outChannels % 16 : 0;
    }

    /** How many zero channels make {@code channels} safe for libtorch's oneDNN convolution (see above). */
    static int zeroChannels(int channels) {
        return channels > 8 && channels % 16 != 0 ? 16 - channels % 16 : 0;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    /** The weight parameter (for initialisers such as FOMM's identity jacobian head). */
    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** {@code x (N, in, H, W)} → {@code (N, out, H', W')}. */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray input = x;
        NDArray w = value(ps, weight, x, training);
        if (zeroChannels > 0) {
            NDManager manager = x.getManager();
            Shape s = x.getShape();
            input = NDArrays.concat(new NDList(x,
                    manager.zeros(new Shape(s.get(0), zeroChannels, s.get(2), s.get(3)), x.getDataType())), 1);
            Shape ws = w.getShape();
            w = NDArrays.concat(new NDList(w,
                    manager.zeros(new Shape(ws.get(0), zeroChannels, ws.get(2), ws.get(3)), w.getDataType())), 1);
            w.attach(manager); // made from a parameter, it would otherwise stay on the model's manager
        }
        NDArray b = value(ps, bias, x, training);
        if (training && zeroFilters > 0) {
            NDManager manager = x.getManager();
            Shape ws = w.getShape();
            w = NDArrays.concat(new NDList(w,
                    manager.zeros(new Shape(zeroFilters, ws.get(1), ws.get(2), ws.get(3)), w.getDataType())), 0);
            b = NDArrays.concat(new NDList(b, manager.zeros(new Shape(zeroFilters), b.getDataType())), 0);
            w.attach(manager);
            b.attach(manager);
            NDArray padded = Conv2d.conv2d(input, w, b, new Shape(1, 1), padding, new Shape(1, 1), groups)
                    .singletonOrThrow();
            return Slices.narrow(padded, 1, 0, outChannels);
        }
        return Conv2d.conv2d(input, w, b, new Shape(1, 1), padding, new Shape(1, 1), groups).singletonOrThrow();
    }
}
