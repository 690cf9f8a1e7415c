package org.anivid.media;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.anivid.core.RgbImage;

/**
 * The one-frame hand-over between a capture thread and the consumer: the producer overwrites, the consumer takes the
 * newest, and every overwritten frame that was never taken counts as dropped. This is what makes a slow model follow
 * the camera instead of a growing queue.
 */
final class NewestFrame {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private RgbImage image;
    private long sequence = -1;
    private long captureNanos;
    private long taken = -1;
    private long dropped;
    private boolean ended;
    private RuntimeException failure;

    /** The producer's newest frame; the pending one, if not taken yet, is dropped. */
    void offer(RgbImage next, long seq, long nanos) {
        lock.lock();
        try {
            if (image != null && sequence > taken) {
                dropped++;
            }
            image = next;
            sequence = seq;
            captureNanos = nanos;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No more frames; a frame still pending is delivered first. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The source failed: the consumer's next wait throws {@code failure} (after a pending frame). */
    void fail(RuntimeException error) {
        lock.lock();
        try {
            failure = error;
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What one take returned: the picture, its capture number and capture time. */
    record Taken(RgbImage image, long sequence, long captureNanos) {
    }

    /**
     * Waits for a frame newer than the last taken; null at the end.
     *
     * @param stallNanos how long a live source may stay silent before the wait fails (0: forever)
     * @param stall the failure to throw after {@code stallNanos} without a frame
     */
    Taken take(long stallNanos, java.util.function.Supplier<RuntimeException> stall) {
        lock.lock();
        try {
            long left = stallNanos;
            while (sequence <= taken && !ended) {
                if (stallNanos > 0) {
                    if (left <= 0) {
                        throw stall.get();
                    }
                    left = changed.awaitNanos(left);
                } else {
                    changed.await(1, TimeUnit.SECONDS);
                }
            }
            if (sequence > taken) {
                taken = sequence;
                return new Taken(image, sequence, captureNanos);
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
