package org.anivid.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link JobContext} of one job run: the worker writes progress into atomic fields and any observer
 * (the status bar, a console progress bar) polls {@link #snapshot()} at its own pace. No per-frame callbacks
 * cross threads, which keeps the UI thread free however fast the worker reports.
 */
public class JobTracker implements JobContext {
    private final String title;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong(-1);
    private final AtomicReference<String> message = new AtomicReference<>("");
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile long startNanos = System.nanoTime();

    public JobTracker(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Restarts the clock used for elapsed time and ETA (when a queued job actually starts). */
    public void markStarted() {
        startNanos = System.nanoTime();
    }

    @Override
    public void progress(long done, long total) {
        this.total.set(total);
        this.done.set(done);
    }

    @Override
    public void message(String message) {
        this.message.set(message == null ? "" : message);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || Thread.currentThread().isInterrupted();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public JobProgress snapshot() {
        long d = done.get();
        long t = total.get();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        double fraction = t > 0 ? Math.min(1.0, (double) d / t) : -1;
        Optional<Duration> eta = Optional.empty();
        if (fraction > 0.01 && fraction < 1) {
            long remainingNanos = (long) (elapsed.toNanos() * (1 - fraction) / fraction);
            eta = Optional.of(Duration.ofNanos(remainingNanos));
        }
        return new JobProgress(title, fraction, message.get(), d, t, elapsed, eta);
    }
}
