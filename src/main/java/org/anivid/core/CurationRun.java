package org.anivid.core;

/**
 * One stretch of a shot as the last automatic curation judged it: {@code proposed} (it became a clip proposal) or
 * {@code rejected} with the reason ("no face", "several faces", "low motion", …) and a human-readable detail.
 * {@code shotId} and {@code trackId} are 0 when unknown.
 */
public record CurationRun(long id, long episodeId, long shotId, long trackId, FrameRange range, boolean proposed,
                          String reason, String detail) {
}
