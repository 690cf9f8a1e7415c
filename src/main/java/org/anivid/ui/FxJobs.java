package org.anivid.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobHandle;
import org.anivid.jobs.JobProgress;
import org.anivid.jobs.JobQueue;

/**
 * The one adapter between our {@link Job}s and JavaFX. {@link #asTask} makes a {@link Task} whose progress and
 * message are refreshed by polling the job's tracker (~15 times a second), never by one runLater per unit of
 * work; {@link #whenDone} hands a queued job's result to the FX thread.
 */
public final class FxJobs {
    private FxJobs() {
    }

    /** A JavaFX Task running the job on whatever executor runs the task. */
    public static <T> Task<T> asTask(String title, Job<T> job) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                org.anivid.jobs.JobTracker tracker = new org.anivid.jobs.JobTracker(title);
                Thread poller = new Thread(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            JobProgress p = tracker.snapshot();
                            updateMessage(p.message());
                            if (!p.indeterminate()) {
                                updateProgress(p.fraction(), 1.0);
                            }
                            if (isCancelled()) {
                                tracker.cancel();
                            }
                            Thread.sleep(66);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "anivid-task-progress");
                poller.setDaemon(true);
                poller.start();
                try {
                    return job.run(tracker);
                } finally {
                    poller.interrupt();
                }
            }
        };
    }

    /** Runs {@code onSuccess} or {@code onFailure} on the FX thread once the queued job ends. */
    public static <T> void whenDone(JobHandle<T> handle, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        whenDone(handle, onSuccess, onFailure, Platform::runLater);
    }

    /**
     * Runs {@code onSuccess} or {@code onFailure} through {@code callbacks} once the queued job ends (view-models
     * pass {@code Platform::runLater}; tests without a screen pass a direct executor).
     */
    public static <T> void whenDone(JobHandle<T> handle, Consumer<T> onSuccess, Consumer<Throwable> onFailure,
                                    Executor callbacks) {
        handle.result().whenComplete((value, error) -> callbacks.execute(() -> {
            if (error == null) {
                onSuccess.accept(value);
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                onFailure.accept(cause);
            }
        }));
    }

    /** Convenience for submitting to the heavy-work queue with FX-thread callbacks. */
    public static <T> JobHandle<T> submit(JobQueue queue, String title, Job<T> job, Consumer<T> onSuccess,
                                          Consumer<Throwable> onFailure) {
        JobHandle<T> handle = queue.submit(title, job);
        whenDone(handle, onSuccess, onFailure);
        return handle;
    }

    /** As {@link #submit(JobQueue, String, Job, Consumer, Consumer)}, with the callbacks run by {@code callbacks}. */
    public static <T> JobHandle<T> submit(JobQueue queue, String title, Job<T> job, Consumer<T> onSuccess,
                                          Consumer<Throwable> onFailure, Executor callbacks) {
        JobHandle<T> handle = queue.submit(title, job);
        whenDone(handle, onSuccess, onFailure, callbacks);
        return handle;
    }
}
