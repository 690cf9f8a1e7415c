package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DVR-Scan's event state machine on hand-made score sequences. */
class EventTrackerTest {
    private static List<int[]> events(double[] scores, int minLen, int pre, int post) {
        EventTracker t = new EventTracker(0.5, minLen, pre, post, 0);
        for (int i = 0; i < scores.length; i++) {
            t.accept(i, scores[i]);
        }
        return t.finish();
    }

    private static double[] above(int frames, int... ranges) {
        double[] s = new double[frames];
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = ranges[r]; i <= ranges[r + 1]; i++) {
                s[i] = 1;
            }
        }
        return s;
    }

    @Test
    void eventStartsOnTheFirstFrameOfTheQualifyingRunAndEndsExclusiveAfterThePostWindow() {
        // Motion on frames 10..19: qualifies at 13 (4 in a row), back-dated to 10; last motion 19, post 5
        // -> ends once 5 quiet frames passed, reported end = 19 + 1 + 5 = 25.
        assertThat(events(above(40, 10, 19), 4, 0, 5)).containsExactly(new int[] {10, 25});
    }

    @Test
    void shortBurstsDoNotMakeAnEvent() {
        assertThat(events(above(40, 5, 7, 20, 22), 4, 0, 5)).isEmpty();
    }

    @Test
    void preEventBackDatesButNotIntoThePreviousEvent() {
        // First run qualifies on 12 (min 3), back-dated by pre 6 + min 3 = 9 to 4; it ends at 12 + 1 + 3 = 16.
        // The second run qualifies on 22: back-dating by 9 would reach 14, inside the first event, but only
        // 22 - 16 = 6 frames passed since its end: start = 22 + 1 - 6 = 17.
        assertThat(events(above(60, 10, 12, 20, 30), 3, 6, 3))
                .containsExactly(new int[] {4, 16}, new int[] {17, 34});
    }

    @Test
    void anOpenEventEndsAtTheNumberOfFramesRead() {
        assertThat(events(above(30, 20, 29), 4, 0, 50)).containsExactly(new int[] {20, 30});
    }

    @Test
    void zeroPostEventEndsRightAfterTheLastMovingFrame() {
        assertThat(events(above(20, 2, 6), 2, 0, 0)).containsExactly(new int[] {2, 7});
    }

    @Test
    void backDatingCountsFromTheStartLikeDvrScan() {
        // DVR-Scan measures "frames since the last event" from an initial end of 0, so a run that qualifies on
        // frame 2 (min 3) is back-dated by only 2 frames: the event starts on frame 1 (frame 0 scores 0 anyway).
        assertThat(events(above(20, 0, 5), 3, 0, 2)).containsExactly(new int[] {1, 8});
    }
}
