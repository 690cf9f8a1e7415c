package org.anivid.core;

/** A face followed through consecutive frames of one shot. */
public record FaceTrack(long id, long episodeId, long shotId, FrameRange range) {
}
