package org.anivid.faces.track;

import static org.anivid.faces.track.Faces.box;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anivid.core.BoundingBox;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;

/**
 * A 40,000-frame episode, detector every 5th frame: shots of 1 to 25 seconds and one of 8,000 frames, up to two
 * wandering faces per shot, 10 % missed detections (never more than two in a row), and low-score false positives.
 * Memory is checked by counting what the tracker holds, never by timing.
 */
class FaceTrackerStressTest {
    private static final int FRAMES = 40_000;
    private static final int STRIDE = 5;

    /** One face through one shot: where it is, and the first and last frames it was actually detected. */
    private static final class Face {
        final double x0;
        final double phase;
        int firstMatched = -1;
        int lastMatched = -1;
        int consecutiveMisses;

        Face(double x0, double phase) {
            this.x0 = x0;
            this.phase = phase;
        }

        BoundingBox at(int frame) {
            double t = 2 * Math.PI * frame / 200.0 + phase;
            return box(x0 + 40 * Math.sin(t), 300 + 25 * Math.cos(t), 110 + 10 * Math.sin(t / 3), 120);
        }
    }

    @Test
    void aWholeEpisodeStreamsThroughWithBoundedState() {
        Random random = new Random(2024);
        List<int[]> shots = new ArrayList<>();
        for (int start = 0; start < FRAMES;) {
            int length = shots.size() == 20 ? 8_000 : 24 + random.nextInt(576);
            int end = Math.min(FRAMES, start + length);
            shots.add(new int[] {start, end});
            start = end;
        }

        OneFaceRule rule = new OneFaceRule();
        FaceTally tally = rule.tally(new FrameRange(0, FRAMES));
        int[] received = new int[4]; // tracks, boxes, real-face tracks, false-positive tracks
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        List<FrameRange> realRanges = new ArrayList<>();
        TrackerOptions options = TrackerOptions.forStride(STRIDE);
        FaceTracker tracker = new FaceTracker(options, tally.andThen(track -> {
            assertThat(ids.add(track.id())).as("track id %d is new", track.id()).isTrue();
            received[0]++;
            received[1] += track.boxes().size();
            if (track.maxScore() >= rule.confidence()) {
                received[2]++;
                realRanges.add(track.range());
            } else {
                received[3]++;
                assertThat(track.range().length()).isEqualTo(1);
            }
        }));

        List<FrameRange> expectedRanges = new ArrayList<>();
        byte[] confidentFaces = new byte[FRAMES];
        boolean[] lowFace = new boolean[FRAMES];
        int falsePositives = 0;
        long maxHeldBoxes = 0;
        int maxHeldSteps = 0;
        int longestShot = 0;
        for (int[] shot : shots) {
            tracker.startShot(shot[0]);
            longestShot = Math.max(longestShot, shot[1] - shot[0]);
            List<Face> faces = new ArrayList<>();
            int faceCount = random.nextInt(3);
            for (int i = 0; i < faceCount; i++) {
                faces.add(new Face(300 + 600 * i + random.nextInt(100), random.nextDouble() * 6));
            }
            for (int f = shot[0]; f < shot[1]; f++) {
                if ((f - shot[0]) % STRIDE != 0) {
                    tracker.skipped(f);
                    continue;
                }
                List<Detection> found = new ArrayList<>();
                for (Face face : faces) {
                    boolean miss = face.consecutiveMisses < 2 && random.nextDouble() < 0.10;
                    if (miss) {
                        face.consecutiveMisses++;
                        continue;
                    }
                    face.consecutiveMisses = 0;
                    face.firstMatched = face.firstMatched < 0 ? f : face.firstMatched;
                    face.lastMatched = f;
                    found.add(new Detection(face.at(f), 0.7f + 0.25f * random.nextFloat()));
                }
                if (random.nextDouble() < 0.02) {
                    // Small, weak and never twice in the same place: each is a one-frame track.
                    found.add(new Detection(box(20 + (falsePositives * 97) % 1200, 680, 20, 20), 0.3f));
                    falsePositives++;
                    lowFace[f] = true;
                }
                tracker.detected(f, found);
                maxHeldBoxes = Math.max(maxHeldBoxes, tracker.heldBoxCount());
                maxHeldSteps = Math.max(maxHeldSteps, tracker.heldFilterStepCount());
                // Whatever is held belongs to open tracks of this shot: at most one box per frame of it each.
                assertThat(tracker.heldBoxCount())
                        .isLessThanOrEqualTo((long) tracker.openTrackCount() * (f - shot[0] + 1));
                assertThat(tracker.heldFilterStepCount())
                        .isLessThanOrEqualTo(tracker.openTrackCount() * (options.smoothingLag() + 1));
            }
            for (Face face : faces) {
                if (face.firstMatched >= 0) {
                    expectedRanges.add(new FrameRange(face.firstMatched, face.lastMatched + 1));
                    for (int f = face.firstMatched; f <= face.lastMatched; f++) {
                        confidentFaces[f]++;
                    }
                }
            }
        }
        assertThat(tracker.finish()).isEmpty();
        assertThat(tracker.openTrackCount()).isZero();
        assertThat(tracker.heldBoxCount()).isZero();

        // Every face of every shot is exactly one track over exactly its detected span; every false positive is
        // one track of one frame; each frame of each track was delivered once.
        assertThat(longestShot).isEqualTo(8_000);
        assertThat(realRanges).containsExactlyInAnyOrderElementsOf(expectedRanges);
        assertThat(received[3]).isEqualTo(falsePositives);
        assertThat(received[0]).isEqualTo(expectedRanges.size() + falsePositives);
        long expectedBoxes = falsePositives;
        for (FrameRange r : expectedRanges) {
            expectedBoxes += r.length();
        }
        assertThat((long) received[1]).isEqualTo(expectedBoxes);

        // Open tracks held at most two faces' worth of the longest shot, and the smoother a bounded window.
        assertThat(maxHeldBoxes).isLessThanOrEqualTo(2L * longestShot + 8);
        assertThat(maxHeldSteps).isLessThanOrEqualTo(4 * (options.smoothingLag() + 1));

        // The one-face flags, stored in one byte per frame, agree with the ground truth.
        FrameFlags flags = tally.flags();
        assertThat(flags.toBytes()).hasSize(FRAMES);
        int[] mismatches = {0};
        for (int f = 0; f < FRAMES; f++) {
            FrameFlag expected = confidentFaces[f] >= 2 ? FrameFlag.SEVERAL_FACES
                    : confidentFaces[f] == 1 ? FrameFlag.ONE_FACE
                    : lowFace[f] ? FrameFlag.LOW_CONFIDENCE : FrameFlag.NO_FACE;
            mismatches[0] += flags.flag(f) == expected ? 0 : 1;
        }
        assertThat(mismatches[0]).isZero();
        assertThat(flags.count(FrameFlag.ONE_FACE)).isGreaterThan(5_000);
        assertThat(flags.count(FrameFlag.SEVERAL_FACES)).isGreaterThan(5_000);
        int runFrames = flags.runs().stream().mapToInt(r -> r.range().length()).sum();
        assertThat(runFrames).isEqualTo(FRAMES);
    }
}
