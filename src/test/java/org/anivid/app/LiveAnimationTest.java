package org.anivid.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.anivid.core.BoundingBox;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.faces.FaceDetector;
import org.anivid.faces.track.Detection;
import org.anivid.fomm.Animator;
import org.anivid.fomm.FommConfig;
import org.anivid.fomm.FommModel;
import org.anivid.media.FileCapture;
import org.anivid.media.FrameCapture;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ImageFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live animation end to end with the tiny fixture model at 128² (fully convolutional; 64² is too small for its keypoint hourglass): every
 * driving frame animated and recorded, the neutral pose re-captured, the driving crop fixed on the first face, a lost
 * camera, a source without a face, and a stop from another thread.
 */
class LiveAnimationTest {
    private static final int SIZE = 128;

    @TempDir
    static Path tmp;
    private static Path driving;
    private static FommModel model;
    private static RgbImage source;
    private static List<RgbImage> frames;

    @BeforeAll
    static void load() {
        Path dir = TestData.file("fomm_fixture");
        model = FommModel.load(dir.resolve("tiny-256.yaml"), dir.resolve("tiny-zip.pth.tar"));
        source = ImageFiles.read(dir.resolve("source.png"));
        driving = dir.resolve("driving.mkv");
        frames = new ArrayList<>();
        try (FrameSource s = FrameSource.open(driving)) {
            for (int i = 0; i < s.frameCount(); i++) {
                frames.add(s.frame(i).image());
            }
        }
        assertThat(frames).hasSizeGreaterThanOrEqualTo(4);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static LiveAnimation.Options options() {
        return LiveAnimation.Options.defaults().withSize(SIZE);
    }

    /** What an animator of our own makes of {@code drivingFrames}, the first being the neutral pose: the last result. */
    private static RgbImage direct(RgbImage... drivingFrames) {
        try (Animator animator = new Animator(model, source, FommConfig.NormalizationParams.relativeAdaptScale(), SIZE)) {
            RgbImage out = null;
            for (RgbImage f : drivingFrames) {
                out = animator.animate(f);
            }
            return out;
        }
    }

    @Test
    void everyFrameOfAFileIsAnimatedAndRecorded() throws Exception {
        Path out = tmp.resolve("rec/live.mp4");
        LiveAnimation.Report report = LiveAnimation.run(model, source, FileCapture.everyFrame(driving, FrameSize.FULL),
                options().withRecording(out), null);
        assertThat(report.state()).isEqualTo(LiveAnimation.State.ENDED);
        assertThat(report.message()).isNull();
        assertThat(report.stats().frames()).isEqualTo(frames.size());
        assertThat(report.stats().recorded()).isEqualTo(frames.size());
        assertThat(report.stats().dropped()).isZero();
        assertThat(report.stats().fps()).isPositive();
        assertThat(report.stats().latencyMs()).isPositive();
        assertThat(report.recording()).isEqualTo(out);
        try (FrameSource video = FrameSource.open(out)) {
            assertThat(video.frameCount()).isEqualTo(frames.size());
            assertThat(video.width()).isEqualTo(SIZE);
        }
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(out);
        }
    }

    @Test
    void theLatestResultIsWhatTheAnimatorMakesOfTheNeutralAndTheNewestFrame() {
        AtomicReference<LiveAnimation> session = new AtomicReference<>();
        LiveAnimation.Report report = LiveAnimation.run(model, source, FileCapture.everyFrame(driving, FrameSize.FULL),
                options().withMaxFrames(3), session::set);
        assertThat(report.state()).isEqualTo(LiveAnimation.State.ENDED);
        assertThat(report.stats().frames()).isEqualTo(3);
        LiveAnimation.Frame latest = session.get().latest();
        assertThat(latest.number()).isEqualTo(2);
        assertThat(latest.source().width()).isEqualTo(SIZE);
        assertThat(latest.driving().pixels()).isEqualTo(frames.get(2).pixels());
        // Relative motion: only the neutral pose (frame 0) and the newest frame decide the result.
        assertThat(latest.result().pixels()).isEqualTo(direct(frames.get(0), frames.get(2)).pixels());
    }

    @Test
    void recaptureMakesTheNextFrameTheNeutralPose() {
        int at = 3;
        AtomicReference<LiveAnimation> session = new AtomicReference<>();
        FrameCapture capture = new ScriptedCapture(frames, n -> {
            if (n == at) {
                session.get().recaptureNeutral();
            }
        });
        LiveAnimation.Report report = LiveAnimation.run(model, source, capture, options().withMaxFrames(at + 1),
                session::set);
        assertThat(report.stats().frames()).isEqualTo(at + 1);
        RgbImage result = session.get().latest().result();
        // Frame 3 is its own neutral pose now: the source-like picture a fresh animator makes of it first...
        assertThat(result.pixels()).isEqualTo(direct(frames.get(at)).pixels());
        // ...and not what it made with frame 0 as the neutral pose.
        assertThat(result.pixels()).isNotEqualTo(direct(frames.get(0), frames.get(at)).pixels());
    }

