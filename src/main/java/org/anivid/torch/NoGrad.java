package org.anivid.torch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches libtorch's autograd recording off for the current thread until {@link #close()} (PyTorch's
 * {@code torch.no_grad()}). Trainable parameters carry {@code requires_grad}, so without this every inference
 * operation on them would build a backward graph; grad mode is per thread in libtorch, and DJL only switches it off
 * on the thread that loaded the engine.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        Engine.getEngine("PyTorch");
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    public static NoGrad start() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
