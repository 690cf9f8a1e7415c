package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.anivid.TestData;
import org.anivid.app.DetectorImprovement;
import org.anivid.core.DetectorModel;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timeline's "Improve detector" flow without a screen: failure, keep, refusal of a worse model, discard. */
class DetectorViewModelTest {
    @TempDir
    Path dir;

    @Test
    void withoutCorrectionsTheAnimatorIsToldWhatToDo() throws Exception {
        try (Library library = Library.open(dir.resolve("lib")); JobQueue queue = new JobQueue()) {
            DetectorImprovement service = new DetectorImprovement(library);
            DetectorViewModel vm = new DetectorViewModel(service, queue, Runnable::run);
            vm.setOptions(DetectorImprovement.Options.defaults()
                    .withBaseModel(TestData.repo().resolve("models/anivid_faces.params")));
            vm.improve();
            waitUntilIdle(vm);
            assertThat(vm.failureProperty().get()).contains("no corrected face boxes");
            assertThat(vm.reportProperty().get()).startsWith("Detector not improved:");
            assertThat(vm.candidateProperty().get()).isNull();
            assertThat(vm.canKeepProperty().get()).isFalse();
        }
    }

    @Test
    void aBetterModelIsKeptAndAWorseOneOnlyDiscarded() throws Exception {
        try (Library library = Library.open(dir.resolve("lib")); JobQueue queue = new JobQueue()) {
            DetectorImprovement service = new DetectorImprovement(library);
            double[] after = {0.9};
            DetectorViewModel vm = new DetectorViewModel(service, queue, options -> ctx -> {
                Path file = library.folder().resolve("models/m" + System.nanoTime() + ".params");
                Files.createDirectories(file.getParent());
                Files.write(file, new byte[] {1});
                return library.detectorModels().addCandidate(new DetectorModel(0, library.folder().relativize(file)
                        .toString(), "base", "faceboxes-anime", 20, 6, 0.5, after[0], 0.8, 0.8, DetectorModel.State.CANDIDATE, null,
                        null));
            }, Runnable::run);

            vm.improve();
            waitUntilIdle(vm);
            DetectorModel better = vm.candidateProperty().get();
            assertThat(better).isNotNull();
            assertThat(vm.reportProperty().get()).contains("6 held-out corrected frames 50.0% → 90.0%")
                    .endsWith("Keep it?");
            assertThat(vm.canKeepProperty().get()).isTrue();
            vm.keep();
            assertThat(vm.keptProperty().get()).isTrue();
            assertThat(library.detectorModels().current()).map(DetectorModel::id).contains(better.id());
            assertThat(vm.currentModelProperty().get()).contains("fine-tuned #" + better.id());
            assertThat(vm.reportProperty().get()).startsWith("Kept:");

            after[0] = 0.3;
            vm.improve();
            waitUntilIdle(vm);
            DetectorModel worse = vm.candidateProperty().get();
            assertThat(vm.reportProperty().get()).contains("cannot replace the current detector");
            assertThat(vm.canKeepProperty().get()).isFalse();
            vm.keep();
            assertThat(library.detectorModels().current()).map(DetectorModel::id).contains(better.id());
            vm.discard();
            assertThat(library.folder().resolve(worse.file())).doesNotExist();
            assertThat(library.detectorModels().get(worse.id()).orElseThrow().state())
                    .isEqualTo(DetectorModel.State.DISCARDED);
            assertThat(vm.reportProperty().get()).startsWith("Discarded;").contains("fine-tuned #" + better.id());
        }
    }

    private static void waitUntilIdle(DetectorViewModel vm) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Thread.sleep(20);
        while (vm.runningProperty().get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(vm.runningProperty().get()).as("job finished").isFalse();
    }
}
