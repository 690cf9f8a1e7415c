package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.AppPaths;
import org.anivid.core.BoundingBox;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FaceTrack;
import org.anivid.core.FrameRange;
import org.anivid.core.Shot;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.faces.VideoFaces;
import org.anivid.faces.track.FrameFlag;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobQueue;
import org.anivid.jobs.JobTracker;
import org.anivid.library.AnalysisStore;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Face tracks and per-frame one-face flags of an episode, stored in the library. */
class FaceAnalysisServiceTest {
    @TempDir
    Path tmp;

    @Test
    void tracksAndFlagsAreStoredPerShotAndReplacedOnARerunKeepingManualBoxes() throws Exception {
        String model = TestData.file("models/anime_faceboxes_epoch90.pth").toString();
        Path demo = AppPaths.demoDir().orElseThrow().resolve("demo.mp4");
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(demo), "Demo")).results().get(0).episode();
            FaceAnalysisService service = new FaceAnalysisService(lib);
            VideoFaces.Result first = JobQueue.runNow("faces", service.facesJob(episode, model, VideoFaceOptions.defaults()));

            List<Shot> shots = lib.shots().list(episode.id());
            assertThat(shots).as("shots are found first when the episode has none").hasSize(7);
            List<FaceTrack> tracks = lib.faces().tracks(episode.id());
            assertThat(tracks).hasSize(first.tracks().size()).isNotEmpty();
            for (FaceTrack t : tracks) {
                Shot shot = shots.stream().filter(s -> s.id() == t.shotId()).findFirst().orElseThrow();
                assertThat(t.range().start()).isGreaterThanOrEqualTo(shot.range().start());
                assertThat(t.range().end()).as("track %s inside its shot %s", t, shot).isLessThanOrEqualTo(shot.range().end());
            }
            List<FaceBox> boxes = lib.faces().boxes(episode.id(), new FrameRange(0, 480));
            assertThat(boxes).hasSize(first.tracks().stream().mapToInt(t -> t.boxes().size()).sum());
            assertThat(boxes).allSatisfy(b -> assertThat(b.trackId()).isPositive());
            float[] flags = lib.analysis().series(episode.id(), AnalysisStore.FACE_FLAGS).orElseThrow().values();
            assertThat(flags).hasSize(480);
            FrameFlag[] stored = FaceAnalysisService.flags(lib, episode.id());
            int oneFace = 0;
            for (int i = 0; i < stored.length; i++) {
                assertThat(stored[i]).isEqualTo(first.flags().flag(i));
                oneFace += stored[i] == FrameFlag.ONE_FACE ? 1 : 0;
            }
            assertThat(oneFace).isGreaterThan(300);
            assertThat(lib.analysis().series(episode.id(), AnalysisStore.FACE_SCORES).orElseThrow().values()[10])
                    .isGreaterThan(0.6f);

            // A box a person drew stays through a re-run; automatic results are replaced, not duplicated.
            long manualTrack = lib.faces().insertTrack(episode.id(), shots.get(0).id(), new FrameRange(5, 6), "manual");
            lib.faces().insertBoxes(List.of(new FaceBox(0, episode.id(), 5, new BoundingBox(1, 2, 30, 40), 1f,
                    manualTrack, true)));
            JobQueue.runNow("faces", service.facesJob(episode, model, VideoFaceOptions.defaults()));
            assertThat(lib.faces().tracks(episode.id())).hasSize(first.tracks().size() + 1);
            assertThat(lib.faces().boxes(episode.id(), new FrameRange(5, 6))).anyMatch(FaceBox::manual);
        }
    }

    @Test
    void aCancelledRunStoresNothing() throws Exception {
        String model = TestData.file("models/lbpcascade_animeface.xml").toString();
        Path demo = AppPaths.demoDir().orElseThrow().resolve("demo.mp4");
        try (Library lib = Library.open(tmp.resolve("lib2"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(demo), "Demo")).results().get(0).episode();
            JobTracker tracker = new JobTracker("faces");
            tracker.cancel();
            assertThatThrownBy(() -> new FaceAnalysisService(lib).facesJob(episode, model, VideoFaceOptions.defaults())
                    .run(tracker)).isInstanceOf(JobCancelledException.class);
            assertThat(lib.faces().tracks(episode.id())).isEmpty();
            assertThat(lib.analysis().series(episode.id(), AnalysisStore.FACE_FLAGS)).isEmpty();
        }
    }
}
