package org.anivid.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.anivid.core.JobState;

/** A job submitted to a {@link JobQueue}: its progress, its state and its eventual result. */
public final class JobHandle<T> {
    private final long id;
    private final JobTracker tracker;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicReference<JobState> state = new AtomicReference<>(JobState.QUEUED);
    private volatile Throwable failure;

    JobHandle(long id, String title) {
        this.id = id;
        this.tracker = new JobTracker(title);
    }

    public long id() {
        return id;
    }

    public String title() {
        return tracker.title();
    }

    public JobTracker tracker() {
        return tracker;
    }

    public JobProgress progress() {
        return tracker.snapshot();
    }

    public JobState state() {
        return state.get();
    }

    void state(JobState s) {
        state.set(s);
    }

    /** The failure of a FAILED job, else null. */
    public Throwable failure() {
        return failure;
    }

    void fail(Throwable t) {
        failure = t;
        state.set(JobState.FAILED);
        result.completeExceptionally(t);
    }

    CompletableFuture<T> completion() {
        return result;
    }

    /** Completes with the job's result, exceptionally on failure or cancellation. */
    public CompletableFuture<T> result() {
        return result.copy();
    }

    /** Asks the job to stop; a queued job never starts. */
    public void cancel() {
        tracker.cancel();
    }
}
