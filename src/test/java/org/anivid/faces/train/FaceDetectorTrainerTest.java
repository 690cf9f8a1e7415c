package org.anivid.faces.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.faces.data.LabelledImage;
import org.anivid.faces.detector.AnimeFaceDetector;
import org.anivid.faces.detector.DetectorFiles;
import org.anivid.faces.detector.YoloDecoder;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.metrics.MapEvaluation;
import org.anivid.torch.TorchThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short training run from scratch on drawn faces (160 pictures of 128², 1–3 faces each), then resume, the best
 * checkpoint and bad input. One libtorch thread, so that every run computes exactly the same numbers.
 */
class FaceDetectorTrainerTest {
    private static final Logger LOG = LoggerFactory.getLogger(FaceDetectorTrainerTest.class);

    @TempDir
    static Path dir;
    static List<LabelledImage> val;
    static TrainFacesResult result;

    /**
     * Settings of a quick test run: the paper's recipe (SGD, warm-up, cosine, all augmentations) with a ten times
     * higher learning rate, small batches and half the mosaics, so that a network trained from scratch finds the
     * faces within a few hundred steps.
     */
    static TrainFacesOptions.Builder quick() {
        return TrainFacesOptions.builder().inputSize(128).batchSize(8).lr0(0.1).warmupEpochs(1).mosaic(0.5).seed(3)
                .workers(2).torchThreads(1);
    }

    @BeforeAll
    static void train() throws IOException {
        List<LabelledImage> train = TestFaces.generate(160, 128, 3, 1);
        val = TestFaces.generate(32, 128, 3, 2);
        long t0 = System.nanoTime();
        result = FaceDetectorTrainer.train(train, val, quick().epochs(10).build(), dir.resolve("run"),
                JobContext.silent());
        LOG.info("trained in {} s; start {}; epochs {}", (System.nanoTime() - t0) / 1e9, result.start(),
                result.epochs());
    }

    @Test
    void lossFallsAndValidationMapRisesWellAboveTheUntrainedModels() {
        List<EpochMetrics> epochs = result.epochs();
        assertThat(epochs).hasSize(10);
        assertThat(epochs.get(9).loss()).isLessThan(0.85 * epochs.get(0).loss());
        assertThat(epochs.get(9).boxLoss()).isLessThan(epochs.get(0).boxLoss());
        double before = result.start().map50();
        assertThat(before).isLessThan(0.05);
        assertThat(result.bestMap50()).isGreaterThan(0.4).isGreaterThan(before + 0.3);
        assertThat(result.bestMap50To95()).isGreaterThan(result.start().map50To95());
        assertThat(result.imagesPerSecond()).isPositive();
        assertThat(epochs).allSatisfy(e -> assertThat(e.imagesPerSecond()).isPositive());
        assertThat(result.resumed()).isFalse();
    }

    @Test
    void theBestCheckpointIsTheBestEpochAndMeasuresTheSameThroughTheDetector() throws IOException {
        double best = result.epochs().stream().mapToDouble(EpochMetrics::map50).max().orElseThrow();
        assertThat(result.bestMap50()).isEqualTo(best);
        assertThat(result.epochs().get(result.bestEpoch() - 1).map50()).isEqualTo(best);
        assertThat(result.bestModel()).isEqualTo(dir.resolve("run").resolve(FaceDetectorTrainer.BEST));
        JsonNode sidecar = new ObjectMapper().readTree(DetectorFiles.sidecar(result.bestModel()).toFile());
        assertThat(sidecar.get("training").get("epoch").asInt()).isEqualTo(result.bestEpoch());
        assertThat(sidecar.get("training").get("train_images").asInt()).isEqualTo(160);
        assertThat(sidecar.get("training").get("train_origins").get("synthetic").asInt()).isEqualTo(160);
        assertThat(sidecar.get("input_size").asInt()).isEqualTo(128);
        // The shipped form (folded batch norms, letterbox, Nms) on the same pictures with val.py's thresholds.
        try (TorchThreads oneThread = TorchThreads.limit(1);
                AnimeFaceDetector detector = AnimeFaceDetector.open(result.bestModel(), "best",
                        new AnimeFaceDetector.Options(0, YoloDecoder.DecodeOptions.validation()))) {
            MapEvaluation e = DetectorValidation.evaluate(detector, val, JobContext.silent());
            assertThat(e.map50()).isCloseTo(result.bestMap50(), within(0.02));
        }
    }

