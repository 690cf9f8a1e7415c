package org.anivid.media;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;

/**
 * Sequential frames for whole-file passes (analysis, benchmarks), decoded on one thread and colour-converted
 * on another, a few frames ahead of the consumer — the ffmpeg tool's own layout (decoder and filters on
 * separate threads). The analysis of frame N, the conversion of N+1 and the decoding of N+2… overlap. Use
 * {@link FrameSource} for random access.
 */
public final class ReadAheadFrames implements AutoCloseable {
    private static final Object END = new Object();
    private static final int DEPTH = 4;

    private final FrameSource source;
    private final BlockingQueue<Object> raw = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<Object> converted = new ArrayBlockingQueue<>(DEPTH);
    private final Thread decoder;
    private final Thread converter;
    private volatile boolean closed;
    private boolean ended;

    private ReadAheadFrames(FrameSource source) {
        this.source = source;
        this.decoder = new Thread(this::decode, "anivid-decode");
        this.converter = new Thread(this::convert, "anivid-convert");
        decoder.setDaemon(true);
        converter.setDaemon(true);
        decoder.start();
        converter.start();
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

    /** See {@link FrameSource#maxKeyframeDistance()}. */
    public int maxKeyframeDistance() {
        return source.maxKeyframeDistance();
    }

    public int width() {
        return source.width();
    }

    public int height() {
        return source.height();
    }

    /** Presentation time of a frame, in seconds from the first frame. */
    public double timeOf(int frame) {
        return source.timeOf(frame);
    }

    /** The next frame, or null after the last one; rethrows a decoding failure. */
    public VideoFrame next() {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = converted.take();
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

    private void decode() {
        try {
            for (FrameSource.RawFrame f = source.nextRaw(); f != null; f = source.nextRaw()) {
                if (!put(raw, f)) {
                    FrameSource.release(f);
                    return;
                }
            }
            put(raw, END);
        } catch (RuntimeException e) {
            put(raw, e);
        }
    }

    private void convert() {
        try (RgbConverter rgb = new RgbConverter(source.file())) {
            while (!closed) {
                Object item = raw.poll(50, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                if (item instanceof FrameSource.RawFrame f) {
                    Object out;
                    try {
                        out = source.convert(f, rgb);
                    } catch (RuntimeException e) {
                        out = e;
                    }
                    if (!put(converted, out) || out instanceof RuntimeException) {
                        return;
                    }
                } else {
                    put(converted, item);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Blocks until there is room, unless closed; false when closed. */
    private boolean put(BlockingQueue<Object> queue, Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        // The decoder thread may be inside FFmpeg: freeing the source under it crashes the JVM. So wait for both
        // threads even when this thread is interrupted (a cancelled job on a queue that shuts down), and if one
        // is stuck, leak the source rather than free it under a running decoder.
        boolean interrupted = false;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (Thread t : new Thread[] {decoder, converter}) {
            while (t.isAlive() && System.nanoTime() < deadline) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (decoder.isAlive() || converter.isAlive()) {
            org.slf4j.LoggerFactory.getLogger(ReadAheadFrames.class).warn(
                    "decoder threads did not stop in 30 s; leaving the video open rather than freeing it under them");
            return;
        }
        for (Object item : raw) {
            if (item instanceof FrameSource.RawFrame f) {
                FrameSource.release(f);
            }
        }
        raw.clear();
        converted.clear();
        source.close();
    }
}
