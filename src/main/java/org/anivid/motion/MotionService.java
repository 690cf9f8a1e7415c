package org.anivid.motion;

import java.nio.file.Path;
import java.util.List;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.jobs.JobContext;
import org.anivid.media.FfmpegVideoProbe;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Motion scoring of a whole video file: what {@code ./anivid motion VIDEO --json} and the studio's motion job run.
 * Decodes once, sequentially, at the size {@link MotionOptions#downscaleFactor()} asks for (full size = exact
 * DVR-Scan conformance), reports progress per frame and stops at the next frame when cancelled
 * ({@link org.anivid.jobs.JobCancelledException}: no partial result is returned).
 */
public final class MotionService {
    private static final Logger LOG = LoggerFactory.getLogger(MotionService.class);

    private MotionService() {
    }

    /** Scores a video without cuts (one background model for the whole file, as DVR-Scan). */
    public static MotionReport score(Path video, MotionOptions options, JobContext ctx) {
        return score(video, options, List.of(), ctx);
    }

    /**
     * Scores a video with a fresh background model at every cut (first frames of new shots) and per-shot
     * statistics.
     *
     * @throws InvalidInputException for unreadable or damaged files, or a region outside the frame (one line)
     */
    public static MotionReport score(Path video, MotionOptions options, List<Integer> cuts, JobContext ctx) {
        long t0 = System.nanoTime();
        try (FrameSource source = FrameSource.open(video, frameSize(video, options))) {
            VideoInfo info = source.info();
            int total = source.frameCount();
            ctx.message("motion: " + video.getFileName());
            MotionResult result;
            try (MotionScorer scorer = new MotionScorer(options, info.displayWidth(), info.displayHeight(),
                    info.fps() > 0 ? info.fps() : 25)) {
                for (int cut : cuts) {
                    scorer.cut(cut);
                }
                int decoded = 0;
                for (VideoFrame frame = source.next(); frame != null; frame = source.next()) {
                    ctx.checkCancelled();
                    scorer.accept(frame);
                    decoded++;
                    ctx.progress(decoded, total);
                }
                if (decoded == 0) {
                    throw new InvalidInputException(video, "no decodable video frames");
                }
                if (decoded < total) {
                    LOG.warn("{}: {} of {} indexed frames could be decoded", video, decoded, total);
                }
                result = scorer.finish();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(video, e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<ShotMotion> shots = cuts.isEmpty() ? List.of() : result.perShot(cuts);
            LOG.info("{}: {} frames scored at {}x{} in {} s, {} motion events", video.getFileName(), result.frames(),
                    result.analysisWidth(), result.analysisHeight(), String.format("%.2f", seconds),
                    result.events().size());
            return new MotionReport(info, options, result, List.copyOf(cuts), shots, seconds);
        }
    }

    /**
     * DVR-Scan's {@code --downscale-factor}: width / factor (rounded; FrameSize keeps it even), full size for
     * factor 1. The source width comes from a probe (an index scan, no decoding) because FrameSize has no
     * "scale by" form.
     */
    static FrameSize frameSize(Path video, MotionOptions options) {
        if (options.downscaleFactor() <= 1) {
            return FrameSize.FULL;
        }
        VideoInfo info = new FfmpegVideoProbe().probe(video);
        int w = (int) Math.round(info.displayWidth() / (double) options.downscaleFactor());
        return FrameSize.fitWidth(Math.max(2, w));
    }
}
