package org.anivid.faces.track;

import static org.anivid.faces.track.Faces.box;
import static org.anivid.faces.track.Faces.centreX;
import static org.anivid.faces.track.Faces.list;
import static org.anivid.faces.track.Faces.maxCornerError;
import static org.anivid.faces.track.Faces.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.anivid.core.BoundingBox;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;

/** Tracks from sparse detections: interpolation, identity through crossings, cuts, misses, false positives. */
class FaceTrackerTest {

    /** A face drifting right, up and growing slowly. */
    private static BoundingBox drifting(int frame) {
        return box(100 + 3.5 * frame, 200 - 1.25 * frame, 80 + 0.2 * frame, 90 + 0.2 * frame);
    }

    private static List<Track> trackDrifting(TrackerOptions options, int stride, Set<Integer> missedFrames) {
        FaceTracker tracker = new FaceTracker(options);
        run(tracker, 0, 100, stride,
                f -> missedFrames.contains(f) ? List.of() : list(new Detection(drifting(f), 0.9f)));
        return tracker.finish();
    }

    @Test
    void linearMotionDetectedEveryFourthFrameIsOneTrackInterpolatedWithinAPixel() {
        for (boolean smooth : new boolean[] {true, false}) {
            List<Track> tracks = trackDrifting(TrackerOptions.forStride(4).withSmoothing(smooth), 4, Set.of());
            assertThat(tracks).hasSize(1);
            Track track = tracks.get(0);
            assertThat(track.range()).isEqualTo(new FrameRange(0, 101));
            assertThat(track.id()).isEqualTo(1);
            assertThat(track.detectionCount()).isEqualTo(26);
            for (TrackedBox b : track.boxes()) {
                assertThat(b.detected()).as("frame %d", b.frame()).isEqualTo(b.frame() % 4 == 0);
                assertThat(maxCornerError(b.box(), drifting(b.frame()))).as("frame %d smooth=%s", b.frame(), smooth)
                        .isLessThan(1.0);
            }
        }
    }

    @Test
    void weakDetectionsExtendATrackButStartNone() {
        // A face seen strongly, then weakly (turning away); elsewhere a weak box on a busy drawing.
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(3));
        BoundingBox clutter = box(500, 50, 40, 40);
        run(tracker, 0, 60, 3, f -> list(new Detection(drifting(f), f < 30 ? 0.9f : 0.12f),
                new Detection(clutter, 0.2f)));
        List<Track> tracks = tracker.finish();
        assertThat(tracks).as("the clutter box starts no track").hasSize(1);
        assertThat(tracks.get(0).range()).as("the weak detections extend the face's track")
                .isEqualTo(new FrameRange(0, 61));