    @Test
    void resumingAfterAStopContinuesExactlyAsAnUninterruptedRun() throws IOException {
        List<LabelledImage> train = new ArrayList<>(TestFaces.generate(44, 128, 2, 5));
        List<LabelledImage> small = TestFaces.generate(8, 128, 2, 6);
        LabelledImage base = train.get(0);
        // Bad boxes are handled, not fatal: one reaching outside (clipped), one of zero width and one wholly outside
        // (dropped); a picture with no face is a negative.
        train.add(new LabelledImage(base.image(), List.of(new BoundingBox(-10, 20, 30, 60)), "manual:bad#1"));
        train.add(new LabelledImage(base.image(), List.of(new BoundingBox(40, 40, 40, 70)), "manual:bad#2"));
        train.add(new LabelledImage(base.image(), List.of(new BoundingBox(300, 300, 340, 350)), "manual:bad#3"));
        train.add(new LabelledImage(base.image(), List.of(), "manual:empty#4"));
        TrainFacesOptions options = quick().epochs(1).build(); // 48 pictures: 6 steps

        Path whole = dir.resolve("whole");
        TrainFacesResult uninterrupted = FaceDetectorTrainer.train(train, small, options, whole, JobContext.silent());
        assertThat(uninterrupted.clippedBoxes()).isEqualTo(1);
        assertThat(uninterrupted.droppedBoxes()).isEqualTo(2);

        Path stopped = dir.resolve("stopped");
        JobContext stopAfterOneStep = new JobContext() {
            private long done;

            @Override
            public void progress(long d, long total) {
                done = d;
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return done >= 1;
            }
        };
        assertThatThrownBy(() -> FaceDetectorTrainer.train(train, small, options, stopped, stopAfterOneStep))
                .isInstanceOf(JobCancelledException.class);
        JsonNode state = new ObjectMapper().readTree(stopped.resolve(FaceDetectorTrainer.STATE).toFile());
        assertThat(state.get("next_epoch").asInt()).isZero();
        assertThat(state.get("next_batch").asInt()).isEqualTo(1);
        assertThat(stopped.resolve(FaceDetectorTrainer.BEST)).doesNotExist();

        TrainFacesResult resumed = FaceDetectorTrainer.train(train, small,
                options.toBuilder().resume(true).build(), stopped, JobContext.silent());
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.epochs()).hasSize(1);
        assertThat(resumed.epochs().get(0).map50()).isEqualTo(uninterrupted.epochs().get(0).map50());
        assertThat(resumed.epochs().get(0).loss()).isEqualTo(uninterrupted.epochs().get(0).loss());
        assertThat(resumed.start().map50()).isEqualTo(uninterrupted.start().map50());
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            var a = DetectorFiles.load(whole.resolve(FaceDetectorTrainer.LAST), manager).net().getParameters();
            var b = DetectorFiles.load(stopped.resolve(FaceDetectorTrainer.LAST), manager).net().getParameters();
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).getValue().getArray().toFloatArray()).as(a.get(i).getKey())
                        .containsExactly(a.get(i).getValue().getArray().toFloatArray());
            }
        }

        // A finished run resumes to its result without training again.
        TrainFacesResult again = FaceDetectorTrainer.train(train, small, options.toBuilder().resume(true).build(),
                stopped, JobContext.silent());
        assertThat(again.epochs()).hasSize(1);
        assertThat(again.bestMap50()).isEqualTo(resumed.bestMap50());

        // Resuming on other pictures is refused, naming the state file.
        assertThatThrownBy(() -> FaceDetectorTrainer.train(train.subList(0, 40), small,
                options.toBuilder().resume(true).build(), stopped, JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(FaceDetectorTrainer.STATE)
                .hasMessageContaining("other pictures");
        assertThat(Files.list(stopped).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                .isEmpty();
    }

    @Test
    void unusableDataIsRefusedWithAClearMessage() {
        List<LabelledImage> some = TestFaces.generate(4, 64, 1, 9);
        TrainFacesOptions options = quick().epochs(1).build();
        Path out = dir.resolve("bad");
        assertThatThrownBy(() -> FaceDetectorTrainer.train(List.of(), some, options, out, JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no training pictures");
        assertThatThrownBy(() -> FaceDetectorTrainer.train(some, List.of(), options, out, JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no validation pictures");
        List<LabelledImage> degenerate = some.stream().map(li -> new LabelledImage(li.image(),
                List.of(new BoundingBox(5, 5, 5, 30)), li.origin())).toList();
        assertThatThrownBy(() -> FaceDetectorTrainer.train(degenerate, some, options, out, JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("usable face box")
                .hasMessageContaining("4 dropped");
        List<LabelledImage> noFaces = some.stream().map(li -> new LabelledImage(li.image(), List.of(), li.origin()))
                .toList();
        assertThatThrownBy(() -> FaceDetectorTrainer.train(some, noFaces, options, out, JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("validation");
        assertThat(out).doesNotExist();
    }
}
