package org.anivid.faces.track;

/**
 * The mark {@link OneFaceRule} puts on a frame. Frames are kept and marked, never dropped: the curation step and the
 * person at the timeline decide what to do with frames that are not {@link #ONE_FACE}.
 *
 * <p>Each flag has a fixed one-byte {@link #code()} for compact storage (not the ordinal, so reordering the constants
 * never changes stored data).
 */
public enum FrameFlag {
    /** No face at all, confident or not. */
    NO_FACE(0, FaceCount.NONE),
    /** Exactly one face at or above the confidence (any others are below it): the frames the paper keeps. */
    ONE_FACE(1, FaceCount.ONE),
    /** Two or more faces at or above the confidence. */
    SEVERAL_FACES(2, FaceCount.SEVERAL),
    /** Faces were found, but none reaches the confidence: worth a look (a face the detector is unsure of). */
    LOW_CONFIDENCE(3, FaceCount.NONE);

    private final byte code;
    private final FaceCount faceCount;

    FrameFlag(int code, FaceCount faceCount) {
        this.code = (byte) code;
        this.faceCount = faceCount;
    }

    public byte code() {
        return code;
    }

    /** The confident faces on a frame with this flag (low-confidence faces do not count). */
    public FaceCount faceCount() {
        return faceCount;
    }

    public static FrameFlag fromCode(byte code) {
        for (FrameFlag flag : values()) {
            if (flag.code == code) {
                return flag;
            }
        }
        throw new IllegalArgumentException("no frame flag has code " + code);
    }
}
