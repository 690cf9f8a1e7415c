package org.anivid.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.anivid.TestData;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameSourceTest {

    static Stream<String> testVideos() {
        return Stream.of(
                "videos/onepiece_demo.mp4",
                "videos/pyscenedetect/counter.mp4",
                "videos/pyscenedetect/delayed_start.mp4",
                "videos/pyscenedetect/fades.mp4",
                "videos/pyscenedetect/goldeneye-vfr-drop3.mp4",
                "videos/pyscenedetect/issue-134-rotate.mp4",
                "videos/pyscenedetect/issue-236-split-copy.mkv",
                "videos/pyscenedetect/testvideo.mp4",
                "videos/dvr_scan/issue53_brightness_change.avi",
                "videos/dvr_scan/traffic_camera.mp4",
                "videos/talking_heads/tpsmm_driving.mp4",
                "videos/talking_heads/liveportrait_d0.mp4");
    }

    /** Frame count and duration agree with ffprobe (which decodes every frame to count them). */
    @ParameterizedTest
    @MethodSource("testVideos")
    void probeMatchesFfprobe(String name) throws Exception {
        Path file = TestData.file(name);
        VideoInfo info = new FfmpegVideoProbe().probe(file);
        JsonNode stream = ffprobeStream(file);
        assertThat(info.frames()).as("frames").isEqualTo(stream.path("nb_read_frames").asInt());
        assertThat(info.width()).isEqualTo(stream.path("width").asInt());
        assertThat(info.height()).isEqualTo(stream.path("height").asInt());
        double fps = info.fps();
        double expectedDuration = stream.has("duration") ? stream.path("duration").asDouble()
                : ffprobeFormatDuration(file);
        assertThat(info.durationSeconds()).as("duration").isCloseTo(expectedDuration, within(1.01 / fps));

        // The decoder delivers exactly as many frames as the index promises, in order.
        try (FrameSource source = FrameSource.open(file, FrameSize.fitWidth(64))) {
            int n = 0;
            for (VideoFrame f = source.next(); f != null; f = source.next()) {
                assertThat(f.index()).isEqualTo(n++);
            }
            assertThat(n).isEqualTo(info.frames());
        }
    }

    /** counter.mp4 stamps each frame with its number: seeking in any order returns exactly that frame. */
    @Test
    void seekingCounterIsFrameAccurate() throws Exception {
        Path file = TestData.file("videos/pyscenedetect/counter.mp4");
        List<RgbImage> sequential = decodeAll(file, FrameSize.fitWidth(480));
        assertThat(sequential).hasSize(30);
        // Each decoded frame looks most like its own numbered reference picture (frame001.png is frame 0).
        for (int i = 0; i < sequential.size(); i++) {
            int best = -1;
            double bestDiff = Double.MAX_VALUE;
            for (int j = Math.max(0, i - 2); j <= Math.min(29, i + 2); j++) {
                double d = meanAbsDiff(sequential.get(i), reference(j, 480));
                if (d < bestDiff) {
                    bestDiff = d;
                    best = j;
                }
            }
            assertThat(best).as("frame %d matches counter picture", i).isEqualTo(i);
        }
        assertSeeksMatch(file, sequential, FrameSize.fitWidth(480), 2);
    }

    @Test
    void seekingIsFrameAccurateOnBFrameH264() throws Exception {
        Path file = TestData.file("videos/onepiece_demo.mp4");
        assertSeeksMatch(file, decodeAll(file, FrameSize.fitWidth(160)), FrameSize.fitWidth(160), 1);
    }

    @Test
    void seekingIsFrameAccurateOnVariableFrameRate() throws Exception {
        Path file = TestData.file("videos/pyscenedetect/goldeneye-vfr-drop3.mp4");
        try (FrameSource source = FrameSource.open(file, FrameSize.fitWidth(64))) {
            VideoInfo info = source.info();
            assertThat(info.variableFrameRate()).isTrue();
            assertThat(info.frames()).isEqualTo(160);
            // Every third frame was dropped: gaps between frame times are not all equal.
            double minGap = Double.MAX_VALUE;
            double maxGap = 0;
            for (int i = 1; i < info.frames(); i++) {
                double gap = source.timeOf(i) - source.timeOf(i - 1);
                minGap = Math.min(minGap, gap);
                maxGap = Math.max(maxGap, gap);
                assertThat(source.frameAt(source.timeOf(i))).isEqualTo(i);
            }
            assertThat(maxGap).isGreaterThan(minGap * 1.8);
        }
        assertSeeksMatch(file, decodeAll(file, FrameSize.fitWidth(64)), FrameSize.fitWidth(64), 1);
    }

    @Test
    void constantFrameRateIsNotReportedVariable() {
        VideoInfo info = new FfmpegVideoProbe().probe(TestData.file("videos/pyscenedetect/testvideo.mp4"));
        assertThat(info.variableFrameRate()).isFalse();
        assertThat(info.fps()).isCloseTo(29.97, within(0.01));
    }

    /** Rotation metadata is applied the way the ffmpeg tool applies it (its first frame is the reference). */
    @Test
    void rotationMetadataIsApplied(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = TestData.file("videos/pyscenedetect/issue-134-rotate.mp4");
        Path png = tmp.resolve("f0.png");
        Ffmpeg.ffmpeg("-v", "error", "-i", file.toString(), "-frames:v", "1", png.toString());
        BufferedImage ref = ImageIO.read(png.toFile());
        try (FrameSource source = FrameSource.open(file)) {
            assertThat(source.info().rotation()).isEqualTo(90);
            RgbImage frame = source.next().image();
            assertThat(frame.width()).isEqualTo(ref.getWidth()).isEqualTo(544);
            assertThat(frame.height()).isEqualTo(ref.getHeight()).isEqualTo(1280);
            assertThat(meanAbsDiff(frame, toRgb(ref))).isLessThan(3.0);
            assertThat(meanAbsDiff(frame, Rotation.rotate(Rotation.rotate(frame, 90), 90))).isGreaterThan(10.0);
        }
    }

    /**
     * Widths whose RGB rows are not a multiple of swscale's SIMD block (410 px: 1230 bytes) decode without writing
     * past the rows (this once corrupted the heap and killed the process) and match the ffmpeg tool's pictures,
     * right-most columns included.
     */
    @Test
    void oddWidthsDecodeExactlyToTheLastColumn(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        for (String size : new String[] {"410x412", "322x242", "97x61"}) {
            Path file = tmp.resolve("odd-" + size + ".mp4");
            Ffmpeg.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25:duration=1",
                    "-pix_fmt", "yuv420p", "-c:v", "mpeg4", "-q:v", "2", file.toString());
            Path png = tmp.resolve("odd-" + size + ".png");
            Ffmpeg.ffmpeg("-v", "error", "-i", file.toString(), "-frames:v", "1", png.toString());
            RgbImage ref = toRgb(ImageIO.read(png.toFile()));
            try (FrameSource source = FrameSource.open(file)) {
                RgbImage first = source.next().image();
                assertThat(first.width()).isEqualTo(ref.width());
                assertThat(meanAbsDiff(first, ref)).as(size).isLessThan(3.0);
                RgbImage lastColumn = column(first, first.width() - 1);
                assertThat(meanAbsDiff(lastColumn, column(ref, ref.width() - 1))).as(size + " last column").isLessThan(6.0);
                int frames = 1;
                while (source.next() != null) {
                    frames++;
                }
                assertThat(frames).isEqualTo(25);
            }
        }
    }

    private static RgbImage column(RgbImage img, int x) {
        byte[] out = new byte[img.height() * 3];
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.pixels(), (y * img.width() + x) * 3, out, y * 3, 3);
        }
        return new RgbImage(1, img.height(), out);
    }

    /** Analysis frames skip deblocking; after the shrink they stay within about a grey level of a full decode. */
    @Test
    void analysisFramesMatchShrunkFullFrames() {
        Path file = TestData.file("videos/dvr_scan/traffic_camera.mp4");
        try (FrameSource analysis = FrameSource.open(file, FrameSize.fitWidth(320));
             FrameSource full = FrameSource.open(file, FrameSize.fitWidth(640))) {
            assertThat(analysis.width()).isEqualTo(320);
            for (int i : new int[] {0, 100, 300, 575}) {
                RgbImage a = analysis.frame(i).image();
                RgbImage f = shrinkHalf(full.frame(i).image());
                assertThat(meanAbsDiff(a, f)).as("frame %d", i).isLessThan(2.5);
            }
        }
    }

    private static RgbImage shrinkHalf(RgbImage img) {
        int w = img.width() / 2;
        int h = img.height() / 2;
        byte[] out = new byte[w * h * 3];
        byte[] in = img.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int s = (in[((2 * y) * img.width() + 2 * x) * 3 + c] & 0xff)
                            + (in[((2 * y) * img.width() + 2 * x + 1) * 3 + c] & 0xff)
                            + (in[((2 * y + 1) * img.width() + 2 * x) * 3 + c] & 0xff)
                            + (in[((2 * y + 1) * img.width() + 2 * x + 1) * 3 + c] & 0xff);
                    out[(y * w + x) * 3 + c] = (byte) ((s + 2) / 4);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    static void assertSeeksMatch(Path file, List<RgbImage> sequential, FrameSize size, int strideRandom)
            throws IOException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sequential.size(); i += strideRandom) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        // Backwards and long forward jumps force real seeks; short hops decode forward.
        order.add(sequential.size() - 1);
        order.add(0);
        try (FrameSource source = FrameSource.open(file, size)) {
            for (int i : order) {
                VideoFrame f = source.frame(i);
                assertThat(f.index()).isEqualTo(i);
                assertThat(f.image().pixels()).as("%s frame %d by seek", file.getFileName(), i)
                        .isEqualTo(sequential.get(i).pixels());
            }
        }
    }

    static List<RgbImage> decodeAll(Path file, FrameSize size) {
        List<RgbImage> frames = new ArrayList<>();
        try (FrameSource source = FrameSource.open(file, size)) {
            for (VideoFrame f = source.next(); f != null; f = source.next()) {
                frames.add(f.image());
            }
        }
        return frames;
    }

    private static RgbImage reference(int index, int width) throws IOException {
        Path png = TestData.file(String.format("videos/pyscenedetect/counter/frame%03d.png", index + 1));
        BufferedImage img = ImageIO.read(png.toFile());
        int height = img.getHeight() * width / img.getWidth();
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, width, height, null);
        g.dispose();
        return toRgb(scaled);
    }

    static RgbImage toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int i = (y * w + x) * 3;
                px[i] = (byte) (rgb >> 16);
                px[i + 1] = (byte) (rgb >> 8);
                px[i + 2] = (byte) rgb;
            }
        }
        return new RgbImage(w, h, px);
    }

    static double meanAbsDiff(RgbImage a, RgbImage b) {
        int h = Math.min(a.height(), b.height());
        int w = Math.min(a.width(), b.width());
        long sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int ia = (y * a.width() + x) * 3;
                int ib = (y * b.width() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs((a.pixels()[ia + c] & 0xff) - (b.pixels()[ib + c] & 0xff));
                }
            }
        }
        return sum / (double) (w * h * 3);
    }

    private static JsonNode ffprobeStream(Path file) throws Exception {
        String json = Ffmpeg.ffprobe("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=width,height,nb_read_frames,duration", "-of", "json", file.toString());
        return new ObjectMapper().readTree(json).path("streams").path(0);
    }

    private static double ffprobeFormatDuration(Path file) throws Exception {
        String json = Ffmpeg.ffprobe("-v", "error", "-show_entries", "format=duration", "-of", "json",
                file.toString());
        return new ObjectMapper().readTree(json).path("format").path("duration").asDouble();
    }
}
