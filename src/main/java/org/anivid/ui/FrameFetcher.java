package org.anivid.ui;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoFrame;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the viewer's frames on its own thread, newest request wins: while the user scrubs, intermediate
 * requests are dropped instead of queuing up. The frame source lives and dies on this thread (it is not
 * thread-safe). Interactive decoding stays out of the heavy-work queue so that scrubbing never waits behind a
 * long analysis job.
 */
final class FrameFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameFetcher.class);

    record Result(Path path, VideoFrame frame, String error) {
    }

    private record Request(Path path, int frame) {
    }

    private final FrameSize size;
    private final Consumer<double[]> timesListener;
    private final Object lock = new Object();
    private Request pending;
    private Path wantedPath;
    private boolean closed;
    private final AtomicReference<Result> latest = new AtomicReference<>();
    private final Thread thread;

    FrameFetcher(FrameSize size, Consumer<double[]> timesListener) {
        this.size = size;
        this.timesListener = timesListener;
        this.thread = new Thread(this::loop, "anivid-viewer-decoder");
        thread.setDaemon(true);
        thread.start();
    }

    void open(Path path) {
        synchronized (lock) {
            wantedPath = path;
            pending = null;
            latest.set(null);
        }
    }

    void request(int frame) {
        synchronized (lock) {
            if (wantedPath != null) {
                pending = new Request(wantedPath, frame);
                lock.notifyAll();
            }
        }
    }

    /** The newest decoded frame since the last poll, or null. */
    Result poll() {
        return latest.getAndSet(null);
    }

    private void loop() {
        FrameSource source = null;
        Path sourcePath = null;
        try {
            while (true) {
                Request r;
                synchronized (lock) {
                    while (pending == null && !closed) {
                        lock.wait();
                    }
                    if (closed) {
                        return;
                    }
                    r = pending;
                    pending = null;
                }
                try {
                    if (!r.path().equals(sourcePath)) {
                        if (source != null) {
                            source.close();
                            source = null;
                        }
                        sourcePath = r.path();
                        source = FrameSource.open(r.path(), size);
                        double[] times = new double[source.frameCount()];
                        for (int i = 0; i < times.length; i++) {
                            times[i] = source.timeOf(i);
                        }
                        timesListener.accept(times);
                    }
                    latest.set(new Result(r.path(), source.frame(r.frame()), null));
                } catch (InvalidInputException | IndexOutOfBoundsException e) {
                    latest.set(new Result(r.path(), null, e.getMessage()));
                    if (source != null) {
                        source.close();
                    }
                    source = null;
                    sourcePath = null;
                } catch (RuntimeException e) {
                    log.warn("viewer decode failed", e);
                    latest.set(new Result(r.path(), null, r.path() + ": cannot show frame " + r.frame() + ": " + e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
