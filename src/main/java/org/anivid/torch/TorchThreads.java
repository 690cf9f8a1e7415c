package org.anivid.torch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Limits libtorch's intra-op threads for a stretch of work. A video pass decodes on FFmpeg's threads while the network
 * runs; on 2 cores libtorch's OpenMP threads then spin against the decoder. Measured on the 480-frame demo scaled to
 * 1080p: one thread 7.1 s against 7.9 s with two on an idle machine, and 8.5 s against 27 s while other work ran (on
 * the small 640×360 demo two threads are ~12 % faster when idle). One thread is the robust choice; the setting is
 * process-wide, which is fine because heavy jobs run one at a time on the job queue.
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