    @Test
    void theDrivingCropIsFixedOnTheFirstFrameWithAFace() {
        AtomicInteger calls = new AtomicInteger();
        FaceDetector detector = new FaceDetector() {
            @Override
            public String name() {
                return "from-frame-2";
            }

            @Override
            public List<Detection> detect(RgbImage image) {
                return calls.incrementAndGet() <= 2 ? List.of()
                        : List.of(new Detection(new BoundingBox(64, 64, 192, 192), 0.9f));
            }

            @Override
            public void close() {
            }
        };
        AtomicReference<LiveAnimation> session = new AtomicReference<>();
        LiveAnimation.Report report = LiveAnimation.run(model, source, FileCapture.everyFrame(driving, FrameSize.FULL),
                options().withDrivingFaces(() -> detector), session::set);
        assertThat(report.state()).isEqualTo(LiveAnimation.State.ENDED);
        assertThat(report.stats().withoutFace()).isEqualTo(2);
        assertThat(report.stats().frames()).isEqualTo(frames.size() - 2);
        assertThat(calls.get()).as("no detection once the crop is fixed").isEqualTo(3);
        LiveAnimation.Frame latest = session.get().latest();
        assertThat(latest.driving().width()).isEqualTo(SIZE);
        // The window is 1.5 × the 128-pixel face = the picture's 192 middle pixels, scaled to the model size.
        assertThat(latest.driving().pixels()).isEqualTo(FaceCrops.crop(frames.get(frames.size() - 1),
                FaceCrops.window(new BoundingBox(64, 64, 192, 192)), SIZE).pixels());
    }

    @Test
    void aLostCameraEndsTheSessionWithAMessageAndKeepsTheRecordingAndTheLastPicture() throws Exception {
        Path out = tmp.resolve("lost.mp4");
        FrameCapture capture = new ScriptedCapture(frames, n -> {
            if (n == 2) {
                throw new FrameCapture.CaptureLostException("camera /dev/video9 (test) stopped: No such device", null);
            }
        });
        AtomicReference<LiveAnimation> session = new AtomicReference<>();
        LiveAnimation.Report report = LiveAnimation.run(model, source, capture, options().withRecording(out),
                session::set);
        assertThat(report.state()).isEqualTo(LiveAnimation.State.LOST);
        assertThat(report.message()).isEqualTo("camera /dev/video9 (test) stopped: No such device");
        assertThat(report.stats().frames()).isEqualTo(2);
        assertThat(session.get().latest().result()).isNotNull();
        try (FrameSource video = FrameSource.open(out)) {
            assertThat(video.frameCount()).isEqualTo(2);
        }
        assertThat(((ScriptedCapture) capture).closed).isTrue();
    }

    @Test
    void aSourceWithoutAFaceFailsAtOnceWithOneLine() {
        FaceDetector none = new FaceDetector() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public List<Detection> detect(RgbImage image) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        ScriptedCapture capture = new ScriptedCapture(frames, n -> { });
        assertThatThrownBy(() -> LiveAnimation.start(model, source, capture, options().withSourceFaces(() -> none)))
                .isInstanceOf(InvalidInputException.class).hasMessage("no face found in the source picture");
        assertThat(capture.closed).isTrue();
    }

    @Test
    void aModelThatCannotTakeTheSizeFailsAtStart() {
        ScriptedCapture capture = new ScriptedCapture(frames, n -> { });
        assertThatThrownBy(() -> LiveAnimation.start(model, source, capture, LiveAnimation.Options.defaults().withSize(64)))
                .isInstanceOf(RuntimeException.class);
        assertThat(capture.closed).isTrue();
    }

    @Test
    void aRealTimeSessionStopsFromAnotherThreadWithSaneStats() throws Exception {
        LiveAnimation live = LiveAnimation.start(model, source, FileCapture.realTime(driving, FrameSize.FULL), options());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (live.latest() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(live.latest()).isNotNull();
        live.recaptureNeutral();
        LiveAnimation.Report report = live.stop();
        assertThat(report.state()).isIn(LiveAnimation.State.STOPPED, LiveAnimation.State.ENDED);
        LiveAnimation.Stats stats = report.stats();
        assertThat(stats.frames()).isBetween(1L, (long) frames.size());
        assertThat(stats.frames() + stats.dropped()).isLessThanOrEqualTo(frames.size());
        assertThat(stats.latencyMs()).isPositive();
        assertThat(stats.fps()).isNotNegative();
        assertThat(stats.seconds()).isPositive();
        assertThat(live.awaitEnd(1, TimeUnit.SECONDS)).isTrue();
        live.close();
    }

    /** Frames from a list; {@code onGrab} sees each frame's number before it is handed out (and may throw). */
    static final class ScriptedCapture implements FrameCapture {
        private final List<RgbImage> frames;
        private final IntConsumer onGrab;
        private int next;
        volatile boolean closed;

        ScriptedCapture(List<RgbImage> frames, IntConsumer onGrab) {
            this.frames = frames;
            this.onGrab = onGrab;
        }

        @Override
        public RgbImage grab() {
            if (closed || next >= frames.size()) {
                return null;
            }
            onGrab.accept(next);
            return frames.get(next++);
        }

        @Override
        public double fps() {
            return 6;
        }

        @Override
        public String description() {
            return "scripted";
        }

        @Override
        public long lastSequence() {
            return next - 1;
        }

        @Override
        public long lastCaptureNanos() {
            return System.nanoTime();
        }

        @Override
        public long dropped() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