        FaceTracker permissive = new FaceTracker(TrackerOptions.forStride(3).withMinStartScore(0.1f));
        run(permissive, 0, 60, 3, f -> list(new Detection(drifting(f), 0.9f), new Detection(clutter, 0.2f)));
        assertThat(permissive.finish()).hasSize(2);
    }

    @Test
    void smoothingRemovesDetectorJitterWithoutLaggingBehindTheFace() {
        Random random = new Random(7);
        List<Detection> jittered = new ArrayList<>();
        for (int f = 0; f <= 200; f++) {
            BoundingBox t = drifting(f);
            float dx = (float) (3 * random.nextGaussian());
            float dy = (float) (3 * random.nextGaussian());
            jittered.add(new Detection(new BoundingBox(t.x1() + dx, t.y1() + dy, t.x2() + dx, t.y2() + dy), 0.9f));
        }
        double[] meanError = new double[2];
        for (int k = 0; k < 2; k++) {
            FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(2).withSmoothing(k == 0));
            run(tracker, 0, 200, 2, f -> list(jittered.get(f)));
            Track track = tracker.finish().get(0);
            double sum = 0;
            for (TrackedBox b : track.boxes()) {
                sum += Math.abs(centreX(b.box()) - centreX(drifting(b.frame())));
            }
            meanError[k] = sum / track.boxes().size();
        }
        // Raw jitter is about 2.4 px mean absolute; the smoother should take off well over a third of it.
        assertThat(meanError[1]).isGreaterThan(1.5);
        assertThat(meanError[0]).isLessThan(0.6 * meanError[1]);
    }

    @Test
    void crossingFacesKeepTheirIdsThroughPrediction() {
        // Two 100-px faces on the same line, 12 px/frame towards each other, detected every 4th frame; the
        // detections come in a different order on every frame.
        int last = 40;
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(4));
        run(tracker, 0, last, 4, f -> {
            List<Detection> found = list(new Detection(faceA(f), 0.9f), new Detection(faceB(f), 0.8f));
            Collections.shuffle(found, new Random(f));
            return found;
        });
        List<Track> tracks = tracker.finish();

        // Matching by the last seen boxes would swap the faces on frame 20: A's detection overlaps B's box of frame 16
        // more than its own.
        assertThat(faceA(20).iou(faceB(16))).isGreaterThan(faceA(20).iou(faceA(16)));

        assertThat(tracks).hasSize(2);
        for (Track t : tracks) {
            assertThat(t.range()).isEqualTo(new FrameRange(0, last + 1));
            boolean isA = centreX(t.boxes().get(0).box()) < 200;
            for (TrackedBox b : t.boxes()) {
                BoundingBox truth = isA ? faceA(b.frame()) : faceB(b.frame());
                assertThat(maxCornerError(b.box(), truth)).as("track %d frame %d", t.id(), b.frame()).isLessThan(1.0);
                if (b.detected()) {
                    assertThat(b.score()).isEqualTo(isA ? 0.9f : 0.8f);
                }
            }
        }
        assertThat(tracks).extracting(Track::id).containsExactly(1, 2);
    }

    private static BoundingBox faceA(int frame) {
        return box(50 + 12 * frame, 300, 100, 100);
    }

    private static BoundingBox faceB(int frame) {
        return box(510 - 12 * frame, 300, 100, 100);
    }

    @Test
    void aCutEndsTheTrackEvenWhereTheBoxesOverlap() {
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(4));
        BoundingBox still = box(300, 200, 120, 120);
        run(tracker, 0, 18, 4, f -> list(new Detection(still, 0.9f)));
        tracker.startShot(19);
        run(tracker, 19, 39, 4, f -> list(new Detection(still, 0.9f)));
        List<Track> tracks = tracker.finish();

        assertThat(tracks).extracting(Track::range).containsExactly(new FrameRange(0, 17), new FrameRange(19, 40));
        assertThat(tracks).extracting(Track::id).containsExactly(1, 2);
    }

    @Test
    void aSingleMissedDetectionIsBridgedWithAnInterpolatedBox() {
        List<Track> tracks = trackDrifting(TrackerOptions.forStride(4), 4, Set.of(20));
        assertThat(tracks).hasSize(1);
        Track track = tracks.get(0);
        assertThat(track.range()).isEqualTo(new FrameRange(0, 101));
        TrackedBox bridged = track.boxAt(20).orElseThrow();
        assertThat(bridged.detected()).isFalse();
        assertThat(maxCornerError(bridged.box(), drifting(20))).isLessThan(1.0);
        assertThat(track.detectionCount()).isEqualTo(25);
    }

    @Test
    void twoMissesInARowAreStillBridged() {
        List<Track> tracks = trackDrifting(TrackerOptions.forStride(4), 4, Set.of(20, 24));
        assertThat(tracks).extracting(Track::range).containsExactly(new FrameRange(0, 101));
    }

    @Test
    void threeMissesInARowEndTheTrackAtItsLastDetection() {
        List<Track> tracks = trackDrifting(TrackerOptions.forStride(4), 4, Set.of(20, 24, 28));
        // No predicted boxes past frame 16, the last evidence; the face seen again on frame 32 is a new track.
        assertThat(tracks).extracting(Track::range).containsExactly(new FrameRange(0, 17), new FrameRange(32, 101));
        assertThat(tracks.get(0).boxes().get(16).detected()).isTrue();
        assertThat(tracks).extracting(Track::id).containsExactly(1, 2);
    }

    @Test
    void aOneFrameFalsePositiveIsNotConfirmedOnDenseDetection() {
        TrackerOptions options = TrackerOptions.forStride(1);
        assertThat(options.minHits()).isEqualTo(2);
        FaceTracker tracker = new FaceTracker(options);
        BoundingBox face = box(300, 200, 100, 100);
        run(tracker, 0, 30, 1, f -> {
            List<Detection> found = f >= 5 ? list(new Detection(face, 0.9f)) : list();
            if (f == 12) {
                found.add(new Detection(box(800, 500, 60, 60), 0.8f));
            }
            return found;
        });
        List<Track> tracks = tracker.finish();
        // The real face started on frame 5 and was confirmed on frame 6; the track still begins on frame 5.
        assertThat(tracks).extracting(Track::range).containsExactly(new FrameRange(5, 31));
        assertThat(tracks.get(0).id()).isEqualTo(1);

        // With one hit enough (the sparse-detection default), the same false positive is a one-frame track.
        FaceTracker eager = new FaceTracker(options.withMinHits(1));
        run(eager, 0, 30, 1, f -> f == 12 ? list(new Detection(box(800, 500, 60, 60), 0.8f)) : list());
        assertThat(eager.finish()).extracting(Track::range).containsExactly(new FrameRange(12, 13));
    }

    @Test
    void interpolatedFramesTakeTheLowerNeighbourScore() {
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(4));
        BoundingBox face = box(300, 200, 100, 100);
        run(tracker, 0, 8, 4, f -> list(new Detection(face, f == 4 ? 0.5f : 0.9f)));
        Track track = tracker.finish().get(0);
        assertThat(track.boxes()).extracting(TrackedBox::score)
                .containsExactly(0.9f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.9f);
        assertThat(track.meanScore()).isCloseTo(2.3f / 3, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(track.maxScore()).isEqualTo(0.9f);
    }

    @Test
    void aListenerGetsEachTrackWhenItClosesAndTheTrackerKeepsNothing() {
        List<Track> received = new ArrayList<>();
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(4), received::add);
        run(tracker, 0, 40, 4, f -> f <= 16 ? list(new Detection(drifting(f), 0.9f)) : list());
        // Three misses (20, 24, 28) closed the track during the run, before finish().
        assertThat(received).extracting(Track::range).containsExactly(new FrameRange(0, 17));
        assertThat(tracker.openTrackCount()).isZero();
        assertThat(tracker.heldBoxCount()).isZero();
        assertThat(tracker.finish()).isEmpty();
        assertThat(received).hasSize(1);
    }

    @Test
    void framesMustComeInOrder() {
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(4));
        tracker.detected(4, List.of());
        assertThatThrownBy(() -> tracker.detected(4, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.skipped(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.startShot(4)).isInstanceOf(IllegalArgumentException.class);
        tracker.startShot(10);
        assertThatThrownBy(() -> tracker.detected(9, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsDependOnTheStride() {
        assertThat(TrackerOptions.forStride(1).minHits()).isEqualTo(2);
        assertThat(TrackerOptions.forStride(2).minHits()).isEqualTo(2);
        assertThat(TrackerOptions.forStride(3).minHits()).isEqualTo(1);
        assertThat(TrackerOptions.forStride(5)).isEqualTo(new TrackerOptions(0.3f, 1, 2, true, 8, 0.25f));
    }
}
