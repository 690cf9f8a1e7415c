package org.anivid.faces.track;

import static org.anivid.faces.track.Faces.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.anivid.core.FrameRange;
import org.junit.jupiter.api.Test;

/** The paper's exactly-one-face-at-0.60 rule, per frame, stored compactly and as runs. */
class OneFaceRuleTest {
    private final OneFaceRule rule = new OneFaceRule();

    @Test
    void handMadeFrames() {
        assertThat(rule.confidence()).isEqualTo(0.60f);
        assertThat(rule.classify()).isEqualTo(FrameFlag.NO_FACE);
        assertThat(rule.classify(0.9f)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(rule.classify(0.5f)).isEqualTo(FrameFlag.LOW_CONFIDENCE);
        assertThat(rule.classify(0.9f, 0.9f)).isEqualTo(FrameFlag.SEVERAL_FACES);
        assertThat(rule.classify(0.9f, 0.3f)).isEqualTo(FrameFlag.ONE_FACE);
        assertThat(rule.classify(0.3f, 0.9f, 0.7f)).isEqualTo(FrameFlag.SEVERAL_FACES);
        assertThat(rule.classify(0.6f)).as("the threshold is inclusive").isEqualTo(FrameFlag.ONE_FACE);
        assertThat(FrameFlag.LOW_CONFIDENCE.faceCount()).isEqualTo(FaceCount.NONE);
        assertThat(FrameFlag.SEVERAL_FACES.faceCount()).isEqualTo(FaceCount.SEVERAL);
    }

    @Test
    void rawDetectionsOverARange() {
        FaceTally tally = rule.tally(new FrameRange(10, 15));
        tally.add(11, List.of(new Detection(box(50, 50, 40, 40), 0.9f)));
        tally.add(12, List.of(new Detection(box(50, 50, 40, 40), 0.5f)));
        tally.add(13, List.of(new Detection(box(50, 50, 40, 40), 0.9f), new Detection(box(150, 50, 40, 40), 0.9f),
                new Detection(box(250, 50, 40, 40), 0.95f)));
        tally.add(14, List.of(new Detection(box(50, 50, 40, 40), 0.9f), new Detection(box(150, 50, 40, 40), 0.3f)));
        tally.add(99, List.of(new Detection(box(50, 50, 40, 40), 0.9f))); // outside the range: ignored
        FrameFlags flags = tally.flags();
        assertThat(flags.toArray()).containsExactly(FrameFlag.NO_FACE, FrameFlag.ONE_FACE, FrameFlag.LOW_CONFIDENCE,
                FrameFlag.SEVERAL_FACES, FrameFlag.ONE_FACE);
        assertThat(flags.flag(13)).isEqualTo(FrameFlag.SEVERAL_FACES);
        assertThat(flags.faceCount(12)).isEqualTo(FaceCount.NONE);
        assertThat(flags.toBytes()).containsExactly(0, 1, 3, 2, 1);
        assertThat(FrameFlags.fromBytes(10, flags.toBytes())).isEqualTo(flags);
        assertThatThrownBy(() -> flags.flag(15)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> FrameFlags.fromBytes(0, new byte[] {7})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tracksGiveRunsOfFlags() {
        // Track 1 on frames 0..9 at 0.9; track 2 on frames 5..7 at 0.8; track 3 on 12..13 at 0.4 (low confidence).
        Track one = track(1, 0, 9, 0.9f);
        Track two = track(2, 5, 7, 0.8f);
        Track three = track(3, 12, 13, 0.4f);
        FrameFlags flags = rule.classify(new FrameRange(0, 16), List.of(one, two, three));
        assertThat(flags.runs()).containsExactly(
                new FlagRun(new FrameRange(0, 5), FrameFlag.ONE_FACE),
                new FlagRun(new FrameRange(5, 8), FrameFlag.SEVERAL_FACES),
                new FlagRun(new FrameRange(8, 10), FrameFlag.ONE_FACE),
                new FlagRun(new FrameRange(10, 12), FrameFlag.NO_FACE),
                new FlagRun(new FrameRange(12, 14), FrameFlag.LOW_CONFIDENCE),
                new FlagRun(new FrameRange(14, 16), FrameFlag.NO_FACE));
        assertThat(flags.count(FrameFlag.ONE_FACE)).isEqualTo(7);
        assertThat(flags.frames()).isEqualTo(new FrameRange(0, 16));
    }

    @Test
    void interpolatedFramesBetweenAConfidentAndAWeakDetectionDoNotPass() {
        // Detections on 0 (0.9), 4 (0.5), 8 (0.9): frames 1..7 carry the lower neighbour score, 0.5.
        FaceTracker tracker = new FaceTracker(TrackerOptions.forStride(4));
        FaceTally tally = rule.tally(new FrameRange(0, 9));
        FaceTracker listening = new FaceTracker(TrackerOptions.forStride(4), tally);
        for (FaceTracker t : List.of(tracker, listening)) {
            Faces.run(t, 0, 8, 4, f -> List.of(new Detection(box(100, 100, 80, 80), f == 4 ? 0.5f : 0.9f)));
        }
        listening.finish();
        FrameFlags flags = tally.flags();
        assertThat(flags).isEqualTo(rule.classify(new FrameRange(0, 9), tracker.finish()));
        assertThat(flags.runs()).containsExactly(new FlagRun(new FrameRange(0, 1), FrameFlag.ONE_FACE),
                new FlagRun(new FrameRange(1, 8), FrameFlag.LOW_CONFIDENCE),
                new FlagRun(new FrameRange(8, 9), FrameFlag.ONE_FACE));
    }

    @Test
    void anEmptyRangeHasNoRuns() {
        assertThat(rule.tally(new FrameRange(5, 5)).flags().runs()).isEmpty();
    }

    private static Track track(int id, int first, int last, float score) {
        List<TrackedBox> boxes = new java.util.ArrayList<>();
        for (int f = first; f <= last; f++) {
            boxes.add(new TrackedBox(f, box(100 * id, 100, 50, 50), score, true));
        }
        return new Track(id, new FrameRange(first, last + 1), boxes);
    }
}
