package org.anivid.motion;

/**
 * The camera translation from one frame to the next, in analysis pixels (content at p in the earlier frame shows at
 * p + (dx, dy) in the later one), as {@link CameraShiftEstimator} measures it ahead of {@link MotionScorer}.
 */
public record CameraShift(double dx, double dy) {
}
