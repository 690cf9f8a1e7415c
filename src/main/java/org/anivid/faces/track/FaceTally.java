package org.anivid.faces.track;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.anivid.core.FrameRange;

/**
 * Counts faces per frame over a range, as tracks close (it is a {@code Consumer<Track>}, so it can listen to a
 * {@link FaceTracker} directly) or from raw detections, then marks every frame by {@link OneFaceRule}. One byte per
 * frame: the confident faces counted up to two, and whether any face below the confidence was seen. Faces on frames
 * outside the range are ignored, so one tally can cover a single shot of a longer track list.
 */
public final class FaceTally implements Consumer<Track> {
    private static final int CONFIDENT_MASK = 0b011;
    private static final int LOW_CONFIDENCE_BIT = 0b100;

    private final OneFaceRule rule;
    private final FrameRange frames;
    private final byte[] counts;

    FaceTally(OneFaceRule rule, FrameRange frames) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.counts = new byte[frames.length()];
    }

    public FrameRange frames() {
        return frames;
    }

    /** One face with {@code score} on {@code frame}. */
    public void add(int frame, float score) {
        if (!frames.contains(frame)) {
            return;
        }
        int i = frame - frames.start();
        int c = counts[i];
        if (rule.isConfident(score)) {
            int confident = Math.min(2, (c & CONFIDENT_MASK) + 1);
            counts[i] = (byte) ((c & ~CONFIDENT_MASK) | confident);
        } else {
            counts[i] = (byte) (c | LOW_CONFIDENCE_BIT);
        }
    }

    /** Every per-frame box of {@code track}, interpolated ones included (at their bridged score). */
    public void add(Track track) {
        for (TrackedBox box : track.boxes()) {
            add(box.frame(), box.score());
        }
    }

    /** The raw detections of one frame, for classifying without tracking. */
    public void add(int frame, List<Detection> detections) {
        for (Detection d : detections) {
            add(frame, d.score());
        }
    }

    @Override
    public void accept(Track track) {
        add(track);
    }

    /** The flags of the faces counted so far. */
    public FrameFlags flags() {
        byte[] codes = new byte[counts.length];
        for (int i = 0; i < counts.length; i++) {
            int c = counts[i];
            codes[i] = flagOf(c & CONFIDENT_MASK, (c & LOW_CONFIDENCE_BIT) != 0).code();
        }
        return FrameFlags.wrap(frames.start(), codes);
    }

    static FrameFlag flagOf(int confident, boolean anyBelow) {
        if (confident >= 2) {
            return FrameFlag.SEVERAL_FACES;
        }
        if (confident == 1) {
            return FrameFlag.ONE_FACE;
        }
        return anyBelow ? FrameFlag.LOW_CONFIDENCE : FrameFlag.NO_FACE;
    }
}
