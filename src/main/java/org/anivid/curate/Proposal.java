package org.anivid.curate;

import java.util.Objects;
import org.anivid.core.FrameRange;

/**
 * A clip proposal: frames of one shot that follow one face track ({@code trackId} 0 when the boxes belong to no
 * track). {@code meanFaceScore} is the mean detector score over the frames where the face was found (frames
 * bridged over a missed detection do not count); {@code meanMotion} the mean DVR-Scan score;
 * {@code motionFraction} the fraction of frames whose score reaches the motion threshold (about 0.5 for a face
 * talking on twos); {@code why} the one-line reason stored with the clip, e.g.
 * "one face (track 12, mean score 0.94) moving in 50% of frames, 2.4 s".
 */
public record Proposal(long shotId, long trackId, FrameRange range, float meanFaceScore, float meanMotion,
                       float motionFraction, String why) {
    public Proposal {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(why, "why");
    }
}
