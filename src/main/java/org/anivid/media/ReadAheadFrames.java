package org.anivid.media;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;

/**
 * Sequential frames decoded (and colour-converted) on a producer thread a few frames ahead of the consumer, so
 * the analysis of frame N overlaps the decoding of N+1… — the way the ffmpeg tool runs its decoder and filters
 * on separate threads. For whole-file passes (analysis, benchmarks); use {@link FrameSource} for random access.
 */
public final class ReadAheadFrames implements AutoCloseable {
    private static final VideoFrame END = new VideoFrame(-1, 0, null);
    private static final int DEPTH = 4;

    private final FrameSource source;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread producer;
    private volatile boolean closed;
    private boolean ended;

    private ReadAheadFrames(FrameSource source) {
        this.source = source;
        this.producer = new Thread(this::produce, "anivid-read-ahead");
        producer.setDaemon(true);
        producer.start();
    }

    /** Opens the file (errors surface here, on the caller's thread) and starts decoding ahead. */
    public static ReadAheadFrames open(Path file, FrameSize size) {
        return new ReadAheadFrames(FrameSource.open(file, size));
    }

    public VideoInfo info() {
        return source.info();
    }

    public int frameCount() {
        return source.frameCount();
    }

    public int width() {
        return source.width();
    }

    public int height() {
        return source.height();
    }

    /** The next frame, or null after the last one; rethrows a decoding failure of the producer. */
    public VideoFrame next() {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a frame", e);
        }
        if (item == END) {
            ended = true;
            return null;
        }
        if (item instanceof RuntimeException failure) {
            ended = true;
            throw failure;
        }
        return (VideoFrame) item;
    }

    private void produce() {
        try {
            for (VideoFrame f = source.next(); f != null && !closed; f = source.next()) {
                while (!closed && !queue.offer(f, 50, TimeUnit.MILLISECONDS)) {
                    // Consumer is slower: wait, but notice close().
                }
            }
            put(END);
        } catch (RuntimeException e) {
            put(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // wait for room
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            producer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
