package org.anivid.core;

import java.time.Instant;

/**
 * One manual change, appended to the decision log and never edited: {@code before} and {@code after} are JSON
 * snapshots of what changed, so the log can undo, redo and audit. {@code undone} is a later entry's business:
 * undo appends an entry of kind "undo" that names the entry it reverts.
 */
public record Decision(long id, Instant at, long episodeId, String kind, String target, String before, String after) {
}
