package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.AppPaths;
import org.anivid.core.BoundingBox;
import org.anivid.core.DetectorModel;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.demo.DemoTruth;
import org.anivid.faces.VideoFaceOptions;
import org.anivid.faces.VideoFaces;
import org.anivid.faces.data.LabelledImage;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Improve detector from my corrections": a real fine-tune on the demo episode's corrected boxes. */
class DetectorImprovementTest {
    @TempDir
    Path tmp;

    @Test
    void correctedFramesAreHeldOutWholeRunsAtATime() {
        List<LabelledImage> frames = new ArrayList<>();
        for (int f : new int[] {10, 12, 14, 16, 100, 102, 104, 300, 302, 304, 306, 308}) {
            frames.add(picture("manual:1#" + f));
        }
        frames.add(picture("manual:2#10"));
        DetectorImprovement.Split split = DetectorImprovement.holdOut(frames, 0);
        assertThat(split.train().size() + split.heldOut().size()).isEqualTo(frames.size());
        assertThat(split.heldOut()).isNotEmpty();
        assertThat(split.train()).isNotEmpty();
        // Every run lies wholly on one side.
        for (List<String> run : List.of(List.of("manual:1#10", "manual:1#12", "manual:1#14", "manual:1#16"),
                List.of("manual:1#100", "manual:1#102", "manual:1#104"), List.of("manual:1#300", "manual:1#308"))) {
            boolean anyHeld = split.heldOut().stream().anyMatch(li -> run.contains(li.origin()));
            boolean anyTrained = split.train().stream().anyMatch(li -> run.contains(li.origin()));
            assertThat(anyHeld && anyTrained).as("run %s split across sides", run).isFalse();
        }
        assertThat(split.heldOut().size()).isBetween(1, 7);

        // One run: nothing to hold out without cutting it, so everything is trained on.
        DetectorImprovement.Split one = DetectorImprovement.holdOut(frames.subList(0, 4), 0);
        assertThat(one.heldOut()).isEmpty();
        assertThat(one.train()).hasSize(4);
    }

