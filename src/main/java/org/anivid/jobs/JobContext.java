package org.anivid.jobs;

/** What a running job sees of its runner: where to report progress and whether it should stop. */
public interface JobContext {
    /** Reports that {@code done} of {@code total} units are finished. Cheap: call it per frame if you like. */
    void progress(long done, long total);

    /** A short human-readable line about what the job is doing now. */
    void message(String message);

    boolean isCancelled();

    /** @throws JobCancelledException when cancellation was requested */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException();
        }
    }

    /** A context that reports nowhere and is never cancelled. */
    static JobContext silent() {
        return new JobTracker("job");
    }
}
