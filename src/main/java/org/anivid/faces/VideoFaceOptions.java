package org.anivid.faces;

import org.anivid.faces.track.OneFaceRule;

/**
 * How faces are found in a video: the detector runs on every {@code stride}-th frame of each shot (and on each shot's
 * first and last frame) on frames shrunk to fit {@code detectSide} pixels (0: full size); the tracker fills the frames
 * in between; {@code confidence} is the paper's one-face rule threshold.
 */
public record VideoFaceOptions(int stride, int detectSide, float confidence) {
    public static final int DEFAULT_STRIDE = 3;
    public static final int DEFAULT_DETECT_SIDE = 640;

    public VideoFaceOptions {
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be 1 or more frames, got " + stride);
        }
        if (detectSide < 0) {
            throw new IllegalArgumentException("detection size must be 0 (full size) or more pixels, got " + detectSide);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within [0, 1], got " + confidence);
        }
    }

    public static VideoFaceOptions defaults() {
        return new VideoFaceOptions(DEFAULT_STRIDE, DEFAULT_DETECT_SIDE, OneFaceRule.PAPER_CONFIDENCE);
    }

    public VideoFaceOptions withStride(int k) {
        return new VideoFaceOptions(k, detectSide, confidence);
    }

    public VideoFaceOptions withDetectSide(int side) {
        return new VideoFaceOptions(stride, side, confidence);
    }

    public VideoFaceOptions withConfidence(float c) {
        return new VideoFaceOptions(stride, detectSide, c);
    }
}
