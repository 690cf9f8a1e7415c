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

    /**
     * This context seen as one phase of a longer job: the phase's progress fills the share {@code [from, to]} of the
     * whole (fractions of 1), so a job of several phases reports one bar that only moves forward.
     */
    default JobContext phase(double from, double to) {
        if (!(from >= 0 && from <= to && to <= 1)) {
            throw new IllegalArgumentException("a phase is a share [from, to] of [0, 1], got [" + from + ", " + to + "]");
        }
        JobContext whole = this;
        long scale = 10_000;
        return new JobContext() {
            @Override
            public void progress(long done, long total) {
                double f = total <= 0 ? 0 : Math.min(1, Math.max(0, (double) done / total));
                whole.progress(Math.round(scale * (from + (to - from) * f)), scale);
            }

            @Override
            public void message(String message) {
                whole.message(message);
            }

            @Override
            public boolean isCancelled() {
                return whole.isCancelled();
            }
        };
    }

    /** A context that reports nowhere and is never cancelled. */
    static JobContext silent() {
        return new JobTracker("job");
    }
}
