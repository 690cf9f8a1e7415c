package org.anivid.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.demo.DemoTruth;
import org.anivid.jobs.JobContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-shot motion on the bundled demo episode ({@code assets/demo}), analysed at half size (320×180) with a fresh
 * background model at every true cut. Shot 5 is one held drawing; every other shot has a talking face.
 */
class DemoEpisodeMotionTest {
    private static final Logger LOG = LoggerFactory.getLogger(DemoEpisodeMotionTest.class);
    private static Path video;
    private static DemoTruth truth;

    @BeforeAll
    static void load() {
        video = TestData.repo().resolve("assets/demo/demo.mp4");
        truth = DemoTruth.read(TestData.repo().resolve("assets/demo/truth.json"));
    }

    private static List<ShotMotion> shots(MotionOptions options, List<Integer> cuts) {
        MotionReport r = MotionService.score(video, options.withDownscaleFactor(2), cuts, JobContext.silent());
        List<ShotMotion> shots = r.result().perShot(truth.cuts());
        for (ShotMotion s : shots) {
            DemoTruth.ShotTruth t = truth.shots().get(s.shot());
            LOG.info("{} cuts: shot {} {} talking={} mean {} max {} above {}", cuts.isEmpty() ? "no" : "with",
                    s.shot(), t.kind(), t.talking(), String.format("%.3f", s.mean()), String.format("%.2f", s.max()),
                    String.format("%.2f", s.fractionAbove()));
        }
        return shots;
    }

    @Test
    void curationStatisticsSeparateTalkingShotsFromTheStillShot() {
        List<ShotMotion> shots = shots(MotionOptions.curation(), truth.cuts());
        assertThat(shots).hasSize(truth.shots().size());
        for (ShotMotion s : shots) {
            DemoTruth.ShotTruth t = truth.shots().get(s.shot());
            assertThat(s.start()).isEqualTo(t.start());
            assertThat(s.scoredFrames()).isEqualTo(t.end() - t.start() - 1);
            if (t.talking()) {
                assertThat(s.fractionAbove()).as("shot %d (%s)", s.shot(), t.kind()).isGreaterThan(0.5);
                assertThat(s.moving(0.5)).isTrue();
            } else {
                assertThat(s.max()).as("still shot").isZero();
                assertThat(s.moving(0.01)).isFalse();
            }
        }
    }

    @Test
    void dvrScanDefaultsAlsoLeaveTheStillShotAtZero() {
        List<ShotMotion> shots = shots(MotionOptions.dvrScan().withThreshold(0.35), truth.cuts());
        for (ShotMotion s : shots) {
            DemoTruth.ShotTruth t = truth.shots().get(s.shot());
            if (t.talking()) {
                assertThat(s.max()).as("shot %d (%s)", s.shot(), t.kind()).isGreaterThan(2);
                assertThat(s.fractionAbove()).isGreaterThan(0.05);
            } else {
                assertThat(s.max()).isZero();
            }
        }
    }

    @Test
    void withoutResetsThePreviousShotLeaksIntoTheStillShot() {
        ShotMotion still = shots(MotionOptions.curation(), List.of()).get(5);
        assertThat(truth.shots().get(5).kind()).isEqualTo("still");
        assertThat(still.max()).as("one model for the whole episode").isGreaterThan(1);
    }
}
