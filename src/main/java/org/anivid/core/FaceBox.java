package org.anivid.core;

/**
 * A face on one frame. {@code trackId} is 0 when the box belongs to no track yet; {@code manual} marks boxes a
 * person drew or moved (keyframes), which re-running detection never overwrites.
 */
public record FaceBox(long id, long episodeId, int frame, BoundingBox box, float score, long trackId, boolean manual) {
}
