package org.anivid.shots;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.core.FrameRange;

/**
 * What a detector found in one video.
 *
 * @param detector the detector's name ({@code adaptive}, {@code content}, {@code fade})
 * @param cuts first frame of each new shot, increasing, never 0 (DESIGN.md §3)
 * @param scores per frame, the detector's frame score: PySceneDetect's {@code content_val} (mean HSV difference to
 *               the previous frame, 0 for frame 0) for {@code adaptive} and {@code content}, the mean intensity for
 *               {@code fade}; indexed by position in the stream (= frame index for a whole file)
 * @param parameters the settings the detector ran with, by option name (the ones {@link ShotDetectors} accepts)
 */
public record ShotResult(String detector, List<Integer> cuts, double[] scores, Map<String, Object> parameters) {
    public ShotResult {
        cuts = List.copyOf(cuts);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }

    /** The shots as half-open frame ranges covering {@code [0, frameCount)}. */
    public List<FrameRange> shots(int frameCount) {
        List<FrameRange> shots = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            if (cut > start && cut < frameCount) {
                shots.add(new FrameRange(start, cut));
                start = cut;
            }
        }
        if (frameCount > start) {
            shots.add(new FrameRange(start, frameCount));
        }
        return shots;
    }
}
