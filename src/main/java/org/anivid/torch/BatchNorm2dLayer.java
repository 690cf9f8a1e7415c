package org.anivid.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;

/**
 * {@code nn.BatchNorm2d(channels, affine=True)} (eps 1e-5, momentum 0.1) with PyTorch's parameter names
 * {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}, so that a state dict including the
 * running statistics loads by name. At inference it normalises with the running statistics, which is also what
 * the {@code SynchronizedBatchNorm2d} of the official FOMM code does in eval mode.
 */
public final class BatchNorm2dLayer extends FixedShapeBlock {
    /** PyTorch's default. */
    public static final float EPSILON = 1e-5f;
    /** DJL counts momentum the other way round: running = momentum·running + (1 − momentum)·batch, i.e. 1 − 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm2dLayer(int channels) {
        this.channels = channels;
        Shape shape = new Shape(channels);
        gamma = addFixedParameter("weight", Parameter.Type.GAMMA, shape, Initializer.ONES, true);
        beta = addFixedParameter("bias", Parameter.Type.BETA, shape, Initializer.ZEROS, true);
        runningMean = addFixedParameter("running_mean", Parameter.Type.RUNNING_MEAN, shape, Initializer.ZEROS, false);
        runningVar = addFixedParameter("running_var", Parameter.Type.RUNNING_VAR, shape, Initializer.ONES, false);
    }

    public int channels() {
        return channels;
    }

    /** {@code x (N, C, H, W)}; with {@code training} the batch statistics are used (and the running ones updated). */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return BatchNorm.batchNorm(x, value(ps, runningMean, x, training), value(ps, runningVar, x, training),
                value(ps, gamma, x, training), value(ps, beta, x, training), 1, DJL_MOMENTUM, EPSILON, training)
                .singletonOrThrow();
    }
}
