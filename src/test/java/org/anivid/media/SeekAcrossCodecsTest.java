package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.anivid.core.RgbImage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeking returns the same picture as sequential decoding for every codec the studio claims, on clips with
 * B-frames and short GOPs where the encoder has them. The clips are generated here by FFmpeg's test source
 * (a moving pattern with a running counter), HEVC by the system's ffmpeg (libx265) when it is installed.
 */
class SeekAcrossCodecsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "h264-openh264, mp4, bundled, -c:v libopenh264 -g 12",
            "mpeg4-bframes, mp4, bundled, -c:v mpeg4 -bf 2 -g 12 -q:v 4",
            "mjpeg, avi, bundled, -c:v mjpeg -q:v 5",
            "vp9, webm, bundled, -c:v libvpx-vp9 -g 12 -deadline realtime -cpu-used 8 -b:v 300k",
            "av1, mkv, bundled, -c:v libaom-av1 -g 12 -cpu-used 8 -b:v 200k",
            "hevc-bframes, mp4, system, -c:v libx265 -x265-params bframes=3:keyint=12:log-level=error",
            "h264-bframes, mp4, system, -c:v libx264 -bf 3 -g 12",
    })
    void seekMatchesSequentialDecode(String name, String ext, String which, String codecArgs) throws Exception {
        Path clip = tmp.resolve(name + "." + ext);
        String[] source = {"-v", "error", "-f", "lavfi", "-i", "testsrc2=size=192x108:rate=24", "-frames:v", "60",
                "-pix_fmt", "yuv420p"};
        String[] all = concat(source, codecArgs.trim().split(" "), new String[] {"-y", clip.toString()});
        if (which.equals("bundled")) {
            Ffmpeg.ffmpeg(all);
        } else {
            Path system = Path.of("/usr/bin/ffmpeg");
            assumeTrue(Files.isExecutable(system), "system ffmpeg (apt ffmpeg) not installed: needed for " + name);
            Ffmpeg.run(system, all);
        }
        List<RgbImage> sequential = FrameSourceTest.decodeAll(clip, FrameSize.FULL);
        assertThat(sequential).hasSize(60);
        // Neighbouring frames differ, so an off-by-one seek cannot pass unnoticed.
        assertThat(FrameSourceTest.meanAbsDiff(sequential.get(30), sequential.get(31))).isGreaterThan(0.5);
        FrameSourceTest.assertSeeksMatch(clip, sequential, FrameSize.FULL, 1);
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
