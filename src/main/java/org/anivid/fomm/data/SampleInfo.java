package org.anivid.fomm.data;

/**
 * What one sample of a batch is: which clip, which frames, and the augmentation drawn for it.
 *
 * @param clip the clip's name
 * @param frameCount frames in the clip
 * @param sourceFrame the clip frame shown as the source (after the time flip)
 * @param drivingFrame the clip frame shown as the driving frame (after the time flip)
 * @param timeFlip whether the two frames were swapped ({@code sourceFrame > drivingFrame} then, unless equal)
 * @param horizontalFlip whether both frames were mirrored left to right
 * @param jitter the colour jitter applied to both frames, or null when jitter is off
 */
public record SampleInfo(String clip, int frameCount, int sourceFrame, int drivingFrame, boolean timeFlip,
        boolean horizontalFlip, Jitter jitter) {
}
