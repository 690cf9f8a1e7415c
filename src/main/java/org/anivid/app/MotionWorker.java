package org.anivid.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.anivid.core.VideoFrame;
import org.anivid.motion.CameraShift;
import org.anivid.motion.CameraShiftEstimator;
import org.anivid.motion.MotionResult;
import org.anivid.motion.MotionScorer;

/**
 * Runs a {@link MotionScorer} on a thread of its own, so that motion scoring (the heaviest analysis) overlaps
 * shot detection, colour conversion and decoding. Frames and cuts go through one queue, in order, so the scorer
 * sees exactly the sequence it would see on the caller's thread; the scorer never leaves the worker thread.
 *
 * <p>With camera-motion compensation the work is split over two threads: a {@link CameraShiftEstimator} measures
 * each frame's camera shift (phase correlation) and hands the frame on to the scorer thread, which runs the
 * background model. The scores are the same as with one thread (the estimator makes the scorer's own measurement);
 * the split only shortens the longest thread of the analysis, which sets its pace on two cores.
 */
final class MotionWorker implements AutoCloseable {
    private static final Object FINISH = new Object();

    private record Cut(int frame) {
    }

    private record Measured(VideoFrame frame, CameraShift shift) {
    }

    private final MotionScorer scorer;
    private final CameraShiftEstimator estimator;
    /** Into the first stage: the estimator's when there is one, else the scorer's. */
    private final BlockingQueue<Object> input = new ArrayBlockingQueue<>(16);
    private final BlockingQueue<Object> toScorer;
    private final List<Thread> threads = new ArrayList<>();
    private volatile MotionResult result;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    MotionWorker(MotionScorer scorer) {
        this.scorer = scorer;
        if (scorer.options().compensateCameraMotion()) {
            this.estimator = new CameraShiftEstimator(scorer.options());
            this.toScorer = new ArrayBlockingQueue<>(16);
            start("anivid-camera", this::runEstimator);
        } else {
            this.estimator = null;
            this.toScorer = input;
        }
        start("anivid-motion", this::runScorer);
    }

    private void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    void accept(VideoFrame frame) {
        put(input, frame);
    }

    void cut(int firstFrameOfShot) {
        put(input, new Cut(firstFrameOfShot));
    }

    /** Waits for the frames sent so far and returns the scorer's result. */
    MotionResult finish() {
        put(input, FINISH);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing motion scoring", e);
        }
        rethrow();
        return result;
    }

    private void put(BlockingQueue<Object> queue, Object item) {
        rethrow();
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (closed) {
                    return;
                }
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

    /** The next item of {@code queue}, or null once the worker is closed or has failed. */
    private Object take(BlockingQueue<Object> queue) throws InterruptedException {
        while (!closed && failure == null) {
            Object item = queue.poll(50, TimeUnit.MILLISECONDS);
            if (item != null) {
                return item;
            }
        }
        return null;
    }

    private void runEstimator() {
        try {
            for (Object item = take(input); item != null; item = take(input)) {
                if (item instanceof VideoFrame f) {
                    put(toScorer, new Measured(f, estimator.estimate(f)));
                } else {
                    put(toScorer, item);
                }
                if (item == FINISH) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runScorer() {
        try {
            for (Object item = take(toScorer); item != null; item = take(toScorer)) {
                if (item == FINISH) {
                    result = scorer.finish();
                    return;
                }
                if (item instanceof Cut c) {
                    scorer.cut(c.frame());
                } else if (item instanceof Measured m) {
                    scorer.accept(m.frame(), m.shift());
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
            for (Thread t : threads) {
                t.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (estimator != null) {
            estimator.close();
        }
        scorer.close();
    }
}
