package org.anivid.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.anivid.core.VideoFrame;

/**
 * Decoding speed of our frame source against the ffmpeg tool of the same FFmpeg build, measured in one run so
 * machine noise hits both sides alike. Runs alternate (ours, ffmpeg, ours, ffmpeg…) and the best of each is kept.
 */
public final class DecodeBenchmark {
    /** One measured configuration: frames decoded and the best wall time over the repeats. */
    public record Measure(String name, int frames, double bestSeconds) {
        public double fps() {
            return frames / bestSeconds;
        }
    }

    public record Result(Path video, int width, int height, String codec, int frames, List<Measure> measures,
                         int analysisWidth, int analysisHeight) {
        public Measure get(String name) {
            return measures.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        }

        /** Our full-size RGB decode relative to ffmpeg's decode-only rate. */
        public double fullRatio() {
            return get("full").fps() / get("ffmpeg").fps();
        }

        /** Our analysis-size decode relative to ffmpeg's full-size decode-only rate. */
        public double analysisRatio() {
            return get("analysis").fps() / get("ffmpeg").fps();
        }
    }

    private DecodeBenchmark() {
    }

    public static Result run(Path video, int repeats, FrameSize analysisSize) throws IOException, InterruptedException {
        int frames;
        int aw;
        int ah;
        var info = new FfmpegVideoProbe().probe(video);
        try (FrameSource s = FrameSource.open(video, analysisSize)) {
            aw = s.width();
            ah = s.height();
            frames = s.frameCount();
        }
        double full = Double.MAX_VALUE;
        double analysis = Double.MAX_VALUE;
        double ffmpeg = Double.MAX_VALUE;
        double ffmpegRgb = Double.MAX_VALUE;
        decodeAll(video, analysisSize); // warm-up: natives loaded, file in the page cache
        for (int i = 0; i < Math.max(1, repeats); i++) {
            full = Math.min(full, decodeAll(video, FrameSize.FULL));
            ffmpeg = Math.min(ffmpeg, ffmpegNull(video, false));
            analysis = Math.min(analysis, decodeAll(video, analysisSize));
            ffmpegRgb = Math.min(ffmpegRgb, ffmpegNull(video, true));
        }
        List<Measure> measures = new ArrayList<>();
        measures.add(new Measure("full", frames, full));
        measures.add(new Measure("analysis", frames, analysis));
        measures.add(new Measure("ffmpeg", frames, ffmpeg));
        measures.add(new Measure("ffmpeg-rgb24", frames, ffmpegRgb));
        return new Result(video, info.displayWidth(), info.displayHeight(), info.codec(), frames, measures, aw, ah);
    }

    private static double decodeAll(Path video, FrameSize size) {
        long start = System.nanoTime();
        int n = 0;
        try (ReadAheadFrames frames = ReadAheadFrames.open(video, size)) {
            for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalStateException("no frames decoded from " + video);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code ffmpeg -i VIDEO -f null -}: decode only; with {@code rgb}, also convert to RGB24 like we do. */
    public static double ffmpegNull(Path video, boolean rgb) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Natives.ffmpegExecutable().toString(), "-v", "error", "-nostdin",
                "-i", video.toString(), "-map", "0:v:0", "-an"));
        if (rgb) {
            cmd.addAll(List.of("-pix_fmt", "rgb24"));
        }
        cmd.addAll(List.of("-f", "null", "-"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", Natives.ffmpegExecutable().getParent().toString());
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed on " + video + ": " + new String(out));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
