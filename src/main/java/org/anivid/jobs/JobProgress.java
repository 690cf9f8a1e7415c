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
}
