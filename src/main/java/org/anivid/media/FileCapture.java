package org.anivid.media;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video file as a {@link FrameCapture}. {@link #realTime} plays it at its own speed on a thread of its own, so a
 * consumer slower than the video misses frames exactly as it would miss a camera's (a stand-in for a webcam, and the
 * live preview of a driving video); {@link #everyFrame} decodes each frame when asked and drops none (deterministic:
 * tests, and rendering a driving video frame by frame).
 */
public final class FileCapture {
    private static final Logger log = LoggerFactory.getLogger(FileCapture.class);

    private FileCapture() {
    }

    /**
     * Plays {@code file} in real time from its first frame.
     *
     * @throws org.anivid.core.InvalidInputException when the file is missing or not a playable video
     */
    public static FrameCapture realTime(Path file, FrameSize size) {
        return new RealTime(FrameSource.open(file, size), file);
    }

    /** Delivers every frame of {@code file}, one per {@link FrameCapture#grab()}, as fast as they are asked for. */
    public static FrameCapture everyFrame(Path file, FrameSize size) {
        return new EveryFrame(FrameSource.open(file, size), file);
    }

    private static final class RealTime extends ThreadedCapture {
        private final Thread player;

        RealTime(FrameSource source, Path file) {
            super(file.getFileName().toString(), source.info().fps());
            player = new Thread(() -> play(source), "anivid-file-capture");
            player.setDaemon(true);
            player.start();
        }

        /** Decodes ahead of the clock and hands each frame over at its presentation time. */
        private void play(FrameSource source) {
            try (source) {
                long start = -1;
                VideoFrame frame;
                while (!closed && (frame = source.next()) != null) {
                    if (start < 0) {
                        start = System.nanoTime() - Math.round(frame.timeSeconds() * 1e9);
                    }
                    long due = start + Math.round(frame.timeSeconds() * 1e9);
                    long wait;
                    while (!closed && (wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!closed) {
                        slot.offer(frame.image(), frame.index(), System.nanoTime());
                    }
                }
                slot.end();
            } catch (RuntimeException e) {
                log.warn("playing {} failed: {}", description(), e.getMessage());
                slot.fail(new CaptureLostException(description() + ": playback failed: " + e.getMessage(), e));
            }
        }

        @Override
        long stallNanos() {
            return 0;
        }

        @Override
        java.util.function.Supplier<RuntimeException> stalled() {
            return null;
        }

        @Override
        public void close() {
            closed = true;
            slot.end();
            LockSupport.unpark(player);
            try {
                player.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class EveryFrame implements FrameCapture {
        private final FrameSource source;
        private final double fps;
        private final String description;
        private boolean closed;
        private long lastSequence = -1;
        private long lastNanos;

        EveryFrame(FrameSource source, Path file) {
            this.source = source;
            this.fps = source.info().fps();
            this.description = file.getFileName().toString();
        }

        /** Synchronized with {@link #close()}: the decoder is never closed under a running decode. */
        @Override
        public synchronized RgbImage grab() {
            if (closed) {
                return null;
            }
            VideoFrame frame = source.next();
            if (frame == null) {
                return null;
            }
            lastSequence = frame.index();
            lastNanos = System.nanoTime();
            return frame.image();
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
        public synchronized long lastSequence() {
            return lastSequence;
        }

        @Override
        public synchronized long lastCaptureNanos() {
            return lastNanos;
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                source.close();
            }
        }
    }
}
