package org.anivid.core;

import java.time.Instant;

/**
 * One manual change, appended to the decision log and never edited: {@code before} and {@code after} are JSON
 * snapshots of what changed, so the log can undo, redo and audit. Undo never edits an entry: it appends one whose
 * {@code revertsId} names the entry it reverts (0 for an ordinary change).
 */
public record Decision(long id, Instant at, long episodeId, String kind, String target, String before, String after,
                       long revertsId) {
}
