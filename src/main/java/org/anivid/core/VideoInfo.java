package org.anivid.core;

import java.nio.file.Path;

/**
 * What probing a video file tells us. Width and height are the stored (coded) size; {@link #displayWidth()}
 * and {@link #displayHeight()} apply the rotation metadata, which is how frames are delivered.
 *
 * @param frames number of video frames in decode order
 * @param fps average frame rate (frames / duration for variable-frame-rate files)
 * @param durationSeconds presentation time from the first frame to the end of the last one
 * @param rotation clockwise display rotation in degrees (0, 90, 180, 270)
 * @param variableFrameRate true when frame durations differ by more than rounding
 */
public record VideoInfo(
        Path path,
        String container,
        String codec,
        int width,
        int height,
        int rotation,
        double fps,
        int frames,
        double durationSeconds,
        boolean variableFrameRate,
        boolean hasAudio,
        long sizeBytes) {

    public int displayWidth() {
        return rotation % 180 == 0 ? width : height;
    }

    public int displayHeight() {
        return rotation % 180 == 0 ? height : width;
    }
}
