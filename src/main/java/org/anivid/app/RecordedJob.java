package org.anivid.app;

import org.anivid.core.InvalidInputException;
import org.anivid.core.JobState;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;

/**
 * Wraps a job so that its run is recorded in the library's {@code job_runs}: running while it runs, then
 * succeeded, failed (with the one-line reason) or cancelled. A run that never finishes because the process died
 * is found still "running" by the next {@link Library#open} and marked interrupted, so it can be re-run.
 */
public final class RecordedJob<T> implements Job<T> {
    private final Library library;
    private final String kind;
    private final String target;
    private final Job<T> job;

    public RecordedJob(Library library, String kind, String target, Job<T> job) {
        this.library = library;
        this.kind = kind;
        this.target = target;
        this.job = job;
    }

    @Override
    public T run(JobContext context) throws Exception {
        long id = library.jobRuns().start(kind, target);
        try {
            T result = job.run(context);
            library.jobRuns().finish(id, JobState.SUCCEEDED, summary(result));
            return result;
        } catch (JobCancelledException e) {
            library.jobRuns().finish(id, JobState.CANCELLED, "cancelled");
            throw e;
        } catch (InvalidInputException e) {
            library.jobRuns().finish(id, JobState.FAILED, e.getMessage());
            throw e;
        } catch (Exception | Error e) {
            library.jobRuns().finish(id, JobState.FAILED, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            throw e;
        }
    }

    private static String summary(Object result) {
        String s = String.valueOf(result);
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
