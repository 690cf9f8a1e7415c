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

/**
 * The PySceneDetect semantics, against PySceneDetect's own expected outputs ({@code videos/pyscenedetect/goldens}),
 * and the real clips where its detector alone goes wrong. Goldens number frames at the nominal frame rate;
 * on the variable-frame-rate clip they are mapped to decoded frames by presentation time.
 */
class ReferenceDetectorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> PYSCENEDETECT = Map.of("anime", "false");

    private static ShotService.Detection detect(String video, String detector, Map<String, String> options) {
        return ShotService.detect(TestData.file(video), detector, options, JobContext.silent());
    }

    private static List<Integer> golden(String name) throws IOException {
        Path file = TestData.file("videos/pyscenedetect/goldens/" + name);
        List<Integer> cuts = new ArrayList<>();
        MAPPER.readTree(file.toFile()).get("cuts").forEach(n -> cuts.add(n.asInt()));
        return cuts;
    }

    /** Golden frame numbers (at the nominal 24000/1001 fps) as decoded frames of a VFR file. */
    private static List<Integer> decodedFrames(List<Integer> nominal, ShotService.Detection d) {
        List<Integer> out = new ArrayList<>();
        for (int f : nominal) {
            out.add(ShotEvaluation.nearestFrame(d.times(), f * 1001 / 24000.0));
        }
        return out;
    }

    @Test
    void adaptiveWithoutAnimeRulesReproducesPySceneDetect() throws IOException {
        assertThat(detect("videos/pyscenedetect/counter.mp4", "adaptive", PYSCENEDETECT).cuts())
                .isEqualTo(golden("counter.mp4.AdaptiveDetector.default.json"));
        assertThat(detect("videos/pyscenedetect/fades.mp4", "adaptive", PYSCENEDETECT).cuts())
                .isEqualTo(golden("fades.mp4.AdaptiveDetector.default.json"));
        ShotService.Detection vfr = detect("videos/pyscenedetect/goldeneye-vfr-drop3.mp4", "adaptive", PYSCENEDETECT);
        assertThat(vfr.cuts()).isEqualTo(decodedFrames(golden("goldeneye-vfr-drop3.mp4.AdaptiveDetector.default.json"),
                vfr)).containsExactly(60, 140);
    }

    @Test
    void contentDetectorReproducesPySceneDetect() throws IOException {
        assertThat(detect("videos/pyscenedetect/counter.mp4", "content", Map.of()).cuts())
                .isEqualTo(golden("counter.mp4.ContentDetector.default.json"));
        assertThat(detect("videos/pyscenedetect/fades.mp4", "content", Map.of()).cuts())
                .isEqualTo(golden("fades.mp4.ContentDetector.default.json"));
        ShotService.Detection vfr = detect("videos/pyscenedetect/goldeneye-vfr-drop3.mp4", "content", Map.of());
        assertThat(vfr.cuts()).isEqualTo(decodedFrames(golden("goldeneye-vfr-drop3.mp4.ContentDetector.default.json"),
                vfr));
        // Why counter has none: its first cut comes 10 frames in (under the 15-frame minimum) and its second, a
        // pure hue change of a flat background, scores 25.9, under the threshold 27.
        assertThat(detect("videos/pyscenedetect/counter.mp4", "content", Map.of("min-scene-len", "5")).cuts())
                .containsExactly(10);
        assertThat(detect("videos/pyscenedetect/counter.mp4", "content",
                Map.of("min-scene-len", "5", "threshold", "25")).cuts()).containsExactly(10, 20);
    }

    @Test
    void onePiecePoseChangeOnThreesFoolsPySceneDetectButNotTheHeldDrawingWindow() {
        // The documented hard negative: PySceneDetect's AdaptiveDetector cuts at 115 (pose change + subtitle,
        // drawings held on threes).
        assertThat(detect("videos/onepiece_demo.mp4", "adaptive", PYSCENEDETECT).cuts()).contains(100, 115);
        assertThat(detect("videos/onepiece_demo.mp4", "adaptive", Map.of()).cuts()).containsExactly(100);
        assertThat(detect("videos/onepiece_demo.mp4", "adaptive", Map.of("held-max", "0", "held-area", "0")).cuts())
                .filteredOn(c -> c >= 111 && c <= 116).isNotEmpty();
    }

    @Test
    void chromaNoiseInADarkFrameIsNotACut() {
        // issue-134-rotate frame 150: a camera jolt in a dark shot; hue and saturation of its dark pixels swing
        // (content_val 16, above min-content-val) while the value hardly changes.
        assertThat(detect("videos/pyscenedetect/issue-134-rotate.mp4", "adaptive", PYSCENEDETECT).cuts())
                .contains(150);
        assertThat(detect("videos/pyscenedetect/issue-134-rotate.mp4", "adaptive", Map.of()).cuts())
                .containsExactly(90, 210);
        assertThat(detect("videos/pyscenedetect/issue-134-rotate.mp4", "adaptive",
                Map.of("defined-check", "false")).cuts()).contains(150);
    }

    @Test
    void theDemoFlashFoolsPySceneDetectButNotTheFlashRule() {
        Path demo = TestData.repo().resolve("assets/demo/demo.mp4");
        ShotService.Detection plain = ShotService.detect(demo, "adaptive", PYSCENEDETECT, JobContext.silent());
        assertThat(plain.cuts()).contains(100);
        ShotService.Detection anime = ShotService.detect(demo, "adaptive", Map.of(), JobContext.silent());
        assertThat(anime.cuts()).containsExactly(66, 138, 210, 276, 366, 414);
    }
}
