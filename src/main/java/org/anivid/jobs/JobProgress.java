package org.anivid.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a job's progress, safe to read from any thread. {@code fraction} is in [0, 1] or negative
 * while the total is unknown.
 */
public record JobProgress(String title, double fraction, String message, long done, long total,
                          Duration elapsed, Optional<Duration> eta) {

    public boolean indeterminate() {
        return fraction < 0;
    }

    /** {@code m:ss} or {@code h:mm:ss}, as progress bars show elapsed time and ETA. */
    public static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
