package org.anivid.jobs;

/**
 * A long piece of work that reports progress and can be cancelled. Implementations call
 * {@link JobContext#checkCancelled()} between units of work (a frame, a file) and report through the context;
 * they never touch UI classes. The same job runs on the calling thread in tests and the command line, and in
 * the {@link JobQueue} in the studio.
 */
@FunctionalInterface
public interface Job<T> {
    T run(JobContext context) throws Exception;
}
