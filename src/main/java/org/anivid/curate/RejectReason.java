package org.anivid.curate;

/**
 * Why a run of frames did not become a clip proposal. The rules are checked in the order of the constants' use:
 * the shot first ({@link #SHOT_NOT_USABLE}), then the faces of each frame ({@link #NO_FACE}, {@link #LOW_CONFIDENCE},
 * {@link #SEVERAL_FACES}), then motion ({@link #NO_MOTION_DATA}, {@link #LOW_MOTION}), then length
 * ({@link #TOO_SHORT}); a run carries the first rule it fails.
 */
public enum RejectReason {
    /** No face box at all on these frames. */
    NO_FACE("no face"),
    /** Two or more faces at or above the confidence threshold (the paper drops such frames). */
    SEVERAL_FACES("several faces"),
    /** Only faces below the confidence threshold. */
    LOW_CONFIDENCE("low confidence"),
    /** One face, but the picture does not move enough (DVR-Scan score under the motion threshold). */
    LOW_MOTION("low motion"),
    /** One moving face, but for less than the minimum clip length. */
    TOO_SHORT("too short"),
    /** A person marked the whole shot as not usable. */
    SHOT_NOT_USABLE("shot not usable"),
    /** One face, but motion was not computed for these frames, so the motion rule cannot pass. */
    NO_MOTION_DATA("no motion data");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    /** The reason in plain words, for people ("no face", "several faces", …). */
    public String label() {
        return label;
    }
}
