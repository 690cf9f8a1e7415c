package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generated footage (drawn by the demo renderer, H.264-encoded): shot 0 pans at 3 px/frame over the demo's still
 * shot (character A, not talking, one held drawing), shot 1 is A's talking close-up with a still camera. 54 frames
 * each, 480×270, cut at 54. The pan moves 162 px, past the point where a newer anchor takes over (120 px).
 */
class CameraCompensationTest {
    private static final Logger LOG = LoggerFactory.getLogger(CameraCompensationTest.class);
    private static final int CUT = 54;

    @TempDir
    static Path tmp;
    static Path video;

    @BeforeAll
    static void makeFootage() {
        List<RgbImage> frames = new ArrayList<>(Footage.panOverStill(CUT, 3));
        frames.addAll(Footage.talking(CUT));
        video = tmp.resolve("pan_then_talk.mp4");
        Footage.encode(video, frames, Footage.W, Footage.H);
    }

    private static final java.util.Map<String, MotionReport> RUNS = new java.util.HashMap<>();

    private static synchronized MotionReport run(boolean compensate, int downscale) {
        return RUNS.computeIfAbsent(compensate + "/" + downscale, k -> score(compensate, downscale));
    }

    private static MotionReport score(boolean compensate, int downscale) {
        MotionReport r = MotionService.score(video, MotionOptions.curation().withCompensateCameraMotion(compensate)
                .withDownscaleFactor(downscale), List.of(CUT), JobContext.silent());
        ShotMotion pan = r.shots().get(0);
        ShotMotion talk = r.shots().get(1);
        LOG.info("compensate {} downscale {}: pan mean {} max {} above {} | talking mean {} max {} above {}",
                compensate, downscale, pan.mean(), pan.max(), pan.fractionAbove(), talk.mean(), talk.max(),
                talk.fractionAbove());
        return r;
    }

    @Test
    void aPanOverAStillCharacterScoresLowOnlyWithCompensation() {
        for (int downscale : new int[] {1, 2}) {
            ShotMotion plain = run(false, downscale).shots().get(0);
            ShotMotion compensated = run(true, downscale).shots().get(0);
            assertThat(plain.fractionAbove()).as("plain MOG2 reads the pan as motion").isGreaterThan(0.95);
            assertThat(plain.mean()).isGreaterThan(50);
            assertThat(compensated.mean()).as("compensated, downscale %d", downscale).isLessThan(0.35);
            assertThat(compensated.fractionAbove()).isLessThan(downscale == 1 ? 0.05 : 0.35);
            assertThat(compensated.mean()).isLessThan(plain.mean() / 100);
        }
    }

    @Test
    void aTalkingMouthOnAStillCameraScoresHighEitherWay() {
        MotionReport plain = run(false, 1);
        MotionReport compensated = run(true, 1);
        for (MotionReport r : List.of(plain, compensated)) {
            ShotMotion talk = r.shots().get(1);
            assertThat(talk.fractionAbove()).isGreaterThan(0.5);
            assertThat(talk.max()).isGreaterThan(2);
            assertThat(talk.mean()).isGreaterThan(compensated.shots().get(0).mean() * 5);
        }
        // With a still camera nothing is warped: the compensated scores are the plain ones.
        assertThat(Arrays.copyOfRange(compensated.result().scores(), CUT, 2 * CUT))
                .containsExactly(Arrays.copyOfRange(plain.result().scores(), CUT, 2 * CUT));
    }

    @Test
    void thePanIsMeasuredToATenthOfAPixel() {
        MotionResult r = run(true, 1).result();
        for (int f = 1; f < CUT; f++) {
            assertThat(r.shiftX()[f]).as("frame %d", f).isCloseTo(-3.0, within(0.1));
            assertThat(r.shiftY()[f]).isCloseTo(0.0, within(0.1));
        }
        // No translation across the cut, none on the still camera.
        assertThat(r.shiftX()[CUT]).isZero();
        for (int f = CUT; f < 2 * CUT; f++) {
            assertThat(Math.abs(r.shiftX()[f])).isLessThan(0.3);
        }
    }
}
