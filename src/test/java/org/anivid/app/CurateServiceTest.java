package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.AppPaths;
import org.anivid.core.Clip;
import org.anivid.core.ClipStatus;
import org.anivid.core.CurationRun;
import org.anivid.core.Episode;
import org.anivid.demo.DemoTruth;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the demo episode, checked against its exact ground truth; resumable; keeps decisions. */
class CurateServiceTest {
    @TempDir
    Path tmp;

    private static CurateService.Options options() {
        return new CurateService.Options(TestData.file("models/anime_faceboxes_epoch90.pth").toString(),
                VideoFaceOptions.defaults(), org.anivid.curate.CurationRules.defaults(), false);
    }

    @Test
    void proposalsFallInExactlyTheShotsWithOneTalkingFaceAndDecisionsSurviveARerun() throws Exception {
        Path demoDir = AppPaths.demoDir().orElseThrow();
        DemoTruth truth = DemoTruth.read(demoDir.resolve("truth.json"));
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(demoDir.resolve("demo.mp4")), "Demo")).results().get(0).episode();
            CurateService service = new CurateService(lib);
            CurateService.Report report = JobQueue.runNow("curate", service.curateJob(List.of(episode), options()));
            assertThat(report.failures()).isZero();
            assertThat(report.episodes().get(0).analysed()).isTrue();
            assertThat(report.episodes().get(0).facesFound()).isTrue();

            List<Clip> clips = lib.clips().list(episode.id());
            for (DemoTruth.ShotTruth shot : truth.shots()) {
                boolean oneTalkingFace = shot.faces() == 1 && shot.talking();
                long inShot = clips.stream().filter(c -> c.range().start() >= shot.start()
                        && c.range().end() <= shot.end()).count();
                assertThat(inShot > 0).as("shot %d (%s): proposals %s", shot.index(), shot.kind(), clips)
                        .isEqualTo(oneTalkingFace);
            }
            assertThat(clips).allSatisfy(c -> assertThat(truth.shots().stream().anyMatch(s ->
                    c.range().start() >= s.start() && c.range().end() <= s.end())).as("%s inside one shot", c).isTrue());
            // Every frame is explained: proposed, or rejected with a reason.
            List<CurationRun> runs = lib.curationRuns().list(episode.id());
            assertThat(runs.stream().mapToInt(r -> r.range().length()).sum()).isEqualTo(480);
            assertThat(runs).anyMatch(r -> !r.proposed() && r.reason().equals("several_faces"));
            assertThat(runs).anyMatch(r -> !r.proposed() && r.reason().equals("low_motion"));

            // A person accepts one proposal and rejects another; curating again (new thresholds) keeps both.
            lib.clips().setStatus(clips.get(0).id(), ClipStatus.ACCEPTED, "looks good");
            lib.clips().setStatus(clips.get(1).id(), ClipStatus.REJECTED, "bad drawing");
            CurateService.Report again = JobQueue.runNow("curate", service.curateJob(List.of(episode),
                    new CurateService.Options(options().model(), options().faces(),
                            options().rules().withMotionThreshold(0.3f), false)));
            assertThat(again.episodes().get(0).analysed()).as("shots and motion are not redone").isFalse();
            assertThat(again.episodes().get(0).facesFound()).as("faces are not redone").isFalse();
            List<Clip> after = lib.clips().list(episode.id());
            assertThat(after).filteredOn(c -> c.id() == clips.get(0).id()).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClipStatus.ACCEPTED));
            assertThat(after).filteredOn(c -> c.id() == clips.get(1).id()).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(ClipStatus.REJECTED));
            assertThat(after.stream().filter(c -> c.range().equals(clips.get(0).range()))).hasSize(1);
        }
    }

    @Test
    void aMovedEpisodeFileIsReportedAndTheOthersStillRun() throws Exception {
        Path copy = Files.copy(AppPaths.demoDir().orElseThrow().resolve("demo.mp4"), tmp.resolve("copy.mp4"));
        try (Library lib = Library.open(tmp.resolve("lib2"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(copy), "Demo")).results().get(0).episode();
            Files.move(copy, tmp.resolve("moved.mp4"));
            CurateService.Report report = JobQueue.runNow("curate",
                    new CurateService(lib).curateJob(List.of(episode), options()));
            assertThat(report.failures()).isEqualTo(1);
            assertThat(report.episodes().get(0).error()).contains("copy.mp4").contains("no longer there");
            Files.move(tmp.resolve("moved.mp4"), copy);
            Files.write(copy, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
            report = JobQueue.runNow("curate", new CurateService(lib).curateJob(List.of(episode), options()));
            assertThat(report.episodes().get(0).error()).contains("changed since import");
        }
    }
}
