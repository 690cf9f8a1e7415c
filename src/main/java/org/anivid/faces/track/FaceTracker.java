package org.anivid.faces.track;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.anivid.core.BoundingBox;
import org.anivid.core.FrameRange;

/**
 * Links the faces a detector finds every few frames into tracks, one shot at a time, in a single streaming pass.
 *
 * <p>Feed frames in increasing order: {@link #startShot} at every cut, {@link #detected} where the detector ran
 * (with whatever it found, possibly nothing), {@link #skipped} where it did not (optional: frames not mentioned count
 * as skipped). Each open track carries a {@link KalmanBoxFilter}; on a detector run, the tracks' boxes predicted to
 * that frame are matched to the detections by IoU (least total cost, the Hungarian method, pairs below
 * {@link TrackerOptions#minIou()} never match). Unmatched detections from {@link TrackerOptions#minStartScore()} start
 * tracks; a track that misses more than
 * {@link TrackerOptions#maxMissedDetections()} runs in a row, or reaches a cut, ends at its last matched detection.
 *
 * <p>Boxes: on matched frames, the (fixed-lag Rauch–Tung–Striebel) smoothed box, which irons out the detector's
 * jitter without trailing behind a face that starts, stops or turns, because it sees the detections on both sides. On
 * the frames in between, linear interpolation of the two neighbouring smoothed boxes: between smoothed ends a straight
 * line is already smooth, exact for steady motion, and cannot overshoot the way a curve through jittery ends can. The
 * score there is the lower of the two neighbours' scores, so an interpolated face is never more certain than the
 * evidence on either side (a frame between a 0.9 and a 0.5 detection does not pass a 0.6 rule).
 *
 * <p>New tracks are tentative until {@link TrackerOptions#minHits()} detections; a tentative track that misses a
 * detector run is dropped unreported, and ids are given on confirmation, so reported ids run 1, 2, 3… in the order
 * tracks were confirmed (tracks are reported in the order they close).
 *
 * <p>Memory: a track is handed to the listener (or the list {@link #finish()} returns) as soon as it closes, and the
 * tracker keeps nothing of it; an open track holds its finished per-frame boxes plus at most
 * {@link TrackerOptions#smoothingLag()} filter states. Not thread-safe: one tracker per video stream.
 */
public final class FaceTracker {
    /** Cost of a pair below the IoU gate: high enough that the assignment takes any valid pair over it. */
    private static final double UNMATCHABLE = 1e6;

    private final TrackerOptions options;
    private final Consumer<Track> listener;
    private final List<Track> collected;
    private final List<OpenTrack> open = new ArrayList<>();
    private int nextId = 1;
    private int lastFrame = -1;

    /** A tracker whose closed tracks are collected and returned by {@link #finish()}. */
    public FaceTracker(TrackerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.collected = new ArrayList<>();
        this.listener = collected::add;
    }

    /**
     * A tracker that hands each track to {@code onTrackClosed} as soon as it ends (for long episodes: the tracker then
     * holds no closed track at all). {@link #finish()} then returns an empty list.
     */
    public FaceTracker(TrackerOptions options, Consumer<Track> onTrackClosed) {
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(onTrackClosed, "onTrackClosed");
        this.collected = null;
    }

    /**
     * A cut: ends every open track (no track crosses a shot boundary, however much the boxes overlap) and starts a
     * shot whose first frame is {@code firstFrame}.
     */
    public void startShot(int firstFrame) {
        if (firstFrame <= lastFrame) {
            throw new IllegalArgumentException("shot start " + firstFrame + " is not after frame " + lastFrame);
        }
        closeAll();
        lastFrame = firstFrame - 1;
    }

    /** The detector ran on {@code frame} and found {@code detections} (possibly none). */
    public void detected(int frame, List<Detection> detections) {
        advanceTo(frame);
        int tracks = open.size();
        int found = detections.size();
        double[][] cost = new double[tracks][found];
        for (int t = 0; t < tracks; t++) {
            BoundingBox predicted = open.get(t).filter.predict(frame);
            for (int d = 0; d < found; d++) {
                float iou = predicted.iou(detections.get(d).box());
                cost[t][d] = iou >= options.minIou() ? 1 - iou : UNMATCHABLE;
            }
        }
        int[] assigned = Assignment.minimumCost(cost);
        boolean[] taken = new boolean[found];
        List<OpenTrack> ended = new ArrayList<>();
        for (int t = 0; t < tracks; t++) {
            OpenTrack track = open.get(t);
            int d = assigned[t];
            if (d >= 0 && cost[t][d] < UNMATCHABLE) {
                taken[d] = true;
                track.hit(frame, detections.get(d));
                confirmIfDue(track);
            } else {
                track.missedRuns++;
                if (!track.confirmed() || track.missedRuns > options.maxMissedDetections()) {
                    ended.add(track);
                }
            }
        }
        open.removeAll(ended);
        for (int d = 0; d < found; d++) {
            if (!taken[d] && detections.get(d).score() >= options.minStartScore()) {
                OpenTrack track = new OpenTrack(frame, detections.get(d));
                confirmIfDue(track);
                open.add(track);
            }
        }
        emit(ended);
    }

