package org.anivid.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.anivid.core.VideoFrame;
import org.anivid.motion.MotionResult;
import org.anivid.motion.MotionScorer;

/**
 * Runs a {@link MotionScorer} on a thread of its own, so that motion scoring (the heaviest analysis) overlaps
 * shot detection, colour conversion and decoding. Frames and cuts go through one queue, in order, so the scorer
 * sees exactly the sequence it would see on the caller's thread; the scorer never leaves the worker thread.
 */
final class MotionWorker implements AutoCloseable {
    private static final Object FINISH = new Object();

    private record Cut(int frame) {
    }

    private final MotionScorer scorer;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile MotionResult result;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    MotionWorker(MotionScorer scorer) {
        this.scorer = scorer;
        this.thread = new Thread(this::run, "anivid-motion");
        thread.setDaemon(true);
        thread.start();
    }

    void accept(VideoFrame frame) {
        put(frame);
    }

    void cut(int firstFrameOfShot) {
        put(new Cut(firstFrameOfShot));
    }

    /** Waits for the frames sent so far and returns the scorer's result. */
    MotionResult finish() {
        put(FINISH);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing motion scoring", e);
        }
        rethrow();
        return result;
    }

    private void put(Object item) {
        rethrow();
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a frame for motion scoring", e);
        }
    }

    private void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        try {
            while (!closed) {
                Object item = queue.poll(50, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                if (item == FINISH) {
                    result = scorer.finish();
                    return;
                }
                if (item instanceof Cut c) {
                    scorer.cut(c.frame());
                } else {
                    scorer.accept((VideoFrame) item);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scorer.close();
    }
}
