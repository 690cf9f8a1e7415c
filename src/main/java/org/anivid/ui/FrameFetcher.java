package org.anivid.ui;

import java.nio.file.Path;
import java.util.Objects;
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
 *
 * <p>When the episode has a seek proxy ({@code app.EpisodeCache#proxyFor}), frames are decoded from it instead of
 * the original: same frame count, order and times, smaller pictures and a key frame every few frames, so a random
 * seek on a long-GOP 1080p episode takes milliseconds instead of hundreds (docs/decisions/0009-seek-proxy.md).
 * Results still name the original path; {@link Result#fromProxy()} says which file the picture came from. A proxy
 * that cannot be opened is dropped in favour of the original.
 */
final class FrameFetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FrameFetcher.class);

    /**
     * A decoded frame (or the reason there is none) of the episode at {@code path} (always the original's path);
     * {@code fromProxy} is true when the picture was decoded from the proxy (it is then the proxy's size, e.g.
     * 960×540, so scale overlays by the displayed size, not the picture's).
     */
    record Result(Path path, VideoFrame frame, String error, boolean fromProxy) {
        Result(Path path, VideoFrame frame, String error) {
            this(path, frame, error, false);
        }
    }

    private record Request(Path path, Path proxy, int frame) {
    }

    private final FrameSize size;
    private final Consumer<double[]> timesListener;
    private final Object lock = new Object();
    private Request pending;
    private Path wantedPath;
    private Path wantedProxy;
    private int lastRequested = -1;
    private boolean closed;
    private final AtomicReference<Result> latest = new AtomicReference<>();
    private final Thread thread;

    /**
     * How long the viewer must rest on a proxy picture before the same frame is decoded from the original at full
     * size: scrubbing and playing stay on the fast proxy, a paused picture becomes the real one.
     */
    static final long REFINE_DELAY_MS = 250;

    private final long refineDelayMs;

    FrameFetcher(FrameSize size, Consumer<double[]> timesListener) {
        this(size, timesListener, REFINE_DELAY_MS);
    }

    /** @param refineDelayMs see {@link #REFINE_DELAY_MS}; 0 never replaces a proxy picture */
    FrameFetcher(FrameSize size, Consumer<double[]> timesListener, long refineDelayMs) {
        this.refineDelayMs = refineDelayMs;
        this.size = size;
        this.timesListener = timesListener;
        this.thread = new Thread(this::loop, "anivid-viewer-decoder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Shows an episode decoded from its original file. */
    void open(Path path) {
        open(path, null);
    }

    /**
     * Shows an episode: frames are decoded from {@code proxyOrNull} when given (a seek proxy of the same frame
     * count and order), else from {@code original}. Results name {@code original}.
     */
    void open(Path original, Path proxyOrNull) {
        synchronized (lock) {
            wantedPath = original;
            wantedProxy = proxyOrNull;
            pending = null;
            lastRequested = -1;
            latest.set(null);
        }
    }

    /**
     * Switches the shown episode's decode source without resetting the viewer, e.g. when the proxy build job
     * finishes while the episode is open; the last requested frame is decoded again from the new source. Ignored
     * when {@code original} is not the episode shown.
     */
    void setProxy(Path original, Path proxyOrNull) {
        synchronized (lock) {
            if (wantedPath == null || !wantedPath.equals(original) || Objects.equals(wantedProxy, proxyOrNull)) {
                return;
            }
            wantedProxy = proxyOrNull;
            if (pending == null && lastRequested >= 0) {
                pending = new Request(wantedPath, wantedProxy, lastRequested);
                lock.notifyAll();
            } else if (pending != null) {
                pending = new Request(wantedPath, wantedProxy, pending.frame());
            }
        }
    }

    void request(int frame) {
        synchronized (lock) {
            if (wantedPath != null) {
                pending = new Request(wantedPath, wantedProxy, frame);
                lastRequested = frame;
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
        boolean sourceIsProxy = false;
        Path refusedProxy = null;
        Path refusedFor = null;
        // The original, opened only to replace a proxy picture the viewer rests on.
        FrameSource original = null;
        Request refine = null;
        try {
            while (true) {
                Request r;
                boolean refining = false;
                synchronized (lock) {
                    long until = refine == null || refineDelayMs <= 0 ? 0 : System.nanoTime() + refineDelayMs * 1_000_000;
                    while (pending == null && !closed) {
                        if (until == 0) {
                            lock.wait();
                            continue;
                        }
                        long left = until - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        lock.wait(Math.max(1, left / 1_000_000));
                    }
                    if (closed) {
                        return;
                    }
                    if (pending != null) {
                        r = pending;
                        pending = null;
                    } else {
                        r = refine;
                        refining = true;
                    }
                    refine = null;
                }
                if (refining) {
                    original = refine(r, original);
                    continue;
                }
                try {
                    if (!r.path().equals(refusedFor)) {
                        // A proxy refused for another episode (or an earlier visit) gets a new chance.
                        refusedProxy = null;
                    }
                    Path proxy = r.proxy() != null && !r.proxy().equals(refusedProxy) ? r.proxy() : null;
                    Path wanted = proxy != null ? proxy : r.path();
                    if (!wanted.equals(sourcePath)) {
                        if (source != null) {
                            source.close();
                            source = null;
                        }
                        sourcePath = null;
                        if (proxy != null) {
                            source = openProxy(proxy);
                            if (source == null) {
                                refusedProxy = proxy;
                                refusedFor = r.path();
                                wanted = r.path();
                            }
                        }
                        if (source == null) {
                            source = FrameSource.open(r.path(), size);
                        }
                        sourcePath = wanted;
                        sourceIsProxy = source != null && !wanted.equals(r.path());
                        double[] times = new double[source.frameCount()];
                        for (int i = 0; i < times.length; i++) {
                            times[i] = source.timeOf(i);
                        }
                        timesListener.accept(times);
                    }
                    latest.set(new Result(r.path(), source.frame(r.frame()), null, sourceIsProxy));
                    if (sourceIsProxy) {
                        refine = r;
                    }
                } catch (InvalidInputException | IndexOutOfBoundsException e) {
                    latest.set(new Result(r.path(), null, e.getMessage(), false));
                    if (source != null) {
                        source.close();
                    }
                    source = null;
                    sourcePath = null;
                } catch (RuntimeException e) {
                    log.warn("viewer decode failed", e);
                    latest.set(new Result(r.path(), null, r.path() + ": cannot show frame " + r.frame() + ": " + e,
                            false));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (source != null) {
                source.close();
            }
            if (original != null) {
                original.close();
            }
        }
    }

    /**
     * Decodes the frame the viewer rests on from the original and shows it, unless a new request came meanwhile;
     * returns the original's source (kept open for the next rest on the same episode). A failure keeps the proxy
     * picture.
     */
    private FrameSource refine(Request r, FrameSource original) {
        FrameSource source = original;
        try {
            if (source == null || !r.path().equals(source.info().path())) {
                if (source != null) {
                    source.close();
                }
                source = null;
                source = FrameSource.open(r.path(), size);
            }
            VideoFrame frame = source.frame(r.frame());
            synchronized (lock) {
                if (pending == null && r.path().equals(wantedPath)) {
                    latest.set(new Result(r.path(), frame, null, false));
                }
            }
        } catch (RuntimeException e) {
            log.debug("cannot refine frame {} of {} from the original", r.frame(), r.path(), e);
        }
        return source;
    }

    /**
     * Opens a proxy, or returns null (after a warning) when it cannot be read. Its frame count is not checked
     * against the original here: the builder checks it before moving the proxy into place, and the proxy is keyed
     * by the original's content hash, while indexing the original too would cost the second it saves.
     */
    private FrameSource openProxy(Path proxy) {
        try {
            return FrameSource.open(proxy, size);
        } catch (InvalidInputException e) {
            log.warn("proxy unusable, decoding the original: {}", e.getMessage());
            return null;
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
