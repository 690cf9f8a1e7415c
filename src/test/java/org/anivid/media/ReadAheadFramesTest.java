package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.anivid.TestData;
import org.anivid.core.InvalidInputException;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadAheadFramesTest {
    @ParameterizedTest
    @ValueSource(strings = {"videos/pyscenedetect/issue-134-rotate.mp4", "videos/onepiece_demo.mp4"})
    void sameFramesAsSequentialDecoding(String name) {
        Path file = TestData.file(name);
        List<RgbImage> expected = FrameSourceTest.decodeAll(file, FrameSize.fitWidth(200));
        try (ReadAheadFrames frames = ReadAheadFrames.open(file, FrameSize.fitWidth(200))) {
            int n = 0;
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                assertThat(f.index()).isEqualTo(n);
                assertThat(f.image().pixels()).as("frame %d", n).isEqualTo(expected.get(n).pixels());
                n++;
            }
            assertThat(n).isEqualTo(expected.size());
            assertThat(frames.next()).isNull();
        }
    }

    @Test
    void closingEarlyStopsTheThreads() {
        Path file = TestData.file("videos/dvr_scan/traffic_camera.mp4");
        long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("anivid-")).count();
        try (ReadAheadFrames frames = ReadAheadFrames.open(file, FrameSize.fitWidth(64))) {
            assertThat(frames.next().index()).isZero();
        }
        long after = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().equals("anivid-decode") || t.getName().equals("anivid-convert"))).count();
        assertThat(after).isLessThanOrEqualTo(Math.max(0, before));
    }

    @Test
    void truncatedDataEndsEarlyInsteadOfHanging(@TempDir Path tmp) throws Exception {
        // MJPEG in AVI with its index: cutting the data leaves frames the decoder cannot read.
        byte[] all = Files.readAllBytes(TestData.file("videos/dvr_scan/issue53_brightness_change.avi"));
        Path cut = tmp.resolve("cut.avi");
        Files.write(cut, Arrays.copyOf(all, all.length * 3 / 4));
        try (ReadAheadFrames frames = ReadAheadFrames.open(cut, FrameSize.fitWidth(64))) {
            int n = 0;
            while (frames.next() != null) {
                n++;
            }
            assertThat(n).isLessThan(59).isGreaterThan(0);
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith(cut.toString());
        }
        assertThatThrownBy(() -> ReadAheadFrames.open(tmp.resolve("none.mp4"), FrameSize.FULL))
                .isInstanceOf(InvalidInputException.class);
    }
}
