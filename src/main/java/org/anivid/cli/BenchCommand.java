package org.anivid.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.anivid.media.DecodeBenchmark;
import org.anivid.media.FrameSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks, each against a baseline run in the same process.",
        subcommands = {BenchCommand.Decode.class, BenchCommand.Shots.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Frames/s of full-size and analysis-size decoding beside `ffmpeg -f null` (same FFmpeg build).")
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "VIDEO", arity = "1..*")
        List<Path> videos;

        @Option(names = "--repeats", defaultValue = "5", description = "Runs per side; the best is kept (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--analysis-width", defaultValue = "320", description = "Analysis width (default ${DEFAULT-VALUE}).")
        int analysisWidth;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (Path video : videos) {
                DecodeBenchmark.Result r = DecodeBenchmark.run(video, repeats, FrameSize.fitWidth(analysisWidth));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("video", video.toString());
                row.put("codec", r.codec());
                row.put("size", r.width() + "x" + r.height());
                row.put("analysis_size", r.analysisWidth() + "x" + r.analysisHeight());
                row.put("frames", r.frames());
                for (DecodeBenchmark.Measure m : r.measures()) {
                    row.put(m.name().replace('-', '_') + "_fps", round(m.fps()));
                }
                row.put("full_vs_ffmpeg", round(r.fullRatio()));
                row.put("analysis_vs_ffmpeg", round(r.analysisRatio()));
                row.put("full_vs_ffmpeg_rgb24", round(r.get("full").fps() / r.get("ffmpeg-rgb24").fps()));
                rows.add(row);
                if (!json) {
                    System.out.printf("%s (%s %dx%d, %d frames)%n", video, r.codec(), r.width(), r.height(), r.frames());
                    System.out.printf("  full-size RGB      %8.1f frames/s  = %.2fx ffmpeg -f null, %.2fx ffmpeg -pix_fmt rgb24%n",
                            r.get("full").fps(), r.fullRatio(), r.get("full").fps() / r.get("ffmpeg-rgb24").fps());
                    System.out.printf("  analysis %4dx%-4d %8.1f frames/s  = %.2fx ffmpeg -f null (full size)%n",
                            r.analysisWidth(), r.analysisHeight(), r.get("analysis").fps(), r.analysisRatio());
                    System.out.printf("  ffmpeg -f null     %8.1f frames/s; with -pix_fmt rgb24 %.1f frames/s%n",
                            r.get("ffmpeg").fps(), r.get("ffmpeg-rgb24").fps());
                }
            }
            if (json) {
                Json.print(System.out, Map.of("bench", "decode", "results", rows));
            }
            return 0;
        }

        static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }
    }

    @Command(name = "shots", mixinStandardHelpOptions = true,
            description = "Frames/s of the shot + motion analysis (one decode feeding both, as the studio runs it) "
                    + "beside `ffmpeg -f null` decoding the same file, measured in the same run.")
    static final class Shots implements Callable<Integer> {
        @Parameters(paramLabel = "VIDEO", arity = "1..*")
        List<Path> videos;

        @Option(names = "--repeats", defaultValue = "3", description = "Runs per side; the best is kept (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--no-compensate", description = "Score motion without camera-motion compensation (DVR-Scan as is).")
        boolean noCompensate;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            org.anivid.motion.MotionOptions motion = org.anivid.motion.MotionOptions.curation()
                    .withCompensateCameraMotion(!noCompensate);
            for (Path video : videos) {
                org.anivid.app.AnalysisService.Analysis last = null;
                double analysis = Double.MAX_VALUE;
                double ffmpeg = Double.MAX_VALUE;
                for (int i = 0; i < Math.max(1, repeats); i++) {
                    last = org.anivid.app.AnalysisService.analyze(video, org.anivid.shots.ShotDetectors.DEFAULT,
                            motion, org.anivid.jobs.JobContext.silent());
                    analysis = Math.min(analysis, last.seconds());
                    ffmpeg = Math.min(ffmpeg, DecodeBenchmark.ffmpegNull(video, false));
                }
                int frames = last.frames();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("video", video.toString());
                row.put("codec", last.info().codec());
                row.put("size", last.info().displayWidth() + "x" + last.info().displayHeight());
                row.put("frames", frames);
                row.put("cuts", last.cuts().size());
                row.put("camera_compensation", !noCompensate);
                row.put("analysis_fps", Decode.round(frames / analysis));
                row.put("ffmpeg_decode_fps", Decode.round(frames / ffmpeg));
                row.put("analysis_vs_ffmpeg_decode", Decode.round(ffmpeg / analysis));
                rows.add(row);
                if (!json) {
                    System.out.printf("%s (%s %s, %d frames, %d cuts)%n  shots + motion  %8.1f frames/s = %.2fx ffmpeg -f null (%.1f frames/s)%n",
                            video, last.info().codec(), row.get("size"), frames, last.cuts().size(), frames / analysis,
                            ffmpeg / analysis, frames / ffmpeg);
                }
            }
            if (json) {
                Json.print(System.out, Map.of("bench", "shots", "results", rows));
            }
            return 0;
        }
    }
}
