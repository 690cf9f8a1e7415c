package org.anivid.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.anivid.core.InvalidInputException;
import org.anivid.core.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one queue for heavy work (decode, inference, training): jobs run one at a time, in order, on a single
 * worker thread, so two heavy jobs never fight for the machine's cores. The queue keeps recent handles so the
 * studio can show what ran, what runs and what waits.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final int KEEP_FINISHED = 20;

    private final ExecutorService worker;
    private final AtomicLong ids = new AtomicLong();
    private final List<JobHandle<?>> handles = new CopyOnWriteArrayList<>();

    public JobQueue() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "anivid-heavy-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    public <T> JobHandle<T> submit(String title, Job<T> job) {
        JobHandle<T> handle = new JobHandle<>(ids.incrementAndGet(), title);
        handles.add(handle);
        trim();
        worker.execute(() -> runHere(handle, job));
        return handle;
    }

    /** Runs a job on the calling thread, with the same bookkeeping as the queue (tests and the CLI use this). */
    public static <T> T runNow(String title, Job<T> job) throws Exception {
        JobHandle<T> handle = new JobHandle<>(0, title);
        runHere(handle, job);
        try {
            return handle.completion().join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    private static <T> void runHere(JobHandle<T> handle, Job<T> job) {
        JobTracker tracker = handle.tracker();
        if (tracker.isCancelled()) {
            handle.state(JobState.CANCELLED);
            handle.completion().completeExceptionally(new JobCancelledException());
            return;
        }
        handle.state(JobState.RUNNING);
        tracker.markStarted();
        try {
            T value = job.run(tracker);
            handle.state(JobState.SUCCEEDED);
            handle.completion().complete(value);
        } catch (JobCancelledException e) {
            handle.state(JobState.CANCELLED);
            handle.completion().completeExceptionally(e);
        } catch (Throwable t) {
            if (t instanceof InvalidInputException || !(t instanceof RuntimeException)) {
                log.info("job '{}' failed: {}", handle.title(), t.getMessage());
            } else {
                log.warn("job '{}' failed", handle.title(), t);
            }
            handle.fail(t);
        }
    }

    /** Newest last: finished jobs (up to a few), the running one and the waiting ones. */
    public List<JobHandle<?>> handles() {
        return List.copyOf(handles);
    }

    /** The running job, or null. */
    public JobHandle<?> running() {
        for (JobHandle<?> h : handles) {
            if (h.state() == JobState.RUNNING) {
                return h;
            }
        }
        return null;
    }

    public long waiting() {
        return handles.stream().filter(h -> h.state() == JobState.QUEUED).count();
    }

    private void trim() {
        List<JobHandle<?>> finished = new ArrayList<>();
        for (JobHandle<?> h : handles) {
            if (h.state().finished()) {
                finished.add(h);
            }
        }
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) {
            handles.remove(finished.get(i));
        }
    }

    @Override
    public void close() {
        handles.forEach(JobHandle::cancel);
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
