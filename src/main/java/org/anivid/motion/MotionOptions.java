package org.anivid.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of one motion pass. Defaults follow DVR-Scan (see {@link MotionScorer} for what is matched exactly).
 *
 * @param threshold a frame "has motion" when its score is at least this (DVR-Scan {@code -t}; its default 0.15;
 *     the AniVid paper used 0.35, see {@link #CURATION_THRESHOLD}). Scores are 255 × the fraction of moving pixels
 *     in the region of interest
 * @param roiPolygon region of interest as polygon vertices {@code {x, y}} in <em>source</em> pixels (at least 3),
 *     or null for the whole frame (DVR-Scan {@code -a/--add-region})
 * @param minEventLen frames that must all pass the threshold before an event starts (DVR-Scan {@code -l});
 *     {@link #DVR_SCAN_DEFAULT} = 0.1 s at the video's frame rate
 * @param timePreEvent frames an event is extended backwards (DVR-Scan {@code -tb}); {@link #DVR_SCAN_DEFAULT} = 1.5 s
 * @param timePostEvent frames an event is extended after the last frame with motion (DVR-Scan {@code -tp});
 *     {@link #DVR_SCAN_DEFAULT} = 2 s
 * @param kernelSize side of the square opening kernel in source pixels: {@link #AUTO} (-1) picks DVR-Scan's 7/5/3 by
 *     the analysis width; 0 turns the filter off; otherwise an odd number ≥ 3 (scaled to the analysis size as
 *     DVR-Scan scales it for {@code --downscale-factor})
 * @param downscaleFactor analyse frames at 1/n of the source width (DVR-Scan {@code -df}; 1 = full size, exact
 *     DVR-Scan conformance). Used by {@link MotionService}; a {@link MotionScorer} takes whatever size it is fed
 * @param compensateCameraMotion estimate the global frame-to-frame translation (camera pans) and score motion
 *     relative to it; off = plain DVR-Scan
 * @param learningRate MOG2 learning rate (DVR-Scan's {@code learning-rate} setting): {@link #AUTO_LEARNING_RATE}
 *     (-1) lets OpenCV use 1 / min(2 × frames seen, 500), fast at the start of a model; a fixed small rate keeps
 *     repeated drawings (a mouth cycling through three shapes) from being learnt as background
 */
public record MotionOptions(
        double threshold,
        List<int[]> roiPolygon,
        int minEventLen,
        int timePreEvent,
        int timePostEvent,
        int kernelSize,
        int downscaleFactor,
        boolean compensateCameraMotion,
        double learningRate) {

    /** Marks a length as "DVR-Scan's default, converted at the video's frame rate". */
    public static final int DVR_SCAN_DEFAULT = -1;
    /** OpenCV's automatic MOG2 learning rate (DVR-Scan's default). */
    public static final double AUTO_LEARNING_RATE = -1;
    /**
     * MOG2's rate once a model has seen 250 frames (1 / history): what DVR-Scan runs at through most of an episode,
     * and what a model restarted at a cut should use to behave the same (see {@link #curation()}).
     */
    public static final double STEADY_LEARNING_RATE = 1.0 / 500;
    /** Kernel size chosen from the analysis width as DVR-Scan does. */
    public static final int AUTO = -1;
    /** DVR-Scan's default threshold. */
    public static final double DVR_SCAN_THRESHOLD = 0.15;
    /** The AniVid paper's threshold, the default for clip curation. */
    public static final double CURATION_THRESHOLD = 0.35;

    public MotionOptions {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a number ≥ 0, got " + threshold);
        }
        if (roiPolygon != null) {
            if (roiPolygon.size() < 3) {
                throw new IllegalArgumentException("a region of interest needs at least 3 points, got "
                        + roiPolygon.size());
            }
            List<int[]> copy = new ArrayList<>(roiPolygon.size());
            for (int[] p : roiPolygon) {
                if (p == null || p.length != 2) {
                    throw new IllegalArgumentException("region points are {x, y} pairs");
                }
                if (p[0] < 0 || p[1] < 0) {
                    throw new IllegalArgumentException("region point (" + p[0] + "," + p[1] + ") is negative");
                }
                copy.add(new int[] {p[0], p[1]});
            }
            roiPolygon = List.copyOf(copy);
        }
        if (minEventLen == 0 || minEventLen < DVR_SCAN_DEFAULT) {
            throw new IllegalArgumentException("min_event_len must be ≥ 1 frame, got " + minEventLen);
        }
        if (timePreEvent < DVR_SCAN_DEFAULT || timePostEvent < DVR_SCAN_DEFAULT) {
            throw new IllegalArgumentException("time_pre_event and time_post_event must be ≥ 0 frames");
        }
        if (kernelSize < AUTO || kernelSize == 2 || (kernelSize > 1 && kernelSize % 2 == 0)) {
            throw new IllegalArgumentException("kernel size must be -1 (auto), 0/1 (off) or odd ≥ 3, got "
                    + kernelSize);
        }
        if (!(learningRate == AUTO_LEARNING_RATE || (learningRate >= 0 && learningRate <= 1))) {
            throw new IllegalArgumentException("learning rate must be -1 (auto) or in [0, 1], got " + learningRate);
        }
        if (downscaleFactor < 1) {
            throw new IllegalArgumentException("downscale factor must be ≥ 1, got " + downscaleFactor);
        }
    }

    /** DVR-Scan's defaults: threshold 0.15, whole frame, 0.1 s / 1.5 s / 2 s, auto kernel, full size. */
    public static MotionOptions dvrScan() {
        return new MotionOptions(DVR_SCAN_THRESHOLD, null, DVR_SCAN_DEFAULT, DVR_SCAN_DEFAULT, DVR_SCAN_DEFAULT,
                AUTO, 1, false, AUTO_LEARNING_RATE);
    }

    /**
     * Curation defaults: the paper's threshold 0.35, camera-motion compensation on, and the steady-state learning
     * rate 1/500. Why not the automatic rate: per-shot statistics restart the background model at every cut, and
     * OpenCV's automatic rate 1 / (2 × frames seen) is so fast in a model's first frames that a mouth cycling
     * through its three drawings is learnt as background within a few drawings (the demo's talking close-up: 8 %
     * of frames above 0.35 with the automatic rate, 74 % at 1/500; the still shot stays at 0 either way). The paper
     * ran DVR-Scan over whole episodes, where the model spends nearly all its time at 1/500. The price: a shot that
     * opens with a fade-in keeps reading as motion for a few dozen frames.
     */
    public static MotionOptions curation() {
        return dvrScan().withThreshold(CURATION_THRESHOLD).withCompensateCameraMotion(true)
                .withLearningRate(STEADY_LEARNING_RATE);
    }

    public MotionOptions withThreshold(double value) {
        return new MotionOptions(value, roiPolygon, minEventLen, timePreEvent, timePostEvent, kernelSize,
                downscaleFactor, compensateCameraMotion, learningRate);
    }

    public MotionOptions withRoi(List<int[]> polygon) {
        return new MotionOptions(threshold, polygon, minEventLen, timePreEvent, timePostEvent, kernelSize,
                downscaleFactor, compensateCameraMotion, learningRate);
    }

    public MotionOptions withEvents(int minLen, int pre, int post) {
        return new MotionOptions(threshold, roiPolygon, minLen, pre, post, kernelSize, downscaleFactor,
                compensateCameraMotion, learningRate);
    }

    public MotionOptions withKernelSize(int value) {
        return new MotionOptions(threshold, roiPolygon, minEventLen, timePreEvent, timePostEvent, value,
                downscaleFactor, compensateCameraMotion, learningRate);
    }

    public MotionOptions withDownscaleFactor(int value) {
        return new MotionOptions(threshold, roiPolygon, minEventLen, timePreEvent, timePostEvent, kernelSize,
                value, compensateCameraMotion, learningRate);
    }

    public MotionOptions withLearningRate(double value) {
        return new MotionOptions(threshold, roiPolygon, minEventLen, timePreEvent, timePostEvent, kernelSize,
                downscaleFactor, compensateCameraMotion, value);
    }

    public MotionOptions withCompensateCameraMotion(boolean value) {
        return new MotionOptions(threshold, roiPolygon, minEventLen, timePreEvent, timePostEvent, kernelSize,
                downscaleFactor, value, learningRate);
    }

    /** {@link #minEventLen} in frames at a frame rate (DVR-Scan: 0.1 s, at least 1 frame). */
    public int minEventLenFrames(double fps) {
        return Math.max(1, minEventLen == DVR_SCAN_DEFAULT ? secondsToFrames(0.1, fps) : minEventLen);
    }

    public int timePreEventFrames(double fps) {
        return timePreEvent == DVR_SCAN_DEFAULT ? secondsToFrames(1.5, fps) : timePreEvent;
    }

    public int timePostEventFrames(double fps) {
        return timePostEvent == DVR_SCAN_DEFAULT ? secondsToFrames(2.0, fps) : timePostEvent;
    }

    /**
     * Seconds to frames as PySceneDetect's {@code FrameTimecode} does (Python {@code round}, i.e. halves to even),
     * which is how DVR-Scan turns its defaults ("2s") into frames.
     */
    static int secondsToFrames(double seconds, double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("frame rate must be positive to convert seconds, got " + fps);
        }
        return (int) Math.rint(seconds * fps);
    }

    /**
     * Parses a region as the CLI takes it: {@code x,y,x,y,…} (commas, spaces, slashes and brackets all separate,
     * as DVR-Scan's region parser allows), at least 3 points.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static List<int[]> parseRoi(String text) {
        String cleaned = text.replaceAll("[,/()\\[\\]]", " ").trim();
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("empty region");
        }
        String[] parts = cleaned.split("\\s+");
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("region '" + text + "' has an odd number of coordinates");
        }
        if (parts.length < 6) {
            throw new IllegalArgumentException("region '" + text + "' needs at least 3 points");
        }
        List<int[]> points = new ArrayList<>();
        for (int i = 0; i < parts.length; i += 2) {
            try {
                points.add(new int[] {Integer.parseInt(parts[i]), Integer.parseInt(parts[i + 1])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("region '" + text + "' holds a non-integer coordinate");
            }
        }
        return points;
    }

    /** The region as {@code "x,y x,y …"}, or {@code "full frame"}. */
    String describeRoi() {
        if (roiPolygon == null) {
            return "full frame";
        }
        StringBuilder b = new StringBuilder();
        for (int[] p : roiPolygon) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d,%d", p[0], p[1]));
        }
        return b.toString();
    }
}