    @Test
    void aLibraryWithoutCorrectionsIsToldSo() {
        try (Library lib = Library.open(tmp.resolve("empty"))) {
            DetectorImprovement service = new DetectorImprovement(lib);
            assertThatThrownBy(() -> JobQueue.runNow("improve", service.improveJob(
                    DetectorImprovement.Options.defaults().withBaseModel(shippedModel()))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("no corrected face boxes");
            assertThat(lib.detectorModels().list()).isEmpty();
        }
    }

    @Test
    void correctionsWithOnlyUnusableBoxesAreToldSo() throws Exception {
        Path demo = AppPaths.demoDir().orElseThrow();
        try (Library lib = Library.open(tmp.resolve("unusable"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(demo.resolve("demo.mp4")), "Demo")).results().get(0).episode();
            long track = lib.faces().insertTrack(episode.id(), null, new FrameRange(3, 5), "manual");
            lib.faces().insertBoxes(List.of(
                    new FaceBox(0, episode.id(), 3, new BoundingBox(5000, 10, 5100, 90), 1f, track, true),
                    new FaceBox(0, episode.id(), 4, new BoundingBox(40, 40, 40, 90), 1f, track, true)));
            DetectorImprovement service = new DetectorImprovement(lib);
            assertThatThrownBy(() -> JobQueue.runNow("improve", service.improveJob(
                    DetectorImprovement.Options.defaults().withBaseModel(shippedModel()))))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("the 2 corrected frames of this library hold no usable box");
            assertThat(lib.detectorModels().list()).isEmpty();
        }
    }

    @Test
    void aModelThatScoredWorseCannotBeKept() {
        try (Library lib = Library.open(tmp.resolve("worse"))) {
            DetectorModel worse = lib.detectorModels().addCandidate(new DetectorModel(0, "models/x.params", "base", "lbp-anime", 10,
                    4, 0.8, 0.6, 0.9, 0.95, DetectorModel.State.CANDIDATE, null, null));
            DetectorImprovement service = new DetectorImprovement(lib);
            assertThatThrownBy(() -> service.keep(worse.id())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("scored worse");
            assertThat(lib.detectorModels().current()).isEmpty();
            service.discard(worse.id());
            assertThat(lib.detectorModels().get(worse.id()).orElseThrow().state())
                    .isEqualTo(DetectorModel.State.DISCARDED);
            assertThatThrownBy(() -> lib.detectorModels().decide(worse.id(), DetectorModel.State.KEPT))
                    .hasMessageContaining("no undecided detector model");
        }
    }

    @Test
    void fineTunesOnCorrectionsAndTheKeptModelFindsTheFaces() throws Exception {
        Path demo = AppPaths.demoDir().orElseThrow();
        DemoTruth truth = DemoTruth.read(demo.resolve("truth.json"));
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            Episode episode = JobQueue.runNow("import", new ImportService(lib, new FfmpegVideoProbe())
                    .importJob(List.of(demo.resolve("demo.mp4")), "Demo")).results().get(0).episode();
            // The animator corrected two shots: the talking one (frames 0–30) and the still one (366–396).
            int corrected = 0;
            for (int[] range : new int[][] {{0, 30}, {366, 396}}) {
                long track = lib.faces().insertTrack(episode.id(), null, new FrameRange(range[0], range[1]), "manual");
                List<FaceBox> boxes = new ArrayList<>();
                for (int f = range[0]; f < range[1]; f += 3) {
                    for (DemoTruth.FaceTruth face : truth.frames().get(f).faces()) {
                        boxes.add(new FaceBox(0, episode.id(), f, face.boundingBox(), 1f, track, true));
                    }
                    corrected++;
                }
                lib.faces().insertBoxes(boxes);
            }
            DetectorImprovement service = new DetectorImprovement(lib);
            DetectorImprovement.Options options = DetectorImprovement.Options.defaults()
                    .withBaseModel(shippedModel()).withEpochs(2).withReplay(16, 24);

            // Stopped while fine-tuning: nothing is recorded and nothing is left on disk.
            boolean[] stop = {false};
            JobContext stopsWhileTraining = new JobContext() {
                @Override
                public void progress(long done, long total) {
                }

                @Override
                public void message(String message) {
                    stop[0] |= message.startsWith("fine-tuning");
                }

                @Override
                public boolean isCancelled() {
                    return stop[0];
                }
            };
            assertThatThrownBy(() -> service.improveJob(options).run(stopsWhileTraining))
                    .isInstanceOf(JobCancelledException.class);
            assertThat(lib.detectorModels().list()).isEmpty();
            assertThat(lib.folder().resolve("models")).doesNotExist();
            assertThat(lib.cacheDir().resolve("detector-runs")).isEmptyDirectory();

            DetectorModel model = JobQueue.runNow("improve", service.improveJob(options));

            assertThat(model.state()).isEqualTo(DetectorModel.State.CANDIDATE);
            assertThat(model.trainedFrames() + model.heldOutFrames()).isEqualTo(corrected);
            assertThat(model.heldOutFrames()).as("one of the two shots is held out").isEqualTo(corrected / 2);
            assertThat(model.heldOutBefore()).isBetween(0.0, 1.0);
            assertThat(model.heldOutAfter()).isBetween(0.0, 1.0);
            assertThat(model.comparedWith()).isEqualTo(service.currentDetector());
            assertThat(model.generatedAfter()).as("fine-tuned from the shipped model, it finds generated faces")
                    .isGreaterThan(0.5);
            Path file = lib.folder().resolve(model.file());
            assertThat(file).isRegularFile();
            assertThat(lib.jobRuns().list()).anyMatch(r -> r.kind().equals("improve-detector"));

            if (model.notWorse()) {
                service.keep(model.id());
                assertThat(service.currentModelFile()).contains(file);
                // "Find faces" with no model named now uses the kept model.
                VideoFaces.Result found = JobQueue.runNow("faces", new FaceAnalysisService(lib).facesJob(episode,
                        null, VideoFaceOptions.defaults()));
                assertThat(found.detector()).isEqualTo(file.getFileName().toString());
                assertThat(lib.faces().boxes(episode.id(), new FrameRange(0, 480))).anyMatch(b -> !b.manual());
            } else {
                assertThatThrownBy(() -> service.keep(model.id())).isInstanceOf(InvalidInputException.class);
                service.discard(model.id());
                assertThat(file).doesNotExist();
            }
        }
    }

    private static Path shippedModel() {
        Path model = TestData.repo().resolve("models/anivid_faces.params");
        assertThat(model).as("the shipped detector").isRegularFile();
        return model;
    }

    private static LabelledImage picture(String origin) {
        return new LabelledImage(new RgbImage(8, 8, new byte[8 * 8 * 3]), List.of(new BoundingBox(1, 1, 5, 5)), origin);
    }
}
