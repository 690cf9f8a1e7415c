package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.VideoFrame;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A shot detector that decides a cut a few frames late can share the decode with the motion scorer. */
class RetroactiveCutTest {
    private static final List<VideoFrame> FRAMES = new ArrayList<>();

    @BeforeAll
    static void decode() {
        try (FrameSource s = FrameSource.open(TestData.repo().resolve("assets/demo/demo.mp4"),
                FrameSize.fitWidth(192))) {
            for (VideoFrame f = s.next(); f != null && f.index() < 160; f = s.next()) {
                FRAMES.add(f);
            }
        }
    }

    private static MotionResult run(MotionOptions o, int[] cuts, int delay, int history) {
        try (MotionScorer scorer = new MotionScorer(o, 640, 360, 24, history)) {
            for (VideoFrame f : FRAMES) {
                scorer.accept(f);
                for (int c : cuts) {
                    if (delay >= 0 && f.index() == c + delay) {
                        scorer.cut(c);
                    }
                }
                if (delay < 0) {
                    for (int c : cuts) {
                        if (f.index() == c - 1) {
                            scorer.cut(c);
                        }
                    }
                }
            }
            return scorer.finish();
        }
    }

    @Test
    void aLateCutGivesTheSameScoresAsAnEarlyOne() {
        int[] cuts = {66, 138};
        for (MotionOptions o : List.of(MotionOptions.dvrScan(), MotionOptions.curation())) {
            MotionResult early = run(o, cuts, -1, 24);
            MotionResult late = run(o, cuts, 7, 24);
            assertThat(early.resets()).containsExactly(66, 138);
            assertThat(late.resets()).containsExactly(66, 138);
            assertThat(late.scores()).containsExactly(early.scores());
            assertThat(late.warmup()).containsExactly(early.warmup());
            assertThat(early.warmup()[66]).isTrue();
            assertThat(early.warmup()[67]).isFalse();
            // The pan after 138 is measured, so the compensated replay really re-ran the camera tracking.
            if (o.compensateCameraMotion()) {
                assertThat(late.shiftX()).containsExactly(early.shiftX());
                assertThat(early.shiftX()[145]).isLessThan(-0.5);
            }
        }
    }

    @Test
    void aCutOlderThanTheHistoryStartsTheModelAtTheNextFrame() {
        MotionResult tooLate = run(MotionOptions.dvrScan(), new int[] {66}, 10, 4);
        assertThat(tooLate.resets()).containsExactly(77);
        assertThat(tooLate.warmup()[77]).isTrue();
    }

    @Test
    void cutsGivenUpFrontApplyWhenTheirFrameArrives() {
        try (MotionScorer scorer = new MotionScorer(MotionOptions.dvrScan(), 640, 360, 24)) {
            scorer.cut(66);
            scorer.cut(138);
            for (VideoFrame f : FRAMES) {
                scorer.accept(f);
            }
            MotionResult r = scorer.finish();
            assertThat(r.resets()).containsExactly(66, 138);
            assertThat(r.scores()).containsExactly(run(MotionOptions.dvrScan(), new int[] {66, 138}, -1, 24).scores());
        }
    }
}