    /** The detector did not run on {@code frame}; its boxes are interpolated once the tracks' next detections come. */
    public void skipped(int frame) {
        advanceTo(frame);
    }

    /**
     * Ends the current shot (closing every open track) and returns the tracks collected since the last call, in
     * the order they closed; empty when a listener receives the tracks instead. Frames may follow (after the last
     * one fed).
     */
    public List<Track> finish() {
        closeAll();
        if (collected == null) {
            return List.of();
        }
        List<Track> out = List.copyOf(collected);
        collected.clear();
        return out;
    }

    /** Tracks currently open, confirmed or not. */
    public int openTrackCount() {
        return open.size();
    }

    /** Per-frame boxes and pending detections held for open tracks (closed tracks hold nothing here). */
    public long heldBoxCount() {
        long n = 0;
        for (OpenTrack t : open) {
            n += t.boxes.size() + t.pending.size();
        }
        return n;
    }

    /** Kalman steps held for smoothing, over all open tracks (at most {@code smoothingLag} per track between calls). */
    public int heldFilterStepCount() {
        int n = 0;
        for (OpenTrack t : open) {
            n += t.pending.size();
        }
        return n;
    }

    private void advanceTo(int frame) {
        if (frame <= lastFrame) {
            throw new IllegalArgumentException("frame " + frame + " is not after frame " + lastFrame);
        }
        lastFrame = frame;
    }

    private void confirmIfDue(OpenTrack track) {
        if (!track.confirmed() && track.hits >= options.minHits()) {
            track.id = nextId++;
        }
    }

    private void closeAll() {
        List<OpenTrack> ended = new ArrayList<>(open);
        open.clear();
        emit(ended);
    }

    /** Reports the confirmed tracks among {@code ended} by id; unconfirmed ones were false positives. */
    private void emit(List<OpenTrack> ended) {
        ended.sort(Comparator.comparingInt(t -> t.id));
        for (OpenTrack t : ended) {
            if (t.confirmed()) {
                listener.accept(t.close());
            }
        }
    }

    /** A detection taken into a track whose smoothed box is not final yet. */
    private record Pending(Detection detection, KalmanBoxFilter.Step step) {
    }

    /** A track being built: its filter, its final boxes so far, and the detections still being smoothed. */
    private final class OpenTrack {
        final KalmanBoxFilter filter;
        final List<TrackedBox> boxes = new ArrayList<>();
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        int id; // 0 until confirmed
        int hits = 1;
        int missedRuns;

        OpenTrack(int frame, Detection first) {
            filter = new KalmanBoxFilter(frame, first.box());
            pending.add(new Pending(first, filter.lastStep()));
            settle(false);
        }

        boolean confirmed() {
            return id > 0;
        }

        void hit(int frame, Detection detection) {
            filter.update(frame, detection.box());
            pending.add(new Pending(detection, filter.lastStep()));
            hits++;
            missedRuns = 0;
            settle(false);
        }

        Track close() {
            settle(true);
            int first = boxes.get(0).frame();
            int last = boxes.get(boxes.size() - 1).frame();
            return new Track(id, new FrameRange(first, last + 1), boxes);
        }

        /**
         * Makes the oldest pending boxes final: all of them at the end of the track, else those with at least
         * {@code smoothingLag} later detections (without smoothing, each at once).
         */
        void settle(boolean all) {
            int keep = all || !options.smooth() ? 0 : options.smoothingLag();
            int settling = pending.size() - keep;
            if (settling <= 0) {
                return;
            }
            BoundingBox[] smoothed = null;
            if (options.smooth()) {
                List<KalmanBoxFilter.Step> steps = new ArrayList<>(pending.size());
                for (Pending p : pending) {
                    steps.add(p.step());
                }
                smoothed = KalmanBoxFilter.smooth(steps);
            }
            Iterator<Pending> it = pending.iterator();
            for (int i = 0; i < settling; i++) {
                Pending p = it.next();
                it.remove();
                append(p.step().frame, smoothed != null ? smoothed[i] : p.detection().box(), p.detection().score());
            }
        }

        /** Adds a matched box, interpolating the frames since the previous one. */
        private void append(int frame, BoundingBox box, float score) {
            if (!boxes.isEmpty()) {
                TrackedBox previous = boxes.get(boxes.size() - 1);
                int gap = frame - previous.frame();
                float bridgedScore = Math.min(previous.score(), score);
                for (int f = previous.frame() + 1; f < frame; f++) {
                    float t = (f - previous.frame()) / (float) gap;
                    boxes.add(new TrackedBox(f, lerp(previous.box(), box, t), bridgedScore, false));
                }
            }
            boxes.add(new TrackedBox(frame, box, score, true));
        }
    }

    private static BoundingBox lerp(BoundingBox a, BoundingBox b, float t) {
        return new BoundingBox(a.x1() + t * (b.x1() - a.x1()), a.y1() + t * (b.y1() - a.y1()),
                a.x2() + t * (b.x2() - a.x2()), a.y2() + t * (b.y2() - a.y2()));
    }
}
