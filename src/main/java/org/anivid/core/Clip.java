package org.anivid.core;

/** A clip proposal or decision: a frame range of one episode with its status and the reason for it. */
public record Clip(long id, long episodeId, long shotId, long trackId, FrameRange range, ClipStatus status, String reason) {
}
