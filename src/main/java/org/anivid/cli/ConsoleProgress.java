package org.anivid.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.anivid.jobs.Job;
import org.anivid.jobs.JobProgress;
import org.anivid.jobs.JobQueue;
import org.anivid.jobs.JobTracker;

/**
 * Runs a job on the calling thread while a daemon thread draws its progress bar on stderr a few times a second.
 * On a terminal the bar redraws in place; otherwise a line is printed every few seconds, so logs stay readable.
 */
final class ConsoleProgress {
    private ConsoleProgress() {
    }

    static <T> T run(String title, Job<T> job, PrintStream err, boolean quiet) throws Exception {
        JobTracker[] tracker = new JobTracker[1];
        boolean terminal = System.console() != null;
        Thread painter = new Thread(() -> {
            long lastLine = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(terminal ? 150 : 500);
                    JobTracker t = tracker[0];
                    if (t == null || quiet) {
                        continue;
                    }
                    String line = render(t.snapshot());
                    if (terminal) {
                        err.print("\r" + line + "\u001b[K");
                        err.flush();
                    } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
                        err.println(line);
                        lastLine = System.nanoTime();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "anivid-console-progress");
        painter.setDaemon(true);
        painter.start();
        try {
            return JobQueue.runNow(title, context -> {
                tracker[0] = (JobTracker) context;
                return job.run(context);
            });
        } finally {
            painter.interrupt();
            painter.join(1000);
            if (terminal && !quiet && tracker[0] != null) {
                err.print("\r" + render(tracker[0].snapshot()) + "\u001b[K\n");
                err.flush();
            }
        }
    }

    static String render(JobProgress p) {
        int width = 30;
        StringBuilder bar = new StringBuilder(p.title()).append(" [");
        if (p.indeterminate()) {
            bar.append("-".repeat(width));
        } else {
            int filled = (int) Math.round(p.fraction() * width);
            bar.append("#".repeat(filled)).append(".".repeat(width - filled));
        }
        bar.append("] ");
        if (!p.indeterminate()) {
            bar.append(String.format("%3.0f%%", p.fraction() * 100));
        }
        p.eta().ifPresent(eta -> bar.append(" ETA ").append(format(eta)));
        if (!p.message().isEmpty()) {
            bar.append("  ").append(p.message());
        }
        return bar.toString();
    }

    static String format(Duration d) {
        return JobProgress.formatDuration(d.toSeconds());
    }
}
