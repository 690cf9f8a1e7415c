package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * FOMM's band-limited downsampling ({@code AntiAliasInterpolation2d}): a depthwise Gaussian blur with
 * {@code sigma = (1/scale − 1)/2} on a {@code 2·round(4·sigma) + 1} kernel (Python's round, half to even), zero
 * padding that keeps the size, then nearest-neighbour subsampling by {@code scale}. The kernel is a fixed buffer named
 * {@code weight} {@code (channels, 1, k, k)}: PyTorch registers it with {@code register_buffer}, so it is part of the
 * state dict ({@code down.weight}) and is loaded from the checkpoint like any parameter; it is never trained.
 */
public final class AntiAliasInterpolation2d extends FixedShapeBlock {
    private final int channels;
    private final double scale;
    private final int kernelSize;
    private final Parameter weight;

    public AntiAliasInterpolation2d(int channels, double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("anti-alias scale must be in (0, 1], not " + scale);
        }
        this.channels = channels;
        this.scale = scale;
        double sigma = sigma(scale);
        this.kernelSize = kernelSize(scale);
        float[] kernel = gaussianKernel(kernelSize, sigma);
        weight = addFixedParameter("weight", Parameter.Type.OTHER, new Shape(channels, 1, kernelSize, kernelSize),
                (NDManager manager, Shape shape, DataType dataType) -> {
                    float[] repeated = new float[(int) shape.size()];
                    for (int c = 0; c < channels; c++) {
                        System.arraycopy(kernel, 0, repeated, c * kernel.length, kernel.length);
                    }
                    return manager.create(repeated, shape).toType(dataType, false);
                }, false);
    }

    /** {@code (1/scale − 1)/2}. */
    public static double sigma(double scale) {
        return (1 / scale - 1) / 2;
    }

    /** {@code 2·round(4·sigma) + 1} with Python 3's round (half to even). */
    public static int kernelSize(double scale) {
        return 2 * (int) Math.rint(sigma(scale) * 4) + 1;
    }

    /**
     * The normalised 2-D Gaussian, row-major {@code size × size}: the product of one exp per axis around the
     * centre {@code (size − 1)/2}, divided by its sum, in float as the official code computes it.
     */
    public static float[] gaussianKernel(int size, double sigma) {
        float mean = (size - 1) / 2f;
        float denominator = (float) (2 * sigma * sigma);
        float[] axis = new float[size];
        for (int i = 0; i < size; i++) {
            float d = i - mean;
            axis[i] = (float) Math.exp(-(d * d) / denominator);
        }
        float[] kernel = new float[size * size];
        double sum = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                kernel[r * size + c] = axis[r] * axis[c];
                sum += kernel[r * size + c];
            }
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (kernel[i] / sum);
        }
        return kernel;
    }

    public int channels() {
        return channels;
    }

    public double scale() {
        return scale;
    }

    public int kernelSize() {
        return kernelSize;
    }

    /** {@code x (N, channels, H, W)} → {@code (N, channels, floor(H·scale), floor(W·scale))}; scale 1 returns x. */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        if (scale == 1.0) {
            return x;
        }
        int pad = kernelSize / 2; // the size is always odd, so PyTorch's ka == kb: symmetric zero padding
        NDArray blurred = Conv2d.conv2d(x, value(ps, weight, x, training).stopGradient(), null, new Shape(1, 1),
                new Shape(pad, pad), new Shape(1, 1), channels).singletonOrThrow();
        return Interpolation.downsampleNearest(blurred, scale);
    }
}
