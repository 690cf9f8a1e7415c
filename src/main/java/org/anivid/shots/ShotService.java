package org.anivid.shots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.jobs.JobContext;
import org.anivid.media.FrameSize;
import org.anivid.media.ReadAheadFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shot detection of a whole video file: what {@code ./anivid shots VIDEO --json} and the studio's shot job run.
 * Decodes once, sequentially, at {@link #ANALYSIS_SIZE}, feeds the detector, reports progress per frame and stops
 * at the next frame when cancelled ({@link org.anivid.jobs.JobCancelledException}; no partial result).
 *
 * <p>To share one decode with other analyses, open the frames yourself at {@link #ANALYSIS_SIZE} (or any size,
 * see {@link ShotDetector}) and call {@link ShotDetector#accept} for each frame.
 */
public final class ShotService {
    /** Frame size the detectors are tuned at: fits 320×320 (320×180 for 16:9), PySceneDetect's scale. */
    public static final FrameSize ANALYSIS_SIZE = FrameSize.ANALYSIS;
    private static final Logger LOG = LoggerFactory.getLogger(ShotService.class);

    private ShotService() {
    }

    /**
     * One video's detection, as {@code ./anivid shots --json} prints it.
     *
     * @param frames frames decoded and analysed
     * @param fps the video's average frame rate
     * @param times presentation time of each analysed frame, seconds from the first frame
     * @param seconds wall time of decoding plus detection
     */
    public record Detection(Path video, VideoInfo info, int frames, double fps, ShotResult result, double[] times,
                            double seconds) {
        public List<Integer> cuts() {
            return result.cuts();
        }

        /** Presentation times of the cuts (seconds), for variable-frame-rate files. */
        public List<Double> cutTimes() {
            List<Double> t = new ArrayList<>();
            for (int cut : result.cuts()) {
                t.add(cut < times.length ? times[cut] : Double.NaN);
            }
            return t;
        }

        /**
         * {@code {"video","frames","fps","cuts":[…],"scores":[…]?,"detector","seconds"}} (DESIGN.md §4) plus
         * {@code "cut_times"} and {@code "parameters"}; scores rounded to 3 decimals.
         */
        public Map<String, Object> toJson(boolean withScores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("video", video.toString());
            m.put("frames", frames);
            m.put("fps", round(fps, 6));
            m.put("cuts", result.cuts());
            m.put("cut_times", cutTimes().stream().map(t -> round(t, 6)).toList());
            if (withScores) {
                double[] scores = new double[result.scores().length];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = round(result.scores()[i], 3);
                }
                m.put("scores", scores);
            }
            m.put("detector", result.detector());
            m.put("parameters", result.parameters());
            m.put("seconds", round(seconds, 3));
            return m;
        }
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Double.isFinite(v) ? Math.round(v * f) / f : v;
    }

    /** Detects shots with the named detector and its default settings. */
    public static Detection detect(Path video, String detector, JobContext ctx) {
        return detect(video, detector, Map.of(), ctx);
    }

    /**
     * Detects shots in {@code video}.
     *
     * @param detector {@code adaptive} (default when null), {@code content} or {@code fade}
     * @param options detector options (see {@link ShotDetectors})
     * @throws InvalidInputException for a missing, unreadable or damaged file (one line naming it)
     * @throws IllegalArgumentException for an unknown detector or option
     * @throws org.anivid.jobs.JobCancelledException when {@code ctx} is cancelled
     */
    public static Detection detect(Path video, String detector, Map<String, String> options, JobContext ctx) {
        ShotDetector d = ShotDetectors.create(detector, options);
        long t0 = System.nanoTime();
        try (ReadAheadFrames frames = ReadAheadFrames.open(video, ANALYSIS_SIZE)) {
            VideoInfo info = frames.info();
            int total = frames.frameCount();
            ctx.message("shots (" + d.name() + "): " + video.getFileName());
            double[] times = new double[Math.max(total, 1)];
            int decoded = 0;
            for (VideoFrame frame = frames.next(); frame != null; frame = frames.next()) {
                ctx.checkCancelled();
                d.accept(frame);
                if (decoded == times.length) {
                    times = java.util.Arrays.copyOf(times, times.length * 2);
                }
                times[decoded] = frame.timeSeconds();
                decoded++;
                ctx.progress(decoded, total);
            }
            ctx.checkCancelled();
            if (decoded == 0) {
                throw new InvalidInputException(video, "no decodable video frames");
            }
            if (decoded < total) {
                LOG.warn("{}: {} of {} indexed frames could be decoded", video, decoded, total);
            }
            ShotResult result = d.finish();
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.info("{}: {} frames, {} cuts ({}) in {} s", video.getFileName(), decoded, result.cuts().size(),
                    d.name(), String.format("%.2f", seconds));
            return new Detection(video, info, decoded, info.fps(), result, java.util.Arrays.copyOf(times, decoded),
                    seconds);
        }
    }
}
