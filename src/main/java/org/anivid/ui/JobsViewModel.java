package org.anivid.ui;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.anivid.core.JobState;
import org.anivid.jobs.JobHandle;
import org.anivid.jobs.JobProgress;
import org.anivid.jobs.JobQueue;

/**
 * The status bar's view of the heavy-work queue. {@link #poll()} copies the queue's atomic progress into
 * properties; the view calls it ~15 times a second from an FX timer, so workers never post to the FX thread.
 */
public final class JobsViewModel {
    private final JobQueue queue;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper queueText = new ReadOnlyStringWrapper("");
    private final javafx.collections.ObservableList<JobRow> rows = javafx.collections.FXCollections.observableArrayList();

    /** One job of the queue as the jobs list shows it: its own progress bar, message and cancel button. */
    public record JobRow(long id, String title, JobState state, double progress, String message) {
        public boolean cancellable() {
            return !state.finished();
        }
    }

    public JobsViewModel(JobQueue queue) {
        this.queue = queue;
    }

    public void poll() {
        pollRows();
        JobHandle<?> running = queue.running();
        long waiting = queue.waiting();
        queueText.set(waiting == 0 ? "" : waiting + " waiting");
        if (running == null) {
            busy.set(false);
            progress.set(0);
            JobHandle<?> last = lastFinished();
            title.set("Ready");
            detail.set(last == null ? "" : describeFinished(last));
            return;
        }
        JobProgress p = running.progress();
        busy.set(true);
        title.set(p.title());
        progress.set(p.indeterminate() ? -1 : p.fraction());
        StringBuilder d = new StringBuilder(p.message());
        p.eta().ifPresent(eta -> d.append(d.length() > 0 ? " · " : "").append("ETA ")
                .append(formatDuration(eta.toSeconds())));
        detail.set(d.toString());
    }

    private JobHandle<?> lastFinished() {
        JobHandle<?> last = null;
        for (JobHandle<?> h : queue.handles()) {
            if (h.state().finished()) {
                last = h;
            }
        }
        return last;
    }

    private static String describeFinished(JobHandle<?> h) {
        return switch (h.state()) {
            case SUCCEEDED -> "Last: " + h.title() + " done";
            case CANCELLED -> "Last: " + h.title() + " cancelled";
            case FAILED -> "Last: " + h.title() + " failed: " + (h.failure() == null ? "" : h.failure().getMessage());
            default -> "";
        };
    }

    /** Copies every job's state into {@link #rows()}, touching the list only when something changed. */
    private void pollRows() {
        java.util.List<JobRow> now = new java.util.ArrayList<>();
        for (JobHandle<?> h : queue.handles()) {
            JobProgress p = h.progress();
            double fraction = switch (h.state()) {
                case SUCCEEDED -> 1;
                case QUEUED -> 0;
                default -> p.indeterminate() ? -1 : p.fraction();
            };
            String message = switch (h.state()) {
                case QUEUED -> "waiting";
                case SUCCEEDED -> "done";
                case CANCELLED -> "cancelled";
                case FAILED -> "failed: " + (h.failure() == null ? "" : h.failure().getMessage());
                default -> p.message();
            };
            now.add(new JobRow(h.id(), h.title(), h.state(), fraction, message));
        }
        // Newest first, and only the last few finished ones: the list is about what runs and waits.
        java.util.Collections.reverse(now);
        java.util.List<JobRow> shown = new java.util.ArrayList<>();
        int finished = 0;
        for (JobRow r : now) {
            if (!r.state().finished() || finished++ < 8) {
                shown.add(r);
            }
        }
        if (!shown.equals(rows)) {
            rows.setAll(shown);
        }
    }

    /** Every job still running or waiting, and the last finished ones, newest first. */
    public javafx.collections.ObservableList<JobRow> rows() {
        return rows;
    }

    /** Cancels one job, running or waiting. */
    public void cancel(long jobId) {
        for (JobHandle<?> h : queue.handles()) {
            if (h.id() == jobId && !h.state().finished()) {
                h.cancel();
            }
        }
    }

    /** Cancels the running job. */
    public void cancelRunning() {
        JobHandle<?> running = queue.running();
        if (running != null && running.state() == JobState.RUNNING) {
            running.cancel();
        }
    }

    static String formatDuration(long seconds) {
        return JobProgress.formatDuration(seconds);
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueTextProperty() {
        return queueText.getReadOnlyProperty();
    }
}
