package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.anivid.TestData;
import org.anivid.app.LiveAnimation;
import org.anivid.media.Cameras;
import org.anivid.media.FrameSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Animate view-model without a screen: the test thread plays the FX thread (callbacks queue up and run here, and
 * it polls like the window's pulse); model loading runs on a real worker thread; the tiny fixture model at 128².
 */
class AnimateViewModelTest {
    @TempDir
    Path tmp;

    private final BlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();
    private ExecutorService worker;
    private AnimateViewModel model;
    private Path fixture;

    @BeforeEach
    void open() throws Exception {
        fixture = TestData.file("fomm_fixture");
        worker = Executors.newSingleThreadExecutor();
        model = new AnimateViewModel(worker, fxThread::add,
                new Cameras(Files.createDirectories(tmp.resolve("dev")), tmp.resolve("sys")));
        model.sizeProperty().set(128);
        model.cropSourceProperty().set(false);
        model.drivingFacesProperty().set(AnimateViewModel.DrivingFaces.NONE);
    }

    @AfterEach
    void close() throws Exception {
        model.dispose();
        worker.shutdown();
        assertThat(worker.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs FX callbacks and polls until {@code done} (or fails after a minute). */
    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Runnable r = fxThread.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            model.poll();
        }
    }

    private void chooseTinyModel() {
        model.useSourceFile(fixture.resolve("source.png"));
        model.useDrivingFile(fixture.resolve("driving.mkv"));
        model.checkpointProperty().set(fixture.resolve("tiny-zip.pth.tar"));
        model.configProperty().set(fixture.resolve("tiny-256.yaml"));
    }

    @Test
    void aFileDrivenSessionShowsSourceDrivingAndResultThenStopsAndRecords() throws Exception {
        chooseTinyModel();
        Path out = tmp.resolve("recorded.mp4");
        model.record(out);
        model.start();
        assertThat(model.startingProperty().get()).isTrue();
        pumpUntil(() -> model.previewProperty().get() != null || model.errorProperty().get() != null);
        assertThat(model.errorProperty().get()).isNull();
        assertThat(model.runningProperty().get() || model.lastReportProperty().get() != null).isTrue();
        // Source | driving | result, each 256 high and square.
        assertThat(model.previewProperty().get().height()).isEqualTo(AnimateViewModel.PREVIEW_HEIGHT);
        assertThat(model.previewProperty().get().width()).isEqualTo(3 * AnimateViewModel.PREVIEW_HEIGHT);
        model.recaptureNeutral();
        model.stop();
        pumpUntil(() -> !model.runningProperty().get());
        LiveAnimation.Report report = model.lastReportProperty().get();
        assertThat(report.state()).isIn(LiveAnimation.State.STOPPED, LiveAnimation.State.ENDED);
        assertThat(report.stats().frames()).isPositive();
        assertThat(model.statusProperty().get()).containsAnyOf("Stopped", "Driving video ended");
        assertThat(model.fpsProperty().get()).endsWith(" fps");
        assertThat(model.latencyProperty().get()).endsWith(" ms").doesNotStartWith("–");
        assertThat(model.previewProperty().get()).as("the last picture stays").isNotNull();
        assertThat(report.recording()).isEqualTo(out);
        try (FrameSource video = FrameSource.open(out)) {
            assertThat((long) video.frameCount()).isEqualTo(report.stats().recorded()).isPositive();
        }
        assertThat(model.recordingProperty().get()).isNull();
    }

    @Test
    void aMissingSourceFileIsOneLineAndNothingRuns() throws Exception {
        chooseTinyModel();
        model.useSourceFile(tmp.resolve("missing.png"));
        model.start();
        pumpUntil(() -> !model.startingProperty().get());
        assertThat(model.errorProperty().get()).contains("missing.png").doesNotContain("\n");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.previewProperty().get()).isNull();
    }

    @Test
    void aWrongCheckpointIsOneLine() throws Exception {
        chooseTinyModel();
        model.checkpointProperty().set(fixture.resolve("source.png"));
        model.start();
        pumpUntil(() -> !model.startingProperty().get());
        assertThat(model.errorProperty().get()).contains("source.png").doesNotContain("\n");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void missingChoicesAreNamedBeforeAnythingLoads() {
        model.start();
        assertThat(model.errorProperty().get()).isEqualTo("Choose a source picture");
        model.useSourceFile(fixture.resolve("source.png"));
        model.start();
        assertThat(model.errorProperty().get()).isEqualTo("Choose a driving video or a camera");
        model.useDrivingFile(fixture.resolve("driving.mkv"));
        model.start();
        assertThat(model.errorProperty().get()).isEqualTo("Choose a checkpoint");
        assertThat(model.startingProperty().get()).isFalse();
        model.useSourcePicture(null, "nothing");
        assertThat(model.errorProperty().get()).isEqualTo("No frame to use: open an episode first");
    }

    @Test
    void noCameraIsSaid() {
        model.refreshCameras();
        assertThat(model.cameras()).isEmpty();
        assertThat(model.cameraMessageProperty().get()).isEqualTo("No camera found");
    }
}
