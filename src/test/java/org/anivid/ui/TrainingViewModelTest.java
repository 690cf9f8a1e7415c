package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.anivid.fomm.train.FommTrainer;
import org.anivid.fomm.train.TrainDevice;
import org.anivid.fomm.train.TrainingPanelFixture;
import org.anivid.jobs.JobQueue;
import org.anivid.library.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training panel's view-model without a screen: a real run in the job queue reaches the charts, the progress
 * and the checkpoint list through polling; Stop saves a position that Start continues; bad choices give a message.
 */
class TrainingViewModelTest {

    private static void waitUntilIdle(TrainingViewModel vm) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (vm.stateProperty().get() != TrainingViewModel.State.IDLE && System.nanoTime() < deadline) {
            Thread.sleep(50);
            vm.poll();
        }
        assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.IDLE);
    }

    @Test
    void aRunFillsChartsProgressAndCheckpointsAndStopsResumably(@TempDir Path dir) throws Exception {
        Path[] fixture = TrainingPanelFixture.dataAndConfig(dir);
        try (Library library = Library.open(dir.resolve("lib")); JobQueue queue = new JobQueue()) {
            TrainingViewModel vm = new TrainingViewModel(library, queue, Runnable::run);
            AtomicReference<Path> usedInPreview = new AtomicReference<>();
            vm.setUseInPreview((checkpoint, config) -> usedInPreview.set(checkpoint));
            vm.dataProperty().set(fixture[0]);
            vm.configProperty().set(fixture[1]);
            vm.deviceProperty().set(TrainDevice.CPU);
            vm.batchProperty().set(2);
            vm.maxStepsProperty().set(4);
            vm.start();
            assertThat(vm.stateProperty().get()).isNotEqualTo(TrainingViewModel.State.IDLE);
            waitUntilIdle(vm);
            assertThat(vm.errorProperty().get()).isNull();
            assertThat(vm.statusProperty().get()).startsWith("Finished 4 steps");
            assertThat(vm.reconstructionLoss()).hasSize(4);
            assertThat(vm.equivarianceJacobian()).hasSize(4);
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);
            assertThat(vm.lossNameProperty().get()).isEqualTo("pyramid-l1");
            assertThat(vm.heldOutL1()).isNotEmpty();
            assertThat(vm.reconstructionProperty().get()).isNotNull();
            assertThat(vm.checkpoints()).isNotEmpty();
            Path run = vm.runProperty().get();
            assertThat(run).startsWith(library.folder().resolve("training"));
            vm.useInPreview(vm.checkpoints().get(vm.checkpoints().size() - 1));
            assertThat(usedInPreview.get()).isNotNull().exists();

            // A longer run on the same folder continues it; Stop saves the position first.
            vm.maxStepsProperty().set(40);
            vm.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (vm.reconstructionLoss().size() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                vm.poll();
            }
            vm.stop();
            waitUntilIdle(vm);
            assertThat(vm.statusProperty().get()).startsWith("Stopped");
            long saved = org.anivid.fomm.train.TrainingCheckpoint.read(run.resolve(FommTrainer.LAST)).position()
                    .step();
            assertThat(saved).isGreaterThan(4).isLessThan(40);
        }
    }

    @Test
    void missingChoicesGiveOneLine(@TempDir Path dir) throws Exception {
        try (Library library = Library.open(dir.resolve("lib")); JobQueue queue = new JobQueue()) {
            TrainingViewModel vm = new TrainingViewModel(library, queue, Runnable::run);
            vm.dataProperty().set(null);
            vm.start();
            assertThat(vm.errorProperty().get()).contains("training data folder");
            vm.dataProperty().set(Files.createDirectories(dir.resolve("empty")));
            vm.configProperty().set(null);
            vm.start();
            assertThat(vm.errorProperty().get()).contains("config");
            assertThat(vm.stateProperty().get()).isEqualTo(TrainingViewModel.State.IDLE);
        }
    }
}
