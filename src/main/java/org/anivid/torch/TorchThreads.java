package org.anivid.torch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Limits libtorch's intra-op threads for a stretch of work. A video pass decodes on FFmpeg's threads while the network
 * runs; on 2 cores libtorch's OpenMP threads then spin against the decoder and a 480-frame pass took 2.5× longer
 * (27 s against 11 s with one thread, same file). The setting is process-wide, which is fine because heavy jobs
 * run one at a time on the job queue.
 */
public final class TorchThreads implements AutoCloseable {
    private final int previous;

    private TorchThreads(int threads) {
        Engine.getEngine("PyTorch");
        previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
    }

    /** Until {@link #close()}, libtorch runs operators on at most {@code threads} threads. */
    public static TorchThreads limit(int threads) {
        return new TorchThreads(Math.max(1, threads));
    }

    @Override
    public void close() {
        JniUtils.setNumThreads(previous);
    }
}
