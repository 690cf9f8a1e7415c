package org.anivid.curate;

/**
 * The thresholds of curation, all applied as arithmetic over stored evidence, so changing one never needs detection
 * to run again.
 *
 * @param confidence face score at or above which a box counts as a face (the paper: 0.60)
 * @param motionThreshold per-frame DVR-Scan score (255 × fraction of moving pixels) at or above which a frame
 *     counts as changing (the paper: 0.35); 0 lets every frame pass
 * @param minSeconds shortest clip; shorter one-face moving runs are rejected {@link RejectReason#TOO_SHORT}
 * @param maxSeconds longest clip; longer runs are split into near-equal parts
 * @param maxGapFrames longest run of frames without the confident face (missed detections) that the track
 *     bridges when the same track's face is present on both sides
 * @param motionWindowSeconds width of the centred window in which motion is judged; anime is drawn on twos or
 *     threes, so the score is 0 on held frames and a single frame says nothing
 * @param minMovingFraction a frame is "moving" when at least this fraction of the frames in its window reach
 *     {@code motionThreshold}; 0.2 passes animation on twos (0.5), threes (0.33) and fours (0.25) and rejects an
 *     isolated flicker (1 frame in a 13-frame window)
 * @param maxPauseSeconds a still stretch shorter than this between two moving stretches of the same face stays in
 *     the clip (a character pausing mid-sentence); longer ones are cut out as {@link RejectReason#LOW_MOTION}
 */
