package org.anivid.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoInfo;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching, scores and ground-truth reading; then the quality goal on the shared clips and the demo. */
class ShotEvaluationTest {
    @TempDir
    Path tmp;

    private static ShotService.Detection detection(List<Integer> cuts, double[] times, boolean vfr) {
        VideoInfo info = new VideoInfo(Path.of("x.mp4"), "mp4", "h264", 320, 180, 0, 24, times.length,
                times.length / 24.0, vfr, false, 1);
        ShotResult result = new ShotResult("adaptive", cuts, new double[times.length], Map.of());
        return new ShotService.Detection(Path.of("x.mp4"), info, times.length, 24, result, times, 0.1);
    }

    private static double[] uniform(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i / 24.0;
        }
        return t;
    }

    private static ShotEvaluation.VideoScore score(List<Integer> truth, List<Integer> predicted, int tolerance) {
        ShotEvaluation.TruthEntry entry = new ShotEvaluation.TruthEntry("x", Path.of("x.mp4"), truth, List.of(),
                Map.of());
        return ShotEvaluation.score(entry, detection(predicted, uniform(100), false), tolerance);
    }

    @Test
    void matchesOneToOneWithinTheTolerance() {
        ShotEvaluation.VideoScore s = score(List.of(10, 20, 30), List.of(11, 19, 21, 45), 1);
        assertThat(s.score().truePositives()).isEqualTo(2);
        assertThat(s.score().falsePositives()).isEqualTo(2);
        assertThat(s.score().falseNegatives()).isEqualTo(1);
        assertThat(s.missed()).containsExactly(30);
        assertThat(s.extra()).containsExactly(21, 45);
        assertThat(s.score().precision()).isCloseTo(0.5, within(1e-12));
        assertThat(s.score().recall()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(s.score().f1()).isCloseTo(2 * 0.5 * (2 / 3.0) / (0.5 + 2 / 3.0), within(1e-12));
        // Two predictions around one true cut: one matches, the other is a false cut.
        assertThat(score(List.of(10), List.of(9, 11), 1).score()).isEqualTo(new ShotEvaluation.Score(1, 1, 0));
        // Tolerance 0: exact frames only; a wider tolerance forgives more.
        assertThat(score(List.of(10, 20), List.of(11, 20), 0).score()).isEqualTo(new ShotEvaluation.Score(1, 1, 1));
        assertThat(score(List.of(10, 20), List.of(12, 22), 2).score()).isEqualTo(new ShotEvaluation.Score(2, 0, 0));
        // The sweep finds the most matches: 9 must go to 10 so that 11 can go to 12.
        assertThat(score(List.of(10, 12), List.of(9, 11), 1).score()).isEqualTo(new ShotEvaluation.Score(2, 0, 0));
    }

    @Test
    void emptySidesScoreByConvention() {
        assertThat(score(List.of(), List.of(), 1).score().f1()).isEqualTo(1.0);
        ShotEvaluation.Score none = score(List.of(5), List.of(), 1).score();
        assertThat(none.precision()).isEqualTo(1.0);
        assertThat(none.recall()).isZero();
        assertThat(none.f1()).isZero();
        ShotEvaluation.Score spurious = score(List.of(), List.of(5), 1).score();
        assertThat(spurious.precision()).isZero();
        assertThat(spurious.f1()).isZero();
    }

    @Test
    void variableFrameRateFilesAreMatchedByPresentationTime() {
        // Every third frame dropped: frame k shows at nominal frame k + k/2 (24 fps).
        double[] times = new double[60];
        for (int k = 0; k < times.length; k++) {
            times[k] = (k + k / 2) / 24.0;
        }
        // The truth says the cut is at 1.2917 s (nominal frame 31 = decoded frame 21) and gives a stale index 30.
        ShotEvaluation.TruthEntry entry = new ShotEvaluation.TruthEntry("vfr", Path.of("vfr.mp4"), List.of(30),
                List.of(31 / 24.0), Map.of());
        ShotEvaluation.VideoScore hit = ShotEvaluation.score(entry, detection(List.of(21), times, true), 1);
        assertThat(hit.matchedBy()).isEqualTo("time");
        assertThat(hit.score()).isEqualTo(new ShotEvaluation.Score(1, 0, 0));
        // One decoded frame off (a 2-nominal-frame step across the dropped frame) is within tolerance 1 ...
        assertThat(ShotEvaluation.score(entry, detection(List.of(22), times, true), 1).score().truePositives())
                .isEqualTo(1);
        // ... two are not.
        assertThat(ShotEvaluation.score(entry, detection(List.of(23), times, true), 1).score().truePositives())
                .isZero();
        // A constant-rate file is matched by index.
        assertThat(ShotEvaluation.score(entry, detection(List.of(30), uniform(60), false), 1).matchedBy())
                .isEqualTo("index");
    }

    @Test
    void readsBothGroundTruthFormats() throws IOException {
        Files.writeString(tmp.resolve("a.mp4"), "not read here");
        Files.writeString(tmp.resolve("b.mp4"), "not read here");
        Path gt = tmp.resolve("gt.json");
        Files.writeString(gt, """
                {"_conventions": "comment",
                 "a.mp4": {"cuts": [30, 10], "cut_times_s": [0.4, 1.2], "hard_negatives": {"15-17": "pose"}},
                 "b.mp4": {"cuts": [99], "cuts_decoded_index": [66]},
                 "c.mp4": {"cut_times_s": [], "motion_events": [[1, 2]]}}
                """);
        List<ShotEvaluation.Skipped> skipped = new ArrayList<>();
        List<ShotEvaluation.TruthEntry> entries = ShotEvaluation.readTruth(gt, skipped);
        assertThat(entries).extracting(ShotEvaluation.TruthEntry::key).containsExactly("a.mp4", "b.mp4");
        assertThat(entries.get(0).cuts()).containsExactly(10, 30);
        assertThat(entries.get(0).cutTimes()).containsExactly(0.4, 1.2);
        assertThat(entries.get(0).hardNegatives().get("15-17")).containsExactly(15, 17);
        assertThat(entries.get(0).video()).isEqualTo(tmp.resolve("a.mp4").toAbsolutePath());
        assertThat(entries.get(1).cuts()).containsExactly(66);
        assertThat(skipped).extracting(ShotEvaluation.Skipped::key).containsExactly("c.mp4");

        Path demo = tmp.resolve("truth.json");
        Files.writeString(demo, "{\"format\": \"anivid-demo-truth/1\", \"video\": \"a.mp4\", \"cuts\": [5, 9]}");
        assertThat(ShotEvaluation.readTruth(demo, new ArrayList<>())).singleElement()
                .satisfies(e -> assertThat(e.cuts()).containsExactly(5, 9));

        Files.writeString(gt, "{\"missing.mp4\": {\"cuts\": [1]}}");
        assertThatThrownBy(() -> ShotEvaluation.readTruth(gt, new ArrayList<>()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.mp4");
        Files.writeString(gt, "[1, 2]");
        assertThatThrownBy(() -> ShotEvaluation.readTruth(gt, new ArrayList<>()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("JSON object");
    }

    /** The quality goal: F1 = 1 at tolerance 1 on every shared clip with cut truth, no cut in 111-116. */
    @Test
    void sharedGroundTruthIsDetectedExactly() {
        Path gt = TestData.file("GROUND_TRUTH_cuts.json");
        ShotEvaluation.Evaluation e = ShotEvaluation.evaluate(gt, "adaptive", Map.of(), 1, JobContext.silent());
        assertThat(e.videos()).extracting(ShotEvaluation.VideoScore::key).contains("videos/onepiece_demo.mp4",
                "videos/pyscenedetect/issue-236-split-copy.mkv", "videos/pyscenedetect/issue-134-rotate.mp4",
                "videos/pyscenedetect/goldeneye-vfr-drop3.mp4", "videos/pyscenedetect/counter.mp4");
        for (ShotEvaluation.VideoScore v : e.videos()) {
            assertThat(v.score().f1()).as(v.key() + " predicted " + v.predicted()).isEqualTo(1.0);
            assertThat(v.hardNegativeCuts()).as(v.key()).isEmpty();
        }
        assertThat(e.videos()).filteredOn(v -> v.key().contains("goldeneye-vfr"))
                .singleElement().satisfies(v -> assertThat(v.matchedBy()).isEqualTo("time"));
        assertThat(e.overall().f1()).isEqualTo(1.0);
        assertThat(e.skipped()).extracting(ShotEvaluation.Skipped::key)
                .contains("videos/pyscenedetect/testvideo.mp4", "videos/dvr_scan/traffic_camera.mp4");
        Map<String, Object> json = e.toJson();
        assertThat(json).containsKeys("ground_truth", "detector", "tolerance", "videos", "skipped", "overall");
    }

    @Test
    void demoEpisodeIsDetectedExactly() {
        ShotEvaluation.Evaluation e = ShotEvaluation.evaluate(TestData.repo().resolve("assets/demo/truth.json"),
                "adaptive", Map.of(), 1, JobContext.silent());
        assertThat(e.videos()).singleElement().satisfies(v -> {
            assertThat(v.truth()).containsExactly(66, 138, 210, 276, 366, 414);
            assertThat(v.predicted()).isEqualTo(v.truth());
        });
        assertThat(e.overall().f1()).isEqualTo(1.0);
    }
}
