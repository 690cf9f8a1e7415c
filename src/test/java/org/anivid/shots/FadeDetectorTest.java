package org.anivid.shots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.TestData;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.Test;

/** Fades to black and white: PySceneDetect's ThresholdDetector placement and AniVid's first-fade-in-frame rule. */
class FadeDetectorTest {
    private static final Map<String, String> PYSCENEDETECT =
            Map.of("method", "floor", "placement", "midpoint");

    private static List<Integer> golden(String name) throws IOException {
        List<Integer> cuts = new ArrayList<>();
        new ObjectMapper().readTree(TestData.file("videos/pyscenedetect/goldens/" + name).toFile()).get("cuts")
                .forEach(n -> cuts.add(n.asInt()));
        return cuts;
    }

    private static ShotService.Detection fade(Path video, Map<String, String> options) {
        return ShotService.detect(video, "fade", options, JobContext.silent());
    }

    @Test
    void midpointPlacementReproducesPySceneDetectsThresholdDetector() throws IOException {
        assertThat(fade(TestData.file("videos/pyscenedetect/fades.mp4"), PYSCENEDETECT).cuts())
                .isEqualTo(golden("fades.mp4.ThresholdDetector.default.json"));
        // testvideo: [15, 198, 377] upstream; the last fade-in crosses the threshold one frame apart here.
        List<Integer> upstream = golden("testvideo.mp4.ThresholdDetector.default.json");
        List<Integer> ours = fade(TestData.file("videos/pyscenedetect/testvideo.mp4"), PYSCENEDETECT).cuts();
        assertThat(ours).hasSameSizeAs(upstream);
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i)).isBetween(upstream.get(i) - 1, upstream.get(i) + 1);
        }
    }

    @Test
    void theCutIsTheFirstFrameOfTheFadeIn() {
        // Demo: fade out 262-273, black 274-275, fade in from 276 (whose mean, 11.5, is still under the threshold).
        Path demo = TestData.repo().resolve("assets/demo/demo.mp4");
        ShotService.Detection d = fade(demo, Map.of());
        assertThat(d.cuts()).containsExactly(276);
        assertThat(d.result().scores()[276]).isLessThan(12);
        // PySceneDetect cuts in the middle of the dark run instead.
        assertThat(fade(demo, PYSCENEDETECT).cuts()).containsExactly(275);
    }

    @Test
    void fadesToBlackAndToWhiteOnTheFadesClip() {
        // fades.mp4 is one grey picture fading between black and white. Without the return check every blank run
        // is a cut at the first frame leaving the blank plateau, black and white alike.
        Path video = TestData.file("videos/pyscenedetect/fades.mp4");
        ShotService.Detection d = fade(video, Map.of("return-check", "false"));
        double[] mean = d.result().scores();
        assertThat(d.cuts()).containsExactly(43, 86, 127, 169, 210);
        for (int cut : d.cuts()) {
            boolean white = mean[cut - 1] > 128;
            double before = white ? 255 - mean[cut - 1] : mean[cut - 1];
            double at = white ? 255 - mean[cut] : mean[cut];
            assertThat(before).isLessThan(12);
            assertThat(at).isGreaterThan(before + FrameAnalyzer.FADE_STEP);
        }
        // With it (the default), a fade that comes back to the very same picture is no cut.
        assertThat(fade(video, Map.of()).cuts()).isEmpty();
        assertThat(fade(video, Map.of("method", "floor", "return-check", "false")).cuts()).containsExactly(86, 169);
    }

    @Test
    void noFadesNoCuts() {
        assertThat(fade(TestData.file("videos/onepiece_demo.mp4"), Map.of()).cuts()).isEmpty();
        assertThat(fade(TestData.file("videos/pyscenedetect/counter.mp4"), Map.of()).cuts()).isEmpty();
    }
}
