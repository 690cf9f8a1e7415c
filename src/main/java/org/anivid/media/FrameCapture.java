package org.anivid.media;

import org.anivid.core.RgbImage;

/**
 * A live source of driving pictures: a webcam, or a video file played like one. Live animation must follow the
 * newest picture rather than work through a backlog (a model slower than the camera would lag further and further
 * behind), so {@link #grab()} hands out the newest frame and counts the ones nobody took as {@link #dropped()}.
 * One consumer thread calls {@link #grab()}; {@link #close()} may come from any thread and ends a waiting grab.
 */
public interface FrameCapture extends AutoCloseable {
    /**
     * Waits for a frame newer than the last one returned and returns the newest, dropping older ones that were never
     * taken; null when the source has ended (the end of a file, or after {@link #close()}).
     *
     * @throws CaptureLostException when a camera fails or stops delivering frames mid-session
     */
    RgbImage grab();

    /** The frame rate the source delivers at (the file's rate, or what the camera agreed to). */
    double fps();

    /** What is captured, for messages and labels ({@code "/dev/video0 (Integrated Camera)"}, a file name). */
    String description();

    /** Capture number of the frame the last {@link #grab()} returned, from 0 (a file's frame index); -1 before. */
    long lastSequence();

    /** {@link System#nanoTime()} when the frame the last {@link #grab()} returned was captured (for latency). */
    long lastCaptureNanos();

    /** Frames captured but replaced by a newer one before anybody took them. */
    long dropped();

    @Override
    void close();

    /** A camera that stopped mid-session (unplugged, taken by another program, silent): one readable line. */
    final class CaptureLostException extends RuntimeException {
        public CaptureLostException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