public record CurationRules(float confidence, float motionThreshold, double minSeconds, double maxSeconds,
                            int maxGapFrames, double motionWindowSeconds, float minMovingFraction,
                            double maxPauseSeconds) {

    public static final float DEFAULT_CONFIDENCE = 0.60f;
    public static final float DEFAULT_MOTION_THRESHOLD = 0.35f;
    public static final double DEFAULT_MIN_SECONDS = 1.0;
    /**
     * 10 s: anime shots rarely run longer (the paper's clips average 3.74 s), so nearly every shot stays whole,
     * while one long monologue cannot become one huge clip that dominates training (FOMM samples frame pairs per
     * clip, so a clip's weight does not grow with its length) or makes export and preview slow.
     */
    public static final double DEFAULT_MAX_SECONDS = 10.0;
    /** 2 frames: a missed detection or two, and the frames between detections when faces are found every 3rd frame. */
    public static final int DEFAULT_MAX_GAP_FRAMES = 2;
    public static final double DEFAULT_MOTION_WINDOW_SECONDS = 0.5;
    public static final float DEFAULT_MIN_MOVING_FRACTION = 0.2f;
    public static final double DEFAULT_MAX_PAUSE_SECONDS = 1.0;

    public CurationRules {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        if (!(motionThreshold >= 0) || Float.isInfinite(motionThreshold)) {
            throw new IllegalArgumentException("motion threshold must be a number ≥ 0, got " + motionThreshold);
        }
        if (!(minSeconds >= 0) || Double.isInfinite(minSeconds)) {
            throw new IllegalArgumentException("minimum clip length must be a number of seconds ≥ 0, got " + minSeconds);
        }
        if (!(maxSeconds > 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("maximum clip length must be a number of seconds > 0, got " + maxSeconds);
        }
        if (maxSeconds < minSeconds) {
            throw new IllegalArgumentException("maximum clip length (" + maxSeconds
                    + " s) must not be below the minimum (" + minSeconds + " s)");
        }
        if (maxGapFrames < 0) {
            throw new IllegalArgumentException("max gap must be ≥ 0 frames, got " + maxGapFrames);
        }
        if (!(motionWindowSeconds > 0) || Double.isInfinite(motionWindowSeconds)) {
            throw new IllegalArgumentException("motion window must be a number of seconds > 0, got "
                    + motionWindowSeconds);
        }
        if (!(minMovingFraction > 0 && minMovingFraction <= 1)) {
            throw new IllegalArgumentException("moving fraction must be in (0, 1], got " + minMovingFraction);
        }
        if (!(maxPauseSeconds >= 0) || Double.isInfinite(maxPauseSeconds)) {
            throw new IllegalArgumentException("max pause must be a number of seconds ≥ 0, got " + maxPauseSeconds);
        }
    }

    /** The paper's rules: confidence 0.60, motion 0.35, clips 1–10 s, gaps of up to 2 frames bridged. */
    public static CurationRules defaults() {
        return new CurationRules(DEFAULT_CONFIDENCE, DEFAULT_MOTION_THRESHOLD, DEFAULT_MIN_SECONDS,
                DEFAULT_MAX_SECONDS, DEFAULT_MAX_GAP_FRAMES, DEFAULT_MOTION_WINDOW_SECONDS,
                DEFAULT_MIN_MOVING_FRACTION, DEFAULT_MAX_PAUSE_SECONDS);
    }

    public CurationRules withConfidence(float value) {
        return new CurationRules(value, motionThreshold, minSeconds, maxSeconds, maxGapFrames, motionWindowSeconds,
                minMovingFraction, maxPauseSeconds);
    }

    public CurationRules withMotionThreshold(float value) {
        return new CurationRules(confidence, value, minSeconds, maxSeconds, maxGapFrames, motionWindowSeconds,
                minMovingFraction, maxPauseSeconds);
    }

    /**
     * A new minimum length. Like the thumbs of a range slider, a minimum above the current maximum pushes the
     * maximum up with it, so setting the bounds one at a time works in either order.
     */
    public CurationRules withMinSeconds(double value) {
        double max = value > maxSeconds && Double.isFinite(value) ? value : maxSeconds;
        return new CurationRules(confidence, motionThreshold, value, max, maxGapFrames, motionWindowSeconds,
                minMovingFraction, maxPauseSeconds);
    }

    /** A new maximum length; a maximum below the current minimum pulls the minimum down with it. */
    public CurationRules withMaxSeconds(double value) {
        double min = value < minSeconds && value > 0 ? value : minSeconds;
        return new CurationRules(confidence, motionThreshold, min, value, maxGapFrames, motionWindowSeconds,
                minMovingFraction, maxPauseSeconds);
    }

    /** Both length bounds at once, exactly as given (rejected when {@code max < min}). */
    public CurationRules withLengthBounds(double min, double max) {
        return new CurationRules(confidence, motionThreshold, min, max, maxGapFrames, motionWindowSeconds,
                minMovingFraction, maxPauseSeconds);
    }

    public CurationRules withMaxGapFrames(int value) {
        return new CurationRules(confidence, motionThreshold, minSeconds, maxSeconds, value, motionWindowSeconds,
                minMovingFraction, maxPauseSeconds);
    }

    public CurationRules withMotionWindowSeconds(double value) {
        return new CurationRules(confidence, motionThreshold, minSeconds, maxSeconds, maxGapFrames, value,
                minMovingFraction, maxPauseSeconds);
    }

    public CurationRules withMinMovingFraction(float value) {
        return new CurationRules(confidence, motionThreshold, minSeconds, maxSeconds, maxGapFrames,
                motionWindowSeconds, value, maxPauseSeconds);
    }

    public CurationRules withMaxPauseSeconds(double value) {
        return new CurationRules(confidence, motionThreshold, minSeconds, maxSeconds, maxGapFrames,
                motionWindowSeconds, minMovingFraction, value);
    }

    // ---- the rules in frames at a given frame rate (a run of n frames lasts n / fps seconds) ----

    /** Fewest frames a clip may have: the smallest n with n / fps ≥ minSeconds. */
    int minFrames(double fps) {
        return Math.max(1, (int) Math.ceil(minSeconds * fps - 1e-9));
    }

    /** Most frames a clip may have: the largest n with n / fps ≤ maxSeconds (at least 1). */
    int maxFrames(double fps) {
        return Math.max(1, (int) Math.floor(maxSeconds * fps + 1e-9));
    }

    /** Half-width h of the motion window [f − h, f + h]: the window spans about motionWindowSeconds. */
    int motionHalfWindow(double fps) {
        return Math.max(0, (int) Math.round(motionWindowSeconds * fps) / 2);
    }

    /** Shortest still stretch that cuts a clip: the smallest n with n / fps ≥ maxPauseSeconds. */
    int pauseFrames(double fps) {
        return (int) Math.ceil(maxPauseSeconds * fps - 1e-9);
    }
}
