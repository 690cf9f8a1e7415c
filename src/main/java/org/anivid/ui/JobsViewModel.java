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

    public JobsViewModel(JobQueue queue) {
        this.queue = queue;
    }

    public void poll() {
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
