package org.anivid.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.anivid.TestData;
import org.anivid.core.Episode;
import org.anivid.core.VideoInfo;
import org.anivid.jobs.JobHandle;
import org.anivid.jobs.JobQueue;
import org.anivid.media.FfmpegVideoProbe;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.junit.jupiter.api.Test;

/** View-models are plain objects with properties: tested here without any screen or FX toolkit. */
class ViewModelTest {

    @Test
    void viewerShowsExactlyTheRequestedFrame() {
        Path video = TestData.file("videos/pyscenedetect/counter.mp4");
        VideoInfo info = new FfmpegVideoProbe().probe(video);
        Episode episode = new Episode(1, 1, "counter", video, "hash", info, Instant.now());
        FrameSize size = FrameSize.fit(640, 360);
        try (ViewerViewModel vm = new ViewerViewModel(size); FrameSource reference = FrameSource.open(video, size)) {
            vm.open(episode);
            tickUntil(vm, () -> vm.frameProperty().get() == 0);
            assertThat(vm.positionProperty().get()).contains("frame 0 / 29").startsWith("00:00.000 / 00:03.000");
            vm.seek(17);
            tickUntil(vm, () -> vm.frameProperty().get() == 17);
            assertThat(vm.imageProperty().get().pixels()).isEqualTo(reference.frame(17).image().pixels());
            assertThat(vm.positionProperty().get()).contains("frame 17 / 29").startsWith("00:01.700");
            vm.step(-1);
            tickUntil(vm, () -> vm.frameProperty().get() == 16);
            vm.seek(1000);
            tickUntil(vm, () -> vm.frameProperty().get() == 29);
            vm.jumpSeconds(-1);
            tickUntil(vm, () -> vm.frameProperty().get() == 19);
        }
    }

    @Test
    void playbackFollowsTheClock() {
        Path video = TestData.file("videos/pyscenedetect/counter.mp4");
        VideoInfo info = new FfmpegVideoProbe().probe(video);
        Episode episode = new Episode(1, 1, "counter", video, "hash", info, Instant.now());
        try (ViewerViewModel vm = new ViewerViewModel(FrameSize.fit(320, 180))) {
            vm.open(episode);
            tickUntil(vm, () -> vm.frameProperty().get() == 0);
            vm.play();
            assertThat(vm.playingProperty().get()).isTrue();
            long start = System.nanoTime();
            // 10 fps: after a simulated 1.55 s the viewer is on frame 15.
            vm.tick(start + 1_550_000_000L);
            assertThat(vm.targetFrame()).isEqualTo(15);
            vm.tick(start + 10_000_000_000L);
            assertThat(vm.targetFrame()).isEqualTo(29);
            assertThat(vm.playingProperty().get()).as("stops at the end").isFalse();
        }
    }

    @Test
    void badFileShowsItsErrorInTheViewer() throws Exception {
        Path bad = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("bad", ".mp4"), "nope");
        VideoInfo fake = new VideoInfo(bad, "mp4", "h264", 64, 64, 0, 25, 10, 0.4, false, false, 4);
        try (ViewerViewModel vm = new ViewerViewModel(FrameSize.FULL)) {
            vm.open(new Episode(1, 1, "bad", bad, "h", fake, Instant.now()));
            tickUntil(vm, () -> vm.errorProperty().get() != null);
            assertThat(vm.errorProperty().get()).startsWith(bad.toString()).contains("not a readable video file");
        } finally {
            java.nio.file.Files.deleteIfExists(bad);
        }
    }

    @Test
    void statusBarModelShowsTheRunningJobAndCancelsIt() throws Exception {
        try (JobQueue queue = new JobQueue()) {
            JobsViewModel vm = new JobsViewModel(queue);
            vm.poll();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.titleProperty().get()).isEqualTo("Ready");
            CountDownLatch started = new CountDownLatch(1);
            JobHandle<Integer> handle = queue.submit("Counting", ctx -> {
                ctx.message("halfway");
                ctx.progress(50, 100);
                started.countDown();
                while (true) {
                    ctx.checkCancelled();
                    Thread.sleep(5);
                }
            });
            queue.submit("Next", ctx -> 1);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            vm.poll();
            assertThat(vm.busyProperty().get()).isTrue();
            assertThat(vm.titleProperty().get()).isEqualTo("Counting");
            assertThat(vm.progressProperty().get()).isEqualTo(0.5);
            assertThat(vm.detailProperty().get()).startsWith("halfway");
            assertThat(vm.queueTextProperty().get()).isEqualTo("1 waiting");
            vm.cancelRunning();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> handle.result().get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.anivid.jobs.JobCancelledException.class);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (queue.running() != null || queue.waiting() > 0) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
            vm.poll();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.detailProperty().get()).isEqualTo("Last: Next done");
        }
    }

    static void tickUntil(ViewerViewModel vm, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for the viewer").isLessThan(deadline);
            vm.tick(System.nanoTime());
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
