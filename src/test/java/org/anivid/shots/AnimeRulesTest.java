package org.anivid.shots;

import static org.anivid.shots.Footage.concat;
import static org.anivid.shots.Footage.cuts;
import static org.anivid.shots.Footage.demo;
import static org.anivid.shots.Footage.demoRun;
import static org.anivid.shots.Footage.hold;
import static org.anivid.shots.Footage.towards;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * The anime rules of the adaptive detector, each on generated footage (the demo episode's drawings, re-timed and
 * edited), each beside the run that shows the rule is needed (PySceneDetect's detector alone, or the rule off).
 */
class AnimeRulesTest {

    /** The camera pan of the demo animated on threes: 18 px (at 640 wide) per drawing, each drawing held 3 frames. */
    private static List<RgbImage> panOnThrees(int drawings) {
        List<RgbImage> out = new ArrayList<>();
        for (int k = 0; k < drawings; k++) {
            out.addAll(hold(demo(138 + 6 * k), 3));
        }
        return out;
    }

    @Test
    void drawingsHeldOnThreesAreNotCuts() {
        // talking close-up (24) | pan on threes (36) | still classroom (24)
        List<RgbImage> footage = concat(demoRun(0, 24), panOnThrees(12), demoRun(366, 24));
        assertThat(cuts(footage)).containsExactly(24, 60);
        // PySceneDetect's ±2-frame window sees held zeros around every new drawing and cuts on them.
        assertThat(cuts(footage, "anime=false", "min-scene-len=0")).filteredOn(c -> c > 24 && c < 60).isNotEmpty();
    }

    @Test
    void heldDrawingsDoNotZeroTheWindow() {
        // Without skipping held frames the window of a new drawing is all zeros: ratio 255, a cut on every drawing.
        List<RgbImage> footage = concat(demoRun(0, 24), panOnThrees(12), demoRun(366, 24));
        assertThat(cuts(footage, "held-max=0", "held-area=0")).filteredOn(c -> c > 24 && c < 60).isNotEmpty();
    }

    @Test
    void filmGrainDoesNotMakeHeldDrawingsLookLikeMotion() {
        // Grain changes every held frame a little (content_val about 4.5, defined-colour about 3+), but hardly any
        // pixel by 24 levels: held frames stay held, the new drawings keep their context.
        List<RgbImage> clean = concat(demoRun(0, 24), panOnThrees(12), demoRun(366, 24));
        List<RgbImage> grainy = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            grainy.add(Footage.grain(clean.get(i), i, 16));
        }
        ShotResult result = Footage.detect(ShotDetectors.DEFAULT, java.util.Map.of(), grainy);
        assertThat(java.util.Arrays.stream(result.scores(), 1, 24).min().orElseThrow()).isGreaterThan(3.0);
        assertThat(result.cuts()).containsExactly(24, 60);
        assertThat(cuts(grainy, "held-area=0")).filteredOn(c -> c > 24 && c < 60).isNotEmpty();
    }

    @Test
    void cutsAFewHeldFramesApartAreBothFound() {
        // A (moving) | B: 9 frames of one held drawing | C (still): B's frames carry no motion, so each cut's window
        // reaches the other cut; deciding in rounds takes the first cut out of the second's window.
        List<RgbImage> footage = concat(demoRun(0, 20), hold(demo(230), 9), hold(demo(366), 20));
        assertThat(cuts(footage)).containsExactly(20, 29);
    }

    @Test
    void minimumShotLengthIsEightFrames() {
        List<RgbImage> tooShort = concat(demoRun(0, 20), demoRun(138, 5), demoRun(366, 20));
        assertThat(cuts(tooShort)).containsExactly(20);
        List<RgbImage> longEnough = concat(demoRun(0, 20), demoRun(138, 8), demoRun(366, 20));
        assertThat(cuts(longEnough)).containsExactly(20, 28);
        assertThat(cuts(tooShort, "min-scene-len=3")).containsExactly(20, 25);
    }

    @Test
    void whiteFlashesAndImpactFramesAreNotCuts() {
        // Inside the pan (the camera moves every frame): a 1-frame white flash, a 2-frame impact (inverted colours),
        // a 3-frame flash fading out, a 1-frame black frame.
        List<RgbImage> pan = new ArrayList<>(demoRun(138, 72));
        pan.set(12, towards(pan.get(12), 255, 1.0));
        pan.set(28, Footage.inverted(pan.get(28)));
        pan.set(29, Footage.inverted(pan.get(29)));
        pan.set(44, towards(pan.get(44), 255, 1.0));
        pan.set(45, towards(pan.get(45), 255, 0.9));
        pan.set(46, towards(pan.get(46), 255, 0.6));
        pan.set(60, towards(pan.get(60), 0, 1.0));
        List<RgbImage> footage = concat(demoRun(0, 20), pan, demoRun(366, 20));
        assertThat(cuts(footage)).containsExactly(20, 92);
        // Without the flash rule the spikes cut.
        assertThat(cuts(footage, "flash-max=0", "min-scene-len=0")).filteredOn(c -> c > 20 && c < 92).isNotEmpty();
    }

    @Test
    void aFadeThroughWhiteCutsAtTheFirstFadeInFrame() {
        List<RgbImage> footage = new ArrayList<>(demoRun(0, 30));
        for (int i = 1; i <= 8; i++) {
            footage.add(towards(demo(29 + i), 255, i / 8.0)); // frames 30..37 fade out to white
        }
        footage.addAll(hold(towards(demo(40), 255, 1.0), 2)); // 38, 39 white
        for (int i = 8; i >= 1; i--) {
            footage.add(towards(demo(300 + 8 - i), 255, i / 9.0)); // 40..47 fade in: the park shot
        }
        footage.addAll(demoRun(308, 20));
        assertThat(cuts(footage)).containsExactly(40);
        assertThat(cuts(footage, "fades=false")).doesNotContain(40);
    }

    @Test
    void aWhiteOutThatComesBackToTheSameShotIsNotACut() {
        List<RgbImage> footage = new ArrayList<>(demoRun(0, 30));
        for (int i = 1; i <= 6; i++) {
            footage.add(towards(demo(29 + i), 255, i / 6.0));
        }
        footage.addAll(hold(towards(demo(36), 255, 1.0), 4));
        for (int i = 6; i >= 1; i--) {
            footage.add(towards(demo(46 - i), 255, i / 7.0));
        }
        footage.addAll(demoRun(46, 20));
        assertThat(cuts(footage)).isEmpty();
    }

    @Test
    void aSpeechBubbleAppearingInAStillShotIsNotACut() {
        // A bubble over about a fifth of the picture: content_val 24, above min-content-val, in a shot held still,
        // so PySceneDetect's window is all zeros and it cuts. It changes about a third of the picture at most.
        RgbImage still = demo(366);
        RgbImage withBubble = Footage.bubble(still, 460, 110, 170, 95);
        List<RgbImage> footage = concat(hold(still, 30), hold(withBubble, 30));
        assertThat(cuts(footage)).isEmpty();
        assertThat(cuts(footage, "anime=false", "min-scene-len=0")).containsExactly(30);
        assertThat(cuts(footage, "min-changed-area=0")).containsExactly(30);
        // A real cut to another shot carrying the same bubble is still a cut.
        assertThat(cuts(concat(hold(still, 30), hold(Footage.bubble(demo(414), 460, 110, 170, 95), 30))))
                .containsExactly(30);
    }

    @Test
    void aFastZoomInsideAShotIsNotACut() {
        List<RgbImage> footage = new ArrayList<>(hold(demo(366), 20));
        for (int i = 1; i <= 30; i++) {
            footage.add(Footage.zoom(demo(366), Math.pow(1.08, i)));
        }
        footage.addAll(hold(Footage.zoom(demo(366), Math.pow(1.08, 30)), 20));
        ShotResult result = Footage.detect(ShotDetectors.DEFAULT, java.util.Map.of(), footage);
        // Every frame of the zoom changes a lot (above min-content-val), all alike: the adaptive ratio stays low.
        assertThat(java.util.Arrays.stream(result.scores(), 21, 50).filter(v -> v >= 15).count()).isGreaterThan(10);
        assertThat(result.cuts()).isEmpty();
    }
}
