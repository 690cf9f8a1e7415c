package org.anivid.shots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.anivid.media.Natives;
import org.anivid.media.ReadAheadFrames;

/**
 * Speed of shot detection on one file, measured in one run so machine noise hits every side alike
 * ({@code ./anivid bench shots VIDEO}). Runs alternate and the best of each is kept:
 * <ul>
 *   <li>{@code decode}: our decode at {@link ShotService#ANALYSIS_SIZE}, frames only;</li>
 *   <li>{@code decode+detect}: the same decode feeding the detector (what {@link ShotService} does);</li>
 *   <li>{@code detect}: the detector's own CPU time inside that run (its {@code accept} and {@code finish});</li>
 *   <li>{@code ffmpeg}: {@code ffmpeg -i VIDEO -f null -} of the same FFmpeg build (full-size decode only), when
 *       asked for.</li>
 * </ul>
 */
public final class ShotBenchmark {
    /** Seconds are the best over the repeats; NaN where not measured. */
    public record Result(Path video, String codec, int width, int height, int analysisWidth, int analysisHeight,
                         int frames, String detector, double decodeSeconds, double decodeDetectSeconds,
                         double detectSeconds, double ffmpegSeconds, List<Integer> cuts) {
        public double decodeFps() {
            return frames / decodeSeconds;
        }

        public double decodeDetectFps() {
            return frames / decodeDetectSeconds;
        }

        public double detectFps() {
            return frames / detectSeconds;
        }

        public double ffmpegFps() {
            return frames / ffmpegSeconds;
        }

        /** Decode+detect relative to decode alone (1.0 = detection costs nothing on the clock). */
        public double ratioToDecode() {
            return decodeDetectFps() / decodeFps();
        }

        /** Decode+detect relative to ffmpeg's full-size decode rate. */
        public double ratioToFfmpeg() {
            return decodeDetectFps() / ffmpegFps();
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("video", video.toString());
            m.put("codec", codec);
            m.put("size", width + "x" + height);
            m.put("analysis_size", analysisWidth + "x" + analysisHeight);
            m.put("frames", frames);
            m.put("detector", detector);
            m.put("decode_fps", ShotService.round(decodeFps(), 1));
            m.put("decode_detect_fps", ShotService.round(decodeDetectFps(), 1));
            m.put("detect_fps", ShotService.round(detectFps(), 1));
            m.put("ratio_to_decode", ShotService.round(ratioToDecode(), 3));
            if (!Double.isNaN(ffmpegSeconds)) {
                m.put("ffmpeg_fps", ShotService.round(ffmpegFps(), 1));
                m.put("ratio_to_ffmpeg", ShotService.round(ratioToFfmpeg(), 3));
            }
            m.put("cuts", cuts);
            return m;
        }
    }

    private ShotBenchmark() {
    }

    /** The default detector, 3 repeats, with the ffmpeg baseline. */
    public static Result run(Path video) {
        return run(video, ShotDetectors.DEFAULT, 3, true);
    }

    /**
     * @throws InvalidInputException for an unreadable video
     * @throws IllegalStateException when the ffmpeg baseline fails
     */
    public static Result run(Path video, String detector, int repeats, boolean withFfmpeg) {
        double decode = Double.MAX_VALUE;
        double both = Double.MAX_VALUE;
        double detect = Double.MAX_VALUE;
        double ffmpeg = withFfmpeg ? Double.MAX_VALUE : Double.NaN;
        Pass warm = pass(video, null); // natives loaded, file in the page cache
        List<Integer> cuts = List.of();
        for (int i = 0; i < Math.max(1, repeats); i++) {
            decode = Math.min(decode, pass(video, null).seconds);
            Pass p = pass(video, ShotDetectors.create(detector));
            both = Math.min(both, p.seconds);
            detect = Math.min(detect, p.detectSeconds);
            cuts = p.cuts;
            if (withFfmpeg) {
                ffmpeg = Math.min(ffmpeg, ffmpegNull(video));
            }
        }
        VideoInfo info = warm.info;
        return new Result(video, info.codec(), info.displayWidth(), info.displayHeight(), warm.width, warm.height,
                warm.frames, ShotDetectors.create(detector).name(), decode, both, detect, ffmpeg, cuts);
    }

    private record Pass(VideoInfo info, int width, int height, int frames, double seconds, double detectSeconds,
                        List<Integer> cuts) {
    }

    private static Pass pass(Path video, ShotDetector detector) {
        long start = System.nanoTime();
        long inDetector = 0;
        int n = 0;
        try (ReadAheadFrames frames = ReadAheadFrames.open(video, ShotService.ANALYSIS_SIZE)) {
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                if (detector != null) {
                    long t = System.nanoTime();
                    detector.accept(f);
                    inDetector += System.nanoTime() - t;
                }
                n++;
            }
            List<Integer> cuts = List.of();
            if (detector != null) {
                long t = System.nanoTime();
                cuts = detector.finish().cuts();
                inDetector += System.nanoTime() - t;
            }
            if (n == 0) {
                throw new InvalidInputException(video, "no decodable video frames");
            }
            return new Pass(frames.info(), frames.width(), frames.height(), n, (System.nanoTime() - start) / 1e9,
                    inDetector / 1e9, cuts);
        }
    }

    /** {@code ffmpeg -i VIDEO -map 0:v:0 -an -f null -}: the FFmpeg build's own decode-only rate. */
    private static double ffmpegNull(Path video) {
        List<String> cmd = new ArrayList<>(List.of(Natives.ffmpegExecutable().toString(), "-v", "error", "-nostdin",
                "-i", video.toString(), "-map", "0:v:0", "-an", "-f", "null", "-"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", Natives.ffmpegExecutable().getParent().toString());
        try {
            long start = System.nanoTime();
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed on " + video + ": " + new String(out).trim());
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ffmpeg: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ffmpeg", e);
        }
    }
}
