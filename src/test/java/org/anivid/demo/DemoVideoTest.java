package org.anivid.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoded episode, decoded again: what a shot detector, a face detector and a motion detector will see.
 * The episode is generated once for all tests (see {@link GeneratedDemo}).
 */
class DemoVideoTest {
    /** Mean absolute RGB difference (0-255) that every hard cut exceeds... */
    private static final double CUT_MIN = 40;
    /** ...and that consecutive frames of one shot stay under (outside flashes, fades, the pan, the subtitle). */
    private static final double SAME_SHOT_MAX = 3;

    private static GeneratedDemo demo;
    private static DemoTruth truth;

    @BeforeAll
    static void generate() {
        demo = GeneratedDemo.get();
        truth = demo.truth;
    }

    @Test
    void theVideoMatchesTheTruthsFormat() throws Exception {
        assertThat(truth.toJson()).isEqualTo(new DemoEpisodeGenerator().truth().toJson());
        assertThat(demo.decodedFrames).isEqualTo(truth.frameCount());
        assertThat(demo.info.frames()).isEqualTo(truth.frameCount());
        assertThat(demo.info.width()).isEqualTo(truth.width());
        assertThat(demo.info.height()).isEqualTo(truth.height());
        assertThat(demo.info.fps()).isEqualTo(truth.fps());
        assertThat(demo.info.codec()).isEqualTo("h264");
        assertThat(demo.info.variableFrameRate()).isFalse();
        assertThat(Files.size(demo.video)).isBetween(200_000L, 3_000_000L);
        try (var files = Files.list(demo.dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("demo.mp4", "truth.json");
        }
    }

    @Test
    void decodedFramesLookLikeTheDrawing() {
        int measured = 0;
        for (int f = 0; f < truth.frameCount(); f++) {
            if (!Double.isNaN(demo.psnr[f])) {
                assertThat(demo.psnr[f]).as("PSNR of frame %d", f).isGreaterThan(30);
                measured++;
            }
        }
        assertThat(measured).isGreaterThan(50);
    }

    @Test
    void everyHardCutIsABigChange() {
        int fadeIn = truth.fades().stream().filter(x -> x.type().equals("in")).findFirst().orElseThrow().start();
        for (int cut : truth.cuts()) {
            if (cut != fadeIn) {
                assertThat(demo.diff[cut]).as("difference at cut %d", cut).isGreaterThan(CUT_MIN);
            }
        }
    }

    @Test
    void insideShotsConsecutiveFramesDifferLittle() {
        List<String> big = new ArrayList<>();
        int checked = 0;
        for (int f = 1; f < truth.frameCount(); f++) {
            if (truth.cuts().contains(f) || exempt(f)) {
                continue;
            }
            checked++;
            if (demo.diff[f] > SAME_SHOT_MAX) {
                big.add(f + ":" + String.format("%.2f", demo.diff[f]));
            }
        }
        assertThat(big).as("frames differing from their predecessor by more than %s", SAME_SHOT_MAX).isEmpty();
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void aFlashIsBrightAndBriefNotACut() {
        for (int f : truth.flashes()) {
            assertThat(demo.mean[f]).as("brightness of flash frame %d", f).isGreaterThan(200);
        }
        int first = truth.flashes().get(0);
        int after = truth.flashes().get(truth.flashes().size() - 1) + 1;
        assertThat(demo.diff[first]).isGreaterThan(CUT_MIN);
        // Around the flash the picture is the same shot.
        assertThat(demo.mean[after] - demo.mean[first - 1]).isBetween(-3.0, 3.0);
    }

    @Test
    void theFadeGoesToBlackAndTheCutIsTheFirstFrameOfTheFadeIn() {
        DemoTruth.FadeTruth out = fade("out");
        DemoTruth.FadeTruth hold = fade("hold");
        DemoTruth.FadeTruth in = fade("in");
        for (int f = out.start(); f < out.end(); f++) {
            assertThat(demo.mean[f]).as("fading frame %d", f).isLessThan(demo.mean[f - 1]);
        }
        for (int f = hold.start(); f < hold.end(); f++) {
            assertThat(demo.mean[f]).as("black frame %d", f).isLessThan(2);
        }
        assertThat(demo.mean[in.start()]).isGreaterThan(demo.mean[in.start() - 1] + 3);
        for (int f = in.start() + 1; f < in.end(); f++) {
            assertThat(demo.mean[f]).as("fading-in frame %d", f).isGreaterThan(demo.mean[f - 1]);
        }
    }

    @Test
    void thePanMovesEveryFrame() {
        DemoTruth.ShotTruth pan = shot("pan");
        for (int f = pan.start() + 1; f < pan.end(); f++) {
            assertThat(demo.diff[f]).as("pan frame %d", f).isGreaterThan(SAME_SHOT_MAX).isLessThan(CUT_MIN);
            assertThat(truth.frames().get(f).faces().get(0).box()[0])
                    .isLessThan(truth.frames().get(f - 1).faces().get(0).box()[0]);
        }
    }

    @Test
    void theStillShotIsIdenticalUpToCodecNoise() {
        DemoTruth.ShotTruth still = shot("still");
        for (int f = still.start(); f < still.end(); f++) {
            assertThat(demo.stillDiff[f]).as("frame %d against the shot's first", f).isLessThan(0.5);
        }
    }

    @Test
    void heldDrawingsShowAsNearIdenticalPairs() {
        int pairs = 0;
        int changes = 0;
        for (DemoTruth.ShotTruth shot : truth.shots()) {
            if (shot.hold() != 2) {
                continue;
            }
            for (int f = shot.start() + 1; f < shot.end(); f++) {
                if (exempt(f) || Double.isNaN(demo.faceDiff[f])) {
                    continue;
                }
                if ((f - shot.start()) % 2 == 1) {
                    assertThat(demo.faceDiff[f]).as("face blocks, frame %d against %d", f, f - 1).isLessThan(10);
                    pairs++;
                } else if (drawingChanged(f)) {
                    assertThat(demo.faceDiff[f]).as("face blocks, new drawing on frame %d", f).isGreaterThan(30);
                    changes++;
                } else {
                    assertThat(demo.faceDiff[f]).as("face blocks, same drawing again on frame %d", f).isLessThan(10);
                }
            }
        }
        assertThat(pairs).isGreaterThan(150);
        assertThat(changes).isGreaterThan(50);
    }

    @Test
    void theSubtitleAppearsWithoutACut() {
        DemoTruth.SubtitleTruth subtitle = truth.subtitles().get(0);
        int f = subtitle.start();
        assertThat(truth.cuts()).doesNotContain(f);
        assertThat(demo.subtitleBandDiff[f]).isGreaterThan(8);
        assertThat(demo.diff[f]).isGreaterThan(SAME_SHOT_MAX / 2).isLessThan(CUT_MIN / 4);
    }

    @Test
    void faceBoxesCoverSkinInTheDecodedVideo() {
        int frames = 0;
        for (int f = 0; f < truth.frameCount(); f++) {
            if (!Double.isNaN(demo.skinFraction[f])) {
                assertThat(demo.skinFraction[f]).as("skin in the face boxes of frame %d", f).isGreaterThan(0.3);
                frames++;
            }
        }
        assertThat(frames).isGreaterThan(400);
    }

    /** Frames whose change from the previous one is by design not small: effects, the pan, the subtitle onset. */
    private static boolean exempt(int f) {
        DemoTruth.FrameTruth ft = truth.frames().get(f);
        DemoTruth.FrameTruth pt = truth.frames().get(f - 1);
        return shot("pan").range().contains(f) || ft.white() != pt.white() || ft.brightness() != pt.brightness()
                || ft.subtitle() != pt.subtitle();
    }

    private static boolean drawingChanged(int f) {
        DemoTruth.FrameTruth ft = truth.frames().get(f);
        DemoTruth.FrameTruth pt = truth.frames().get(f - 1);
        for (int i = 0; i < ft.faces().size() && i < pt.faces().size(); i++) {
            if (!ft.faces().get(i).mouth().equals(pt.faces().get(i).mouth())
                    || !ft.faces().get(i).eyes().equals(pt.faces().get(i).eyes())) {
                return true;
            }
        }
        return false;
    }

    private static DemoTruth.ShotTruth shot(String kind) {
        return truth.shots().stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static DemoTruth.FadeTruth fade(String type) {
        return truth.fades().stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
    }
}
