package org.anivid.media;

import org.anivid.core.RgbImage;

/**
 * A {@link FrameCapture} fed by a thread of its own (a camera, a file played in real time): the thread offers every
 * picture to a {@link NewestFrame} slot, {@link #grab()} takes the newest, and pictures nobody took count as dropped.
 * Subclasses start the thread and say how long a grab may wait.
 */
abstract class ThreadedCapture implements FrameCapture {
    protected final NewestFrame slot = new NewestFrame();
    private final String description;
    private final double fps;
    protected volatile boolean closed;
    private long lastSequence = -1;
    private long lastNanos;

    ThreadedCapture(String description, double fps) {
        this.description = description;
        this.fps = fps;
    }

    /** How long {@link #grab()} waits for a picture (0: until one comes or the source ends). */
    abstract long stallNanos();

    /** The failure a wait of {@link #stallNanos()} without a picture means (null when {@code stallNanos} is 0). */
    abstract java.util.function.Supplier<RuntimeException> stalled();

    @Override
    public RgbImage grab() {
        if (closed) {
            return null;
        }
        NewestFrame.Taken taken = slot.take(stallNanos(), stalled());
        if (taken == null || closed) {
            return null;
        }
        lastSequence = taken.sequence();
        lastNanos = taken.captureNanos();
        return taken.image();
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public long lastCaptureNanos() {
        return lastNanos;
    }

    @Override
    public long dropped() {
        return slot.dropped();
    }
}
