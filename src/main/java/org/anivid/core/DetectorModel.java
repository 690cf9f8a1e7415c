package org.anivid.core;

import java.time.Instant;

/**
 * A face detector fine-tuned on a library's corrected boxes, with the scores that let the animator judge it.
 *
 * @param file            the model file, relative to the library folder
 * @param baseModel       the model it was fine-tuned from (a path)
 * @param comparedWith    the detector the face search used when the fine-tune started (a name or a path): the
 *                        "before" scores are its scores
 * @param trainedFrames   corrected frames it was trained on
 * @param heldOutFrames   corrected frames held out for scoring (0: too few corrections to hold any out)
 * @param heldOutBefore   mAP@0.5 of {@code comparedWith} on the held-out corrected frames (NaN when none)
 * @param heldOutAfter    mAP@0.5 of this model on them (NaN when none)
 * @param generatedBefore mAP@0.5 of {@code comparedWith} on the generated validation pictures
 * @param generatedAfter  mAP@0.5 of this model on them
 */
public record DetectorModel(long id, String file, String baseModel, String comparedWith, int trainedFrames, int heldOutFrames,
                            double heldOutBefore, double heldOutAfter, double generatedBefore, double generatedAfter,
                            State state, Instant createdAt, Instant decidedAt) {
    /** Where the animator's decision stands. */
    public enum State { CANDIDATE, KEPT, DISCARDED }

    /**
     * Whether the new model is at least as good as the detector it would replace: on the held-out corrections when there
     * are any (what the animator asked for), else on the generated pictures.
     */
    public boolean notWorse() {
        return heldOutFrames > 0 ? heldOutAfter >= heldOutBefore : generatedAfter >= generatedBefore;
    }
}
