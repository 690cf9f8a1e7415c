package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-backed captures (every frame; real time with newest-frame dropping), and finding cameras where there are none. */
class FrameCaptureTest {
    private static final int FRAMES = 24;

    @TempDir
    static Path tmp;
    private static Path clip;

    @BeforeAll
    static void writeClip() {
        clip = TestClips.write(tmp.resolve("numbered.mp4"), FRAMES, 160, 96, 12);
    }

    @Test
    void everyFrameDeliversEachFrameInOrderThenNull() {
        try (FrameCapture capture = FileCapture.everyFrame(clip, FrameSize.FULL)) {
            assertThat(capture.fps()).isEqualTo(24.0);
            assertThat(capture.description()).isEqualTo("numbered.mp4");
            assertThat(capture.lastSequence()).isEqualTo(-1);
            for (int n = 0; n < FRAMES; n++) {
                RgbImage image = capture.grab();
                assertThat(image).as("frame %d", n).isNotNull();
                assertThat(TestClips.number(image)).isEqualTo(n);
                assertThat(capture.lastSequence()).isEqualTo(n);
            }
            assertThat(capture.grab()).isNull();
            assertThat(capture.grab()).isNull();
            assertThat(capture.dropped()).isZero();
        }
    }

    @Test
    void realTimeKeepsOnlyTheNewestFrameForAConsumerThatIsNotThere() throws Exception {
        try (FrameCapture capture = FileCapture.realTime(clip, FrameSize.FULL)) {
            // Nobody takes a frame while the whole second plays: all but the last are dropped, as a camera would.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (capture.dropped() < FRAMES - 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(capture.dropped()).isEqualTo(FRAMES - 1);
            RgbImage last = capture.grab();
            assertThat(last).isNotNull();
            assertThat(TestClips.number(last)).isEqualTo(FRAMES - 1);
            assertThat(capture.lastSequence()).isEqualTo(FRAMES - 1);
            assertThat(capture.grab()).as("end of file").isNull();
        }
    }

    @Test
    void realTimeWithASlowConsumerSkipsAheadAndAccountsForEveryFrame() throws Exception {
        List<Integer> seen = new ArrayList<>();
        long dropped;
        try (FrameCapture capture = FileCapture.realTime(clip, FrameSize.fit(80, 48))) {
            RgbImage image;
            while ((image = capture.grab()) != null) {
                assertThat(image.width()).isEqualTo(80);
                assertThat(TestClips.number(image)).isEqualTo((int) capture.lastSequence());
                assertThat(capture.lastCaptureNanos()).isLessThanOrEqualTo(System.nanoTime());
                seen.add((int) capture.lastSequence());
                Thread.sleep(120); // a model at ~8 frames/s on a 24 frames/s video
            }
            dropped = capture.dropped();
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        assertThat(seen.get(seen.size() - 1)).as("the last frame is never dropped").isEqualTo(FRAMES - 1);
        assertThat(seen.size() + dropped).as("taken + dropped = all frames").isEqualTo(FRAMES);
    }

    @Test
    void closeEndsTheCaptureAndAMissingFileIsOneLine() {
        FrameCapture capture = FileCapture.realTime(clip, FrameSize.FULL);
        capture.close();
        assertThat(capture.grab()).isNull();
        capture.close();
        assertThatThrownBy(() -> FileCapture.realTime(tmp.resolve("missing.mp4"), FrameSize.FULL))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.mp4");
    }

    @Test
    void drivingSpecs() {
        assertThat(Cameras.parseSpec("webcam")).isEqualTo(OptionalInt.of(Cameras.FIRST));
        assertThat(Cameras.parseSpec("webcam:0")).isEqualTo(OptionalInt.of(0));
        assertThat(Cameras.parseSpec("webcam:12")).isEqualTo(OptionalInt.of(12));
        assertThat(Cameras.parseSpec("driving.mp4")).isEmpty();
        assertThat(Cameras.parseSpec("/videos/webcam.mp4")).isEmpty();
        assertThat(Cameras.parseSpec("webcam2.mp4")).isEmpty();
        assertThatThrownBy(() -> Cameras.parseSpec("webcam:front")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("webcam:N");
    }

    @Test
    void noCameraIsOneClearLine() throws Exception {
        Path dev = Files.createDirectories(tmp.resolve("empty-dev"));
        Cameras cameras = new Cameras(dev, tmp.resolve("no-sys"));
        assertThat(cameras.list()).isEmpty();
        assertThatThrownBy(() -> cameras.open(Cameras.FIRST)).isInstanceOf(InvalidInputException.class)
                .hasMessage("no camera found (no " + dev.resolve("video*") + " device)");
        assertThatThrownBy(() -> new Cameras().open(Cameras.FIRST).close())
                .satisfiesAnyOf(e -> assertThat(e).hasMessage("no camera found (no /dev/video* device)"),
                        e -> assertThat(Files.exists(Path.of("/dev/video0")) || Files.exists(Path.of("/dev/video1")))
                                .isTrue());
    }

    @Test
    void camerasAreListedByNumberWithTheirNamesAndMetadataNodesLeftOut() throws Exception {
        Path dev = Files.createDirectories(tmp.resolve("dev"));
        Path sys = Files.createDirectories(tmp.resolve("sys"));
        for (String name : List.of("video0", "video1", "video2", "vhci", "video10")) {
            Files.createFile(dev.resolve(name));
        }
        Files.createDirectories(sys.resolve("video0"));
        Files.writeString(sys.resolve("video0/name"), "Integrated Camera: Integrated C\n");
        Files.writeString(sys.resolve("video0/index"), "0\n");
        Files.createDirectories(sys.resolve("video1"));
        Files.writeString(sys.resolve("video1/name"), "Integrated Camera: Integrated C\n");
        Files.writeString(sys.resolve("video1/index"), "1\n");
        Files.createDirectories(sys.resolve("video2"));
        Files.writeString(sys.resolve("video2/name"), "Dummy video device\n");
        Cameras cameras = new Cameras(dev, sys);
        assertThat(cameras.list()).extracting(Cameras.Camera::index).containsExactly(0, 2, 10);
        assertThat(cameras.list().get(0).name()).isEqualTo("Integrated Camera: Integrated C");
        assertThat(cameras.list().get(2).name()).isEqualTo("camera");
        assertThat(cameras.find(Cameras.FIRST).device()).isEqualTo(dev.resolve("video0"));
        assertThatThrownBy(() -> cameras.open(5)).isInstanceOf(InvalidInputException.class).hasMessage(
                "camera 5 not found; cameras: 0: Integrated Camera: Integrated C, 2: Dummy video device, 10: camera");
        // A "device" that is no camera fails to open with one line naming it, not a native crash or a hang.
        assertThatThrownBy(() -> cameras.open(2).close()).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(dev.resolve("video2") + ": cannot open the camera");
    }
}
