package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.AppPaths;
import org.anivid.core.Episode;
import org.anivid.core.Shot;
import org.anivid.core.ShotMotion;
import org.anivid.jobs.JobQueue;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.anivid.motion.MotionOptions;
import org.anivid.motion.MotionService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shots and motion in one decode, with the motion model restarted at every cut, stored in one transaction. */
class AnalysisServiceTest {
    @TempDir
    Path tmp;

    @Test
    void demoEpisodeShotsAndMotionAreStored() throws Exception {
        Path demo = AppPaths.demoDir().orElseThrow().resolve("demo.mp4");
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportService.Report report = JobQueue.runNow("import",
                    new ImportService(lib, new FfmpegVideoProbe()).importJob(List.of(demo), "Demo"));
            Episode episode = report.results().get(0).episode();
            AnalysisService.Analysis a = JobQueue.runNow("analyze", new AnalysisService(lib).analyzeJob(episode));
            assertThat(a.cuts()).containsExactly(66, 138, 210, 276, 366, 414);

            List<Shot> shots = lib.shots().list(episode.id());
            assertThat(shots).extracting(s -> s.range().start()).containsExactly(0, 66, 138, 210, 276, 366, 414);
            assertThat(shots).allSatisfy(s -> assertThat(s.source()).isEqualTo("auto:adaptive"));
            var motion = lib.analysis().shotMotion(episode.id());
            assertThat(motion).hasSize(7);
            ShotMotion still = motion.get(shots.get(5).id());
            ShotMotion talking = motion.get(shots.get(0).id());
            assertThat(still.mean()).as("the still shot (a held drawing)").isLessThan(0.01);
            assertThat(talking.fractionAbove()).as("the talking close-up").isGreaterThan(0.5);
            assertThat(lib.analysis().series(episode.id(), AnalysisStore.MOTION_SCORES).orElseThrow().values())
                    .hasSize(480);
            assertThat(lib.analysis().series(episode.id(), AnalysisStore.SHOT_SCORES).orElseThrow().values())
                    .hasSize(480);
        }
    }

    /**
     * Cuts passed late during the shared decode give the same motion as a second pass that knew them up front; and the
     * camera shifts measured ahead on the analysis's estimator thread are the ones the scorer measures itself.
     */
    @Test
    void lateCutsMatchCutsKnownInAdvance() {
        Path demo = AppPaths.demoDir().orElseThrow().resolve("demo.mp4");
        MotionOptions options = MotionOptions.curation();
        AnalysisService.Analysis a = AnalysisService.analyze(demo, "adaptive", options,
                org.anivid.jobs.JobContext.silent());
        var reference = MotionService.score(demo, options.withDownscaleFactor(2), a.cuts(),
                org.anivid.jobs.JobContext.silent());
        assertThat(a.motion().analysisWidth()).isEqualTo(320);
        assertThat(reference.result().analysisWidth()).isEqualTo(320);
        double[] ours = a.motion().scores();
        double[] theirs = reference.result().scores();
        assertThat(ours).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("frame %d", i).isCloseTo(theirs[i], org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(a.motion().compensated()).isTrue();
        assertThat(a.motion().shiftX()).containsExactly(reference.result().shiftX());
        assertThat(a.motion().shiftY()).containsExactly(reference.result().shiftY());
        // The demo pans: the comparison covers frames with a measured shift, not only zeros.
        assertThat(java.util.Arrays.stream(a.motion().shiftX()).filter(x -> Math.abs(x) > 1).count()).isGreaterThan(10);
    }

    @Test
    void cancelledAnalysisStoresNothing() throws Exception {
        Path video = TestData.file("videos/onepiece_demo.mp4");
        try (Library lib = Library.open(tmp.resolve("lib2"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(video), "S")).results().get(0).episode();
            org.anivid.jobs.JobTracker tracker = new org.anivid.jobs.JobTracker("a");
            tracker.cancel();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AnalysisService(lib).analyzeJob(episode).run(tracker))
                    .isInstanceOf(org.anivid.jobs.JobCancelledException.class);
            assertThat(lib.shots().list(episode.id())).isEmpty();
            assertThat(lib.analysis().series(episode.id(), AnalysisStore.MOTION_SCORES)).isEmpty();
        }
    }
}
