package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.anivid.TestData;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * swscale's shrinking filters with and without AVX2 gathers must give the same bytes, since which one a process
 * uses depends on a timing (see {@link RgbConverter}).
 */
class RgbConverterTest {
    /** Textured 1080p frames (fine random detail plus gradients), so every filter tap matters. */
    private static Path textured1080p(Path dir) {
        Path file = dir.resolve("textured.mp4");
        Random random = new Random(7);
        try (VideoEncoder encoder = VideoEncoder.open(file, 1920, 1080,
                new VideoEncoder.Settings(VideoCodec.H264, 24, 20_000_000, 4))) {
            for (int n = 0; n < 4; n++) {
                byte[] px = new byte[1920 * 1080 * 3];
                for (int y = 0; y < 1080; y++) {
                    for (int x = 0; x < 1920; x++) {
                        int i = (y * 1920 + x) * 3;
                        int noise = random.nextInt(96);
                        px[i] = (byte) ((x / 8 + noise + n * 9) & 0xff);
                        px[i + 1] = (byte) ((y / 5 + noise / 2) & 0xff);
                        px[i + 2] = (byte) (((x + y) / 11 + (noise ^ 0x35)) & 0xff);
                    }
                }
                encoder.write(new RgbImage(1920, 1080, px));
            }
        }
        return file;
    }

    private static void assertSameBytesBothWays(Path file, int[][] sizes) {
        List<FrameSource.RawFrame> raw = new ArrayList<>();
        try (FrameSource source = FrameSource.open(file, FrameSize.FULL);
             RgbConverter gathers = new RgbConverter(file, false);
             RgbConverter noGathers = new RgbConverter(file, true);
             RgbConverter decided = new RgbConverter(file)) {
            for (FrameSource.RawFrame f = source.nextRaw(); f != null && raw.size() < 4; f = source.nextRaw()) {
                raw.add(f);
            }
            assertThat(raw).isNotEmpty();
            try {
                for (int[] size : sizes) {
                    for (FrameSource.RawFrame f : raw) {
                        byte[] a = gathers.convert(f.frame(), size[0], size[1]);
                        byte[] b = noGathers.convert(f.frame(), size[0], size[1]);
                        byte[] c = decided.convert(f.frame(), size[0], size[1]);
                        assertThat(a).as("%dx%d frame %d", size[0], size[1], f.index()).hasSize(size[0] * size[1] * 3);
                        assertThat(b).as("%dx%d frame %d without gathers", size[0], size[1], f.index()).isEqualTo(a);
                        assertThat(c).as("%dx%d frame %d as decided", size[0], size[1], f.index()).isEqualTo(a);
                    }
                }
            } finally {
                raw.forEach(FrameSource::release);
            }
        }
    }

    @Test
    void shrinkingGivesTheSameBytesWithAndWithoutGathers(@TempDir Path tmp) {
        // 320x180 is the analysis size (widths that are multiples of 16 take the AVX2 path); 410x232 is not one.
        assertSameBytesBothWays(textured1080p(tmp), new int[][] {{320, 180}, {640, 360}, {410, 232}, {1920, 1080}});
        assertThat(RgbConverter.avoidGathers()).as("decided on the first shrink").isNotNull();
    }

    @Test
    void realFootageGivesTheSameBytesWithAndWithoutGathers() {
        assertSameBytesBothWays(TestData.file("videos/onepiece_demo.mp4"), new int[][] {{320, 240}, {160, 120}});
    }
}
