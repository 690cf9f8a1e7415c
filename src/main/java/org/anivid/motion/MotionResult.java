package org.anivid.motion;

import java.util.ArrayList;
import java.util.List;

/**
 * What one motion pass measured.
 *
 * @param firstFrame index of the first scored frame (0 for a whole video)
 * @param scores per frame from {@code firstFrame}: 255 × the fraction of moving region pixels (DVR-Scan's scale)
 * @param warmup per frame: true where the background model had just started (first frame, a cut, missing frames),
 *     so the score is 0 by definition and left out of statistics
 * @param events motion events as DVR-Scan reports them: {@code [start, end]} frame numbers with the end
 *     <em>exclusive</em> (one past the last frame of the event)
 * @param resets frames where a new background model started (the cuts that were applied)
 * @param threshold the threshold the events and {@link #perShot} use
 * @param analysisWidth width of the frames that were scored
 * @param kernelSize opening kernel used at the analysis size (0 = none)
 * @param compensated whether camera-motion compensation was on
 * @param shiftX per-frame camera translation (analysis pixels, content moving right is positive); null unless
 *     compensated
 */
public record MotionResult(
        int firstFrame,
        double[] scores,
        boolean[] warmup,
        List<int[]> events,
        List<Integer> resets,
        double threshold,
        int analysisWidth,
        int analysisHeight,
        int kernelSize,
        boolean compensated,
        double[] shiftX,
        double[] shiftY) {

    public int frames() {
        return scores.length;
    }

    /**
     * Events for other settings over the same scores (DVR-Scan's state machine, lengths in frames), without
     * decoding again: what a threshold slider needs.
     */
    public List<int[]> eventsFor(double threshold, int minEventLen, int timePreEvent, int timePostEvent) {
        EventTracker tracker = new EventTracker(threshold, minEventLen, timePreEvent, timePostEvent, firstFrame);
        for (int i = 0; i < scores.length; i++) {
            tracker.accept(firstFrame + i, scores[i]);
        }
        return tracker.finish();
    }

    /** Statistics of the whole pass as one segment. */
    public ShotMotion overall() {
        return ShotMotion.of(0, firstFrame, firstFrame + scores.length, this);
    }

    /**
     * Per-shot statistics for shots split at {@code cuts} (first frames of new shots, DESIGN.md §3). For the
     * statistics to be per shot, the same cuts must have been given to the scorer ({@link MotionScorer#cut}) so
     * each shot had its own background model.
     */
    public List<ShotMotion> perShot(List<Integer> cuts) {
        List<ShotMotion> shots = new ArrayList<>();
        int start = firstFrame;
        int end = firstFrame + scores.length;
        int index = 0;
        for (int cut : cuts.stream().sorted().distinct().toList()) {
            if (cut <= start || cut >= end) {
                continue;
            }
            shots.add(ShotMotion.of(index++, start, cut, this));
            start = cut;
        }
        if (end > start || shots.isEmpty()) {
            shots.add(ShotMotion.of(index, start, end, this));
        }
        return shots;
    }
}
