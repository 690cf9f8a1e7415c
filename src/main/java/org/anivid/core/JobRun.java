package org.anivid.core;

import java.time.Instant;

/** A record of one background job in the library, so interrupted work is visible and can be re-run. */
public record JobRun(long id, String kind, String target, JobState state, String message,
                     Instant startedAt, Instant finishedAt, long pid) {
}
