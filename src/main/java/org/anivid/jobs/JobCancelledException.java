package org.anivid.jobs;

/** Thrown by {@link JobContext#checkCancelled()} to unwind a job that was asked to stop. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("cancelled", null, false, false);
    }
}
