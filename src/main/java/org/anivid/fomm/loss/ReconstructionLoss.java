package org.anivid.fomm.loss;

import ai.djl.ndarray.NDArray;

/**
 * How far a generated frame is from the real one, as the scalar that FOMM training minimises. Holds native weights
 * (VGG19, blur kernels): close it when training ends.
 */
public interface ReconstructionLoss extends AutoCloseable {
    /** The loss's name, which labels a training run and its checkpoints ({@code perceptual-vgg19}, {@code pyramid-l1}). */
    String name();

    /**
     * The loss of {@code generated} against {@code real}, both {@code (B, 3, H, W)} in [0, 1] on one device: a scalar
     * on {@code generated}'s manager. Gradients flow back into {@code generated} when it is recorded (inside a
     * {@code GradientCollector}); {@code real} is a constant, as {@code .detach()} makes it in the official code.
     *
     * @throws IllegalArgumentException if the shapes differ, are not 3-channel batches, or are too small
     */
    NDArray loss(NDArray generated, NDArray real);

    /** Frees the native weights. */
    @Override
    void close();
}
