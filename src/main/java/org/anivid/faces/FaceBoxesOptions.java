package org.anivid.faces;

/**
 * Post-processing of FaceBoxes, defaults as in the anime model's upstream evaluation script: keep scores above
 * 0.05, at most 5000 boxes into NMS at IoU 0.3, 750 out; then move each box's top edge down by 20 % of its height
 * (the anime training labels included the hair; the trimmed box is the face). {@code maxSide} &gt; 0 shrinks
 * larger pictures before the network (faster, misses the smallest faces); 0 runs at the picture's own size.
 */
public record FaceBoxesOptions(float minScore, float nmsIou, int preNmsTopK, int keepTopK, float trimTop, int maxSide) {
    public static FaceBoxesOptions defaults() {
        return new FaceBoxesOptions(0.05f, 0.3f, 5000, 750, 0.2f, 0);
    }

    public FaceBoxesOptions withMaxSide(int side) {
        return new FaceBoxesOptions(minScore, nmsIou, preNmsTopK, keepTopK, trimTop, side);
    }

    public FaceBoxesOptions withMinScore(float score) {
        return new FaceBoxesOptions(score, nmsIou, preNmsTopK, keepTopK, trimTop, maxSide);
    }
}
