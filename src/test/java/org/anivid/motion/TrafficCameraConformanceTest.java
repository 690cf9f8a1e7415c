package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anivid.TestData;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DVR-Scan conformance on its own test clip, with the settings and expectations of DVR-Scan's
 * {@code tests/test_scan_context.py}: region 631,532 210×127 (the polygon of GROUND_TRUTH_cuts.json),
 * min_event_len 4, time_pre_event 0, default time_post_event (2 s = 50 frames at 25 fps).
 */
class TrafficCameraConformanceTest {
    private static final String KEY = "videos/dvr_scan/traffic_camera.mp4";
    private static MotionReport report;
    private static List<int[]> expected;

    @BeforeAll
    static void scoreOnce() throws Exception {
        Path video = TestData.file(KEY);
        JsonNode gt = new ObjectMapper().readTree(TestData.file("GROUND_TRUTH_cuts.json").toFile()).get(KEY);
        expected = new ArrayList<>();
        gt.get("motion_events").forEach(e -> expected.add(new int[] {e.get(0).asInt(), e.get(1).asInt()}));
        MotionOptions options = MotionOptions.dvrScan()
                .withRoi(MotionOptions.parseRoi("631,532 841,532 841,659 631,659"))
                .withEvents(4, 0, MotionOptions.DVR_SCAN_DEFAULT);
        report = MotionService.score(video, options, JobContext.silent());
    }

    @Test
    void eventsAreExactlyDvrScans() {
        MotionResult r = report.result();
        assertThat(expected).hasSize(3);
        assertThat(r.frames()).isEqualTo(576);
        assertThat(r.kernelSize()).isEqualTo(5);
        assertThat(r.events()).containsExactlyElementsOf(expected);
        assertThat(r.events()).containsExactly(new int[] {9, 149}, new int[] {358, 491}, new int[] {542, 576});
    }

    /** DVR-Scan's test_pre_event_shift and test_post_event_shift, from the same scores. */
    @Test
    void preAndPostEventShiftsAreDvrScans() {
        MotionResult r = report.result();
        assertThat(r.eventsFor(0.15, 4, 6, 50))
                .containsExactly(new int[] {3, 149}, new int[] {352, 491}, new int[] {536, 576});
        assertThat(r.eventsFor(0.15, 4, 0, 40))
                .containsExactly(new int[] {9, 139}, new int[] {358, 481}, new int[] {542, 576});
    }

    @Test
    void scoresAreOnDvrScansScale() {
        double[] s = report.result().scores();
        assertThat(s[0]).isZero();
        // 255 × (moving pixels) / (210 × 127): every score is a whole number of pixels of the region.
        for (double v : s) {
            double pixels = v * 210 * 127 / 255;
            assertThat(Math.abs(pixels - Math.rint(pixels))).isLessThan(1e-6);
        }
        // The first event's trigger frames pass 0.15 (a single 5×5-opened blob is 0.23 already).
        for (int f = 9; f <= 12; f++) {
            assertThat(s[f]).isGreaterThanOrEqualTo(0.15);
        }
        assertThat(s[8]).isLessThan(0.15);
    }

    @Test
    void jsonHasTheContractKeys() {
        Map<String, Object> m = report.toJsonMap(true);
        assertThat(m).containsKeys("video", "frames", "scores", "events");
        assertThat(m.get("frames")).isEqualTo(576);
        assertThat(m.get("events")).isEqualTo(List.of(List.of(9, 149), List.of(358, 491), List.of(542, 576)));
        assertThat((List<?>) m.get("scores")).hasSize(576);
        assertThat(m.get("time_post_event")).isEqualTo(50);
        assertThat(report.toJsonMap(false)).doesNotContainKey("scores");
    }
}
