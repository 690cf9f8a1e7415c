package org.anivid.shots;

import org.anivid.core.VideoFrame;

/**
 * A shot-boundary detector fed one frame at a time, so that one decode can feed it together with other analyses
 * (the motion scorer). Frames arrive in decode order at analysis size (any size works; frames wider than 512
 * pixels are box-averaged down first). {@link #finish()} returns the cuts: the index of the <b>first frame of
 * each new shot</b> (DESIGN.md §3), in increasing order, never frame 0.
 *
 * <p>Cuts are decided in {@link #finish()}: the anime rules look up to 12 frames ahead and settle neighbouring cuts
 * together, so nothing is final before the end (the per-frame work in {@link #accept} is about 0.15 ms at 320×180;
 * {@code finish} is a few milliseconds per hour of video). Memory: a few numbers per frame.
 *
 * <p>One detector object analyses one video; not thread-safe. Create detectors with {@link ShotDetectors}.
 */
public interface ShotDetector {
    /** The detector's name as the factory knows it ({@code adaptive}, {@code content}, {@code fade}). */
    String name();

    /**
     * The next frame in decode order. The detector keeps references to a few recent pictures (and to the ones
     * around a fade): do not modify a frame's pixels after passing it in (frames from {@code FrameSource} and
     * {@code ReadAheadFrames} are fresh arrays, so sharing them with other analyses is fine).
     *
     * @throws IllegalArgumentException when a frame index is not greater than the previous one
     */
    void accept(VideoFrame frame);

    /** The settings this detector runs with, by option name. */
    java.util.Map<String, Object> parameters();

    /** Frames accepted so far. */
    int framesSeen();

    /**
     * Decides the cuts over every frame accepted so far. Repeatable: it reads the measurements without consuming
     * them, so a caller may ask for the cuts decided so far while frames keep coming (see {@link #SETTLE_FRAMES}).
     */
    ShotResult finish();

    /**
     * Frames after which a cut decided on a prefix of the video no longer changes when more frames arrive: the
     * adaptive window, the held-frame reach and the flash length all look at most this far ahead.
     */
    int SETTLE_FRAMES = 24;
}
