package org.anivid.shots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.anivid.TestData;
import org.anivid.core.FrameRange;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoFrame;
import org.anivid.jobs.JobCancelledException;
import org.anivid.jobs.JobContext;
import org.anivid.jobs.JobTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service the CLI and the studio job call, the factory, and the benchmark's plumbing (not its timings). */
class ShotServiceTest {
    @TempDir
    Path tmp;

    private static Path demo() {
        return TestData.repo().resolve("assets/demo/demo.mp4");
    }

    @Test
    void detectsTheDemoAndPrintsTheCommandContract() throws Exception {
        AtomicLong lastDone = new AtomicLong();
        AtomicLong lastTotal = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        JobContext ctx = new JobContext() {
            @Override
            public void progress(long done, long total) {
                lastDone.set(done);
                lastTotal.set(total);
                calls.incrementAndGet();
            }

            @Override
            public void message(String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        ShotService.Detection d = ShotService.detect(demo(), null, ctx);
        assertThat(d.frames()).isEqualTo(480);
        assertThat(d.fps()).isEqualTo(24.0);
        assertThat(d.cuts()).containsExactly(66, 138, 210, 276, 366, 414);
        assertThat(d.cutTimes().get(0)).isEqualTo(66 / 24.0);
        assertThat(d.result().detector()).isEqualTo("adaptive");
        assertThat(calls.get()).isEqualTo(480);
        assertThat(lastDone.get()).isEqualTo(480);
        assertThat(lastTotal.get()).isEqualTo(480);

        Map<String, Object> json = d.toJson(false);
        assertThat(json.keySet()).containsSubsequence("video", "frames", "fps", "cuts", "detector", "seconds");
        assertThat(json).doesNotContainKey("scores");
        String text = new ObjectMapper().writeValueAsString(d.toJson(true));
        assertThat(new ObjectMapper().readTree(text).get("scores")).hasSize(480);
        assertThat(new ObjectMapper().readTree(text).get("cuts").toString()).isEqualTo("[66,138,210,276,366,414]");
    }

    @Test
    void cancellationStopsWithoutAResult() {
        JobTracker tracker = new JobTracker("shots") {
            @Override
            public void progress(long done, long total) {
                super.progress(done, total);
                if (done == 50) {
                    cancel();
                }
            }
        };
        assertThatThrownBy(() -> ShotService.detect(demo(), "adaptive", tracker))
                .isInstanceOf(JobCancelledException.class);
        assertThat(tracker.snapshot().done()).isEqualTo(50);
    }

    @Test
    void badInputIsAOneLineErrorNamingTheProblem() throws Exception {
        Path missing = tmp.resolve("missing.mp4");
        assertThatThrownBy(() -> ShotService.detect(missing, "adaptive", JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.mp4");
        Path text = tmp.resolve("notes.mp4");
        Files.writeString(text, "this is not a video");
        assertThatThrownBy(() -> ShotService.detect(text, "adaptive", JobContext.silent()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("notes.mp4");
        assertThatThrownBy(() -> ShotService.detect(demo(), "transnet", JobContext.silent()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transnet")
                .hasMessageContaining("adaptive, content, fade");
    }

    @Test
    void factoryOptionsAreCheckedByName() {
        assertThat(ShotDetectors.create("ADAPTIVE").parameters()).containsEntry("threshold", 3.0)
                .containsEntry("min-scene-len", 8).containsEntry("anime", true);
        assertThat(ShotDetectors.create("adaptive", Map.of("anime", "false")).parameters())
                .containsEntry("min-scene-len", 15).doesNotContainKey("held-max");
        assertThat(ShotDetectors.create("content").parameters()).containsEntry("threshold", 27.0)
                .containsEntry("min-scene-len", 15);
        assertThat(ShotDetectors.create("fade", Map.of("min_scene_len", "4")).parameters())
                .containsEntry("min-scene-len", 4);
        assertThatThrownBy(() -> ShotDetectors.create("content", Map.of("treshold", "20")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treshold");
        assertThatThrownBy(() -> ShotDetectors.create("adaptive", Map.of("threshold", "high")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> ShotDetectors.create("adaptive", Map.of("anime", "false", "fades", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anime=true");
        assertThat(ShotDetectors.parseOptions(List.of("threshold=2.5", "fades"))).containsEntry("threshold", "2.5")
                .containsEntry("fades", "true");
    }

    @Test
    void cutsAskedForWhileFramesComeSettleAndMatchTheEnd() {
        // AnalysisService asks for the cuts every few frames to restart the motion model at settled cuts.
        List<VideoFrame> frames = new ArrayList<>();
        try (var source = org.anivid.media.FrameSource.open(demo(), ShotService.ANALYSIS_SIZE)) {
            for (VideoFrame f = source.next(); f != null; f = source.next()) {
                frames.add(f);
            }
        }
        ShotDetector d = ShotDetectors.create("adaptive");
        List<List<Integer>> partial = new ArrayList<>();
        for (VideoFrame f : frames) {
            d.accept(f);
            partial.add(d.cuts());
        }
        ShotResult first = d.finish();
        assertThat(d.finish().cuts()).isEqualTo(first.cuts()).isEqualTo(d.cuts())
                .containsExactly(66, 138, 210, 276, 366, 414);
        for (int n = 1; n <= frames.size(); n++) {
            int settled = n - ShotDetector.SETTLE_FRAMES;
            assertThat(partial.get(n - 1)).as("after %d frames", n).filteredOn(c -> c <= settled)
                    .isEqualTo(first.cuts().stream().filter(c -> c <= settled).toList());
        }
    }

    @Test
    void framesMustArriveInOrder() {
        ShotDetector d = ShotDetectors.create("adaptive");
        d.accept(new VideoFrame(5, 0.2, org.anivid.core.RgbImage.blank(32, 18)));
        assertThatThrownBy(() -> d.accept(new VideoFrame(5, 0.2, org.anivid.core.RgbImage.blank(32, 18))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decode order");
    }

    @Test
    void emptyAndOneFrameStreamsHaveNoCuts() {
        for (String name : ShotDetectors.NAMES) {
            assertThat(ShotDetectors.create(name).finish().cuts()).isEmpty();
            ShotDetector one = ShotDetectors.create(name);
            one.accept(new VideoFrame(0, 0, org.anivid.core.RgbImage.blank(32, 18)));
            ShotResult r = one.finish();
            assertThat(r.cuts()).isEmpty();
            assertThat(r.scores()).hasSize(1);
        }
    }

    @Test
    void shotsCoverTheVideo() {
        ShotResult r = new ShotResult("adaptive", List.of(10, 25), new double[0], Map.of());
        assertThat(r.shots(40)).containsExactly(new FrameRange(0, 10), new FrameRange(10, 25),
                new FrameRange(25, 40));
        assertThat(new ShotResult("adaptive", List.of(), new double[0], Map.of()).shots(5))
                .containsExactly(new FrameRange(0, 5));
    }

    @Test
    void benchmarkDecodesOnceAndFeedsTheDetector() {
        ShotBenchmark.Result r = ShotBenchmark.run(TestData.file("videos/pyscenedetect/counter.mp4"), "adaptive", 1,
                true);
        assertThat(r.frames()).isEqualTo(30);
        assertThat(r.cuts()).containsExactly(10, 20);
        assertThat(r.analysisWidth()).isEqualTo(320);
        List<Double> rates = new ArrayList<>(List.of(r.decodeFps(), r.decodeDetectFps(), r.detectFps(), r.ffmpegFps()));
        assertThat(rates).allSatisfy(v -> assertThat(v).isPositive().isFinite());
        assertThat(r.toJson()).containsKeys("decode_fps", "decode_detect_fps", "detect_fps", "ratio_to_decode",
                "ffmpeg_fps", "ratio_to_ffmpeg");
    }
}
