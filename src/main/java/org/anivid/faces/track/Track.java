package org.anivid.faces.track;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.anivid.core.FrameRange;

/**
 * A face followed through the frames of one shot: one box per frame of {@code range}, from the track's first matched
 * detection to its last (never predicted past the evidence).
 *
 * <p>{@code range} follows {@link FrameRange}'s half-open convention: it holds the frames
 * {@code firstFrame() .. lastFrame()} inclusive, i.e. {@code [firstFrame, lastFrame + 1)}. {@code boxes} holds
 * exactly one box per frame of the range, in frame order.
 *
 * @param id unique among the tracks of one {@link FaceTracker} run, counting from 1 (0 means "no track" elsewhere)
 */
public record Track(int id, FrameRange range, List<TrackedBox> boxes) {
    public Track {
        Objects.requireNonNull(range, "range");
        boxes = List.copyOf(boxes);
        if (id <= 0) {
            throw new IllegalArgumentException("track id must be positive, got " + id);
        }
        if (boxes.size() != range.length() || boxes.isEmpty()) {
            throw new IllegalArgumentException("track " + id + ": " + boxes.size() + " boxes for frames " + range);
        }
        for (int i = 0; i < boxes.size(); i++) {
            if (boxes.get(i).frame() != range.start() + i) {
                throw new IllegalArgumentException("track " + id + ": box " + i + " is on frame "
                        + boxes.get(i).frame() + ", expected " + (range.start() + i));
            }
        }
        if (!boxes.get(0).detected() || !boxes.get(boxes.size() - 1).detected()) {
            throw new IllegalArgumentException("track " + id + " must start and end on a detection");
        }
    }

    public int firstFrame() {
        return range.start();
    }

    /** The last frame of the track, inclusive. */
    public int lastFrame() {
        return range.end() - 1;
    }

    /** The box on {@code frame}, or empty outside the track. */
    public Optional<TrackedBox> boxAt(int frame) {
        return range.contains(frame) ? Optional.of(boxes.get(frame - range.start())) : Optional.empty();
    }

    /** How many of the boxes are real (matched) detections. */
    public int detectionCount() {
        int n = 0;
        for (TrackedBox b : boxes) {
            n += b.detected() ? 1 : 0;
        }
        return n;
    }

    /**
     * Mean score of the real detections. Interpolated boxes are left out: their scores are derived from these and
     * would only weight the mean by the gaps between detector runs.
     */
    public float meanScore() {
        double sum = 0;
        int n = 0;
        for (TrackedBox b : boxes) {
            if (b.detected()) {
                sum += b.score();
                n++;
            }
        }
        return (float) (sum / n);
    }

    /** Best score of the real detections (interpolated scores never exceed their neighbours'). */
    public float maxScore() {
        float max = 0;
        for (TrackedBox b : boxes) {
            if (b.detected()) {
                max = Math.max(max, b.score());
            }
        }
        return max;
    }
}
