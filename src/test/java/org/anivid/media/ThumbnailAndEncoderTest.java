package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.anivid.TestData;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailAndEncoderTest {
    @TempDir
    Path tmp;

    @Test
    void thumbnailsAreCachedAndMatchTheFrame() throws Exception {
        Path video = TestData.file("videos/onepiece_demo.mp4");
        ThumbnailCache cache = new ThumbnailCache(tmp);
        RgbImage first = cache.thumbnail(video, "abcdef", 120, 160);
        assertThat(first.width()).isEqualTo(160);
        assertThat(first.height()).isEqualTo(120);
        Path file = cache.fileFor("abcdef", 120, 160);
        assertThat(file).isRegularFile();
        long modified = Files.getLastModifiedTime(file).toMillis();
        // Second call comes from the PNG: same pixels, file untouched.
        RgbImage second = cache.thumbnail(video, "abcdef", 120, 160);
        assertThat(second.pixels()).isEqualTo(first.pixels());
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        try (FrameSource s = FrameSource.open(video, FrameSize.fitWidth(160))) {
            assertThat(s.frame(120).image().pixels()).isEqualTo(first.pixels());
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(p -> p.getFileName().toString().contains("partial"))).isEmpty();
        }
    }

    /** A lossless encode reads back bit-exact, frame by frame; the output appears only when finished. */
    @Test
    void losslessEncodeRoundTrips() {
        Path out = tmp.resolve("sub/round.mkv");
        List<RgbImage> frames = new ArrayList<>();
        try (VideoEncoder encoder = VideoEncoder.open(out, 64, 48, new VideoEncoder.Settings(VideoCodec.FFV1, 25, 0, 10))) {
            for (int i = 0; i < 30; i++) {
                RgbImage img = pattern(64, 48, i);
                frames.add(img);
                encoder.write(img);
            }
            assertThat(out).doesNotExist();
        }
        assertThat(out).isRegularFile();
        try (FrameSource s = FrameSource.open(out)) {
            assertThat(s.frameCount()).isEqualTo(30);
            for (int i = 0; i < 30; i++) {
                RgbImage back = s.next().image();
                // 4:4:4 YUV round trip: within one level of rounding per channel.
                for (int k = 0; k < back.pixels().length; k++) {
                    assertThat(Math.abs((back.pixels()[k] & 0xff) - (frames.get(i).pixels()[k] & 0xff)))
                            .as("frame %d byte %d", i, k).isLessThanOrEqualTo(3);
                }
            }
        }
    }

    @Test
    void abortedEncodeLeavesNothing() throws Exception {
        Path out = tmp.resolve("aborted.mp4");
        VideoEncoder encoder = VideoEncoder.open(out, 64, 48, VideoEncoder.Settings.h264(24, 500_000));
        encoder.write(pattern(64, 48, 0));
        encoder.abort();
        try (Stream<Path> all = Files.list(tmp)) {
            assertThat(all).isEmpty();
        }
    }

    static RgbImage pattern(int w, int h, int t) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) ((x * 4 + t * 7) & 0xff);
                px[i + 1] = (byte) ((y * 5 + t * 3) & 0xff);
                px[i + 2] = (byte) (((x + y) * 2 + t) & 0xff);
            }
        }
        return new RgbImage(w, h, px);
    }
}
