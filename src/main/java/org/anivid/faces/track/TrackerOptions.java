package org.anivid.faces.track;

/**
 * How {@link FaceTracker} links detections into tracks.
 *
 * @param minIou a detection continues a track only if it overlaps the track's predicted box by at least this IoU
 * @param minHits matched detections, on consecutive detector runs, before a new track is confirmed; a track that
 *     misses a detector run before that is dropped as a false positive. Tracks with fewer real detections are never
 *     reported, so this is also the minimum length of a track in detections.
 * @param maxMissedDetections detector runs in a row that a confirmed track may miss and still continue (its missed
 *     frames are then bridged by interpolation); one more miss ends it at its last matched detection
 * @param smooth whether boxes are Kalman-smoothed (true) or the raw detections (false); in-between frames are
 *     interpolated linearly either way
 * @param smoothingLag how many later detections inform a smoothed box before it is final; bounds the filter state an
 *     open track holds, however long the shot
 * @param minStartScore a detection that continues no track starts one only from this score (as ByteTrack does):
 *     weak detections may extend a face that is already tracked (a turned head, a fade) but do not open tracks of
 *     their own, which a detector that reports boxes down to a low score would otherwise do on every busy drawing
 */
public record TrackerOptions(float minIou, int minHits, int maxMissedDetections, boolean smooth, int smoothingLag,
                             float minStartScore) {
    /** Score from which an unmatched detection starts a track, by default. */
    public static final float DEFAULT_START_SCORE = 0.25f;

    public TrackerOptions {
        if (!(minStartScore >= 0 && minStartScore <= 1)) {
            throw new IllegalArgumentException("minStartScore must be in [0, 1], got " + minStartScore);
        }
        if (!(minIou > 0 && minIou <= 1)) {
            throw new IllegalArgumentException("minIou must be in (0, 1], got " + minIou);
        }
        if (minHits < 1) {
            throw new IllegalArgumentException("minHits must be at least 1, got " + minHits);
        }
        if (maxMissedDetections < 0) {
            throw new IllegalArgumentException("maxMissedDetections must not be negative, got " + maxMissedDetections);
        }
        if (smoothingLag < 1) {
            throw new IllegalArgumentException("smoothingLag must be at least 1, got " + smoothingLag);
        }
    }

    /**
     * The defaults for a detector that runs on every {@code stride}-th frame: IoU 0.3, two misses bridged, smoothing
     * with a lag of 8 detections, tracks started from score {@link #DEFAULT_START_SCORE}.
     *
     * <p>Confirmation: on dense detection (stride 1 or 2) a second hit costs at most two frames and removes the
     * one-frame false positives a detector produces on busy drawings, so a track needs 2 hits. On sparse detection
     * (stride 3 and more) a second hit would drop every face seen for less than 2 strides (anime shots can be a
     * second long), while a single-detection track covers exactly its own frame (nothing is extrapolated), so a
     * false positive costs one frame at most and the confidence rule ({@link OneFaceRule}) still judges it: 1 hit.
     */
    public static TrackerOptions forStride(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("detector stride must be at least 1, got " + stride);
        }
        return new TrackerOptions(0.3f, stride >= 3 ? 1 : 2, 2, true, 8, DEFAULT_START_SCORE);
    }

    public TrackerOptions withMinIou(float value) {
        return new TrackerOptions(value, minHits, maxMissedDetections, smooth, smoothingLag, minStartScore);
    }

    public TrackerOptions withMinHits(int value) {
        return new TrackerOptions(minIou, value, maxMissedDetections, smooth, smoothingLag, minStartScore);
    }

    public TrackerOptions withMaxMissedDetections(int value) {
        return new TrackerOptions(minIou, minHits, value, smooth, smoothingLag, minStartScore);
    }

    public TrackerOptions withSmoothing(boolean value) {
        return new TrackerOptions(minIou, minHits, maxMissedDetections, value, smoothingLag, minStartScore);
    }

    public TrackerOptions withMinStartScore(float value) {
        return new TrackerOptions(minIou, minHits, maxMissedDetections, smooth, smoothingLag, value);
    }

    public TrackerOptions withSmoothingLag(int value) {
        return new TrackerOptions(minIou, minHits, maxMissedDetections, smooth, value, minStartScore);
    }
}
