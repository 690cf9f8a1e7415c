package org.anivid.shots;

import org.anivid.core.VideoFrame;

/**
 * A shot-boundary detector fed one frame at a time, so that one decode can feed it together with other analyses
 * (the motion scorer). Frames arrive in decode order at analysis size (any size works; frames wider than 512
 * pixels are box-averaged down first). {@link #finish()} returns the cuts: the index of the <b>first frame of
 * each new shot</b> (DESIGN.md §3), in increasing order, never frame 0.
 *
 * <p>Cuts are decided in {@link #finish()} (or {@link #cuts()}), which may be called again while frames keep coming;
 * a cut is settled {@link #SETTLE_FRAMES} frames after it. The per-frame work in {@link #accept} is about 0.15 ms at
 * 320×180. Memory: a few numbers per frame.
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
     * The cuts decided on the frames accepted so far, as {@code finish().cuts()} but without copying the per-frame
     * scores: what to call every few frames while frames keep coming. Its cost grows with the number of jumps and
     * fades seen, not with the number of frames.
     */
    default java.util.List<Integer> cuts() {
        return finish().cuts();
    }

    /**
     * Frames after which a cut decided on a prefix of the video no longer changes when more frames arrive: the
     * adaptive window and the held-frame reach look 12 frames ahead, the flash rule 3 more, and a cut within reach
     * of another is decided with it (one more window), hence 32. Not a hard bound for two cases, where
     * {@link #finish()} at the end is authoritative: a chain of three or more cuts each within 12 frames of the
     * next, and a fade-in slower than 32 frames, whose cut is reported once the picture is a third of the way back.
     */
    int SETTLE_FRAMES = 32;
}
