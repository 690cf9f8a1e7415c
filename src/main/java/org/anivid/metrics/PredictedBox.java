package org.anivid.metrics;

/**
 * One detection: a box with a confidence score on an image of the ground truth.
 *
 * @param imageIndex index into {@link DetectionGroundTruth#images()}
 */
public record PredictedBox(int imageIndex, long categoryId, CocoBox box, double score) {
}
