package org.anivid.curate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.anivid.core.FaceBox;
import org.anivid.core.Shot;

/**
 * The raw per-frame evidence curation judges, as stored: nothing here is pre-thresholded, so the thresholds can
 * change without detecting again.
 *
 * @param frameCount frames of the episode; shots must lie inside {@code [0, frameCount)}
 * @param fps frame rate, to turn the rules' seconds into frames
 * @param shots the episode's shots, half-open and not overlapping (kept sorted by start); frames outside every
 *     shot are ignored
 * @param faces every stored face box of the episode, automatic and manual (a person's keyframes count as faces
 *     with their score), several per frame possible; boxes on frames outside {@code [0, frameCount)} are ignored
 * @param motion per-frame DVR-Scan score; may be shorter than {@code frameCount} (or empty) where motion was not
 *     computed: those frames have no motion data and cannot pass the motion rule
 *     ({@link RejectReason#NO_MOTION_DATA}); scores past {@code frameCount} are ignored. The array is copied in and
 *     out, so the evidence is immutable (and, as for any record with an array, {@code equals} compares the array by
 *     identity).
 */
public record EpisodeEvidence(long episodeId, int frameCount, double fps, List<Shot> shots, List<FaceBox> faces,
                              float[] motion) {
    public EpisodeEvidence {
        if (frameCount < 0) {
            throw new IllegalArgumentException("frame count must be ≥ 0, got " + frameCount);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be a number > 0, got " + fps);
        }
        Objects.requireNonNull(motion, "motion (use an empty array when motion was not computed)");
        List<Shot> sorted = new ArrayList<>(Objects.requireNonNull(shots, "shots"));
        sorted.sort(Comparator.comparingInt((Shot s) -> s.range().start()).thenComparingInt(s -> s.range().end()));
        int previousEnd = 0;
        Shot previous = null;
        for (Shot shot : sorted) {
            Objects.requireNonNull(shot.range(), "shot range");
            if (shot.range().end() > frameCount) {
                throw new IllegalArgumentException("shot " + shot.id() + " [" + shot.range().start() + ", "
                        + shot.range().end() + ") ends past the episode's " + frameCount + " frames");
            }
            if (previous != null && shot.range().start() < previousEnd) {
                throw new IllegalArgumentException("shots " + previous.id() + " and " + shot.id() + " overlap at frame "
                        + shot.range().start());
            }
            previousEnd = Math.max(previousEnd, shot.range().end());
            previous = shot;
        }
        shots = List.copyOf(sorted);
        faces = List.copyOf(Objects.requireNonNull(faces, "faces"));
        motion = motion.clone();
    }

    /** A copy of the per-frame motion scores. */
    @Override
    public float[] motion() {
        return motion.clone();
    }

    /** The motion scores themselves, for the curator's read-only use (no copy on every threshold change). */
    float[] motionScores() {
        return motion;
    }

    /** Frames that have a motion score. */
    public int motionFrames() {
        return Math.min(frameCount, motion.length);
    }
}
