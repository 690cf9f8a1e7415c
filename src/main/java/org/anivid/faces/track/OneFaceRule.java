package org.anivid.faces.track;

import java.util.List;
import org.anivid.core.FrameRange;

/**
 * The paper's frame rule (DESIGN.md §5): a frame is usable when it shows exactly one face detected with a score of at
 * least {@code confidence}. Faces below the confidence do not count (one face at 0.9 beside one at 0.3 is
 * {@link FrameFlag#ONE_FACE}); frames with only such faces are {@link FrameFlag#LOW_CONFIDENCE}. Frames are marked,
 * never dropped.
 *
 * @param confidence the least score of a face that counts, inclusive; the paper's 0.60 by default
 */
public record OneFaceRule(float confidence) {
    public static final float PAPER_CONFIDENCE = 0.60f;

    public OneFaceRule {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }

    /** The rule at the paper's confidence, 0.60. */
    public OneFaceRule() {
        this(PAPER_CONFIDENCE);
    }

    public boolean isConfident(float score) {
        return score >= confidence;
    }

    /** The flag of one frame whose faces have {@code scores}. */
    public FrameFlag classify(float... scores) {
        int confident = 0;
        for (float s : scores) {
            confident += isConfident(s) ? 1 : 0;
        }
        return FaceTally.flagOf(confident, scores.length > confident);
    }

    /** The flag of one frame from its raw detections. */
    public FrameFlag classify(List<Detection> detections) {
        float[] scores = new float[detections.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = detections.get(i).score();
        }
        return classify(scores);
    }

    /** An empty tally over {@code frames}, to be fed tracks (e.g. as a {@link FaceTracker}'s listener) or faces. */
    public FaceTally tally(FrameRange frames) {
        return new FaceTally(this, frames);
    }

    /** Flags for every frame of {@code frames} from the per-frame boxes of {@code tracks}. */
    public FrameFlags classify(FrameRange frames, Iterable<Track> tracks) {
        FaceTally tally = tally(frames);
        for (Track t : tracks) {
            tally.add(t);
        }
        return tally.flags();
    }
}
