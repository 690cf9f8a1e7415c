package org.anivid.motion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.VideoInfo;

/**
 * One video's motion pass with what the command line prints ({@link #toJsonMap}): DESIGN.md §4
 * {@code {"video", "frames", "scores"?, "events": [[start, end], …]}} plus the settings that produced it.
 *
 * @param shots per-shot statistics when the pass was given cuts, else empty
 * @param seconds wall time of decode + scoring
 */
public record MotionReport(VideoInfo info, MotionOptions options, MotionResult result, List<Integer> cuts,
                           List<ShotMotion> shots, double seconds) {

    /**
     * The JSON object of {@code ./anivid motion VIDEO --json}. Events are {@code [start, end]} frame numbers as
     * DVR-Scan reports them (end exclusive: one past the last frame). Scores are rounded to 4 decimals; with cuts,
     * {@code shots} holds the per-shot statistics.
     */
    public Map<String, Object> toJsonMap(boolean includeScores) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("video", info.path().toString());
        m.put("frames", result.frames());
        m.put("fps", info.fps());
        m.put("width", info.displayWidth());
        m.put("height", info.displayHeight());
        m.put("analysis_width", result.analysisWidth());
        m.put("analysis_height", result.analysisHeight());
        m.put("threshold", options.threshold());
        m.put("roi", options.roiPolygon() == null ? null : options.roiPolygon().stream().map(p -> List.of(p[0], p[1]))
                .toList());
        m.put("min_event_len", options.minEventLenFrames(fps()));
        m.put("time_pre_event", options.timePreEventFrames(fps()));
        m.put("time_post_event", options.timePostEventFrames(fps()));
        m.put("kernel_size", result.kernelSize());
        m.put("downscale_factor", options.downscaleFactor());
        m.put("compensate_camera_motion", result.compensated());
        List<List<Integer>> events = new ArrayList<>();
        for (int[] e : result.events()) {
            events.add(List.of(e[0], e[1]));
        }
        m.put("events", events);
        if (!cuts.isEmpty() || !shots.isEmpty()) {
            m.put("cuts", cuts);
            List<Map<String, Object>> s = new ArrayList<>();
            for (ShotMotion shot : shots) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("start", shot.start());
                sm.put("end", shot.end());
                sm.put("scored_frames", shot.scoredFrames());
                sm.put("mean", round(shot.mean()));
                sm.put("max", round(shot.max()));
                sm.put("fraction_above", round(shot.fractionAbove()));
                s.add(sm);
            }
            m.put("shots", s);
        }
        if (includeScores) {
            double[] scores = result.scores();
            List<Double> list = new ArrayList<>(scores.length);
            for (double v : scores) {
                list.add(round(v));
            }
            m.put("scores", list);
        }
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return m;
    }

    private double fps() {
        return info.fps() > 0 ? info.fps() : 1;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
