package org.anivid.core;

/** A shot: frames {@code [range.start, range.end)} of one episode; {@code usable} false when a person marked it so. */
public record Shot(long id, long episodeId, FrameRange range, String source, boolean usable) {
}
