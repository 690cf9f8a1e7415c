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
        subcommands = {BenchCommand.Decode.class, BenchCommand.Shots.class, BenchCommand.Faces.class, BenchCommand.Curate.class})
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

    @Command(name = "faces", mixinStandardHelpOptions = true,
            description = "Frames/s of each face detector at 640x480 and 1920x1080 beside decoding the same frames, "
                    + "and the effective rate of a whole-video pass with frame striding plus tracking.")
    static final class Faces implements Callable<Integer> {
        @Parameters(paramLabel = "VIDEO", arity = "0..1",
                description = "Video whose frames are used (default: the bundled demo episode).")
        Path video;

        @Option(names = "--models", split = ",", description = "Models to measure (default: every known model found).")
        List<String> models;

        @Option(names = "--frames", defaultValue = "40", description = "Frames per size (default ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--strides", split = ",", defaultValue = "1,3,5",
                description = "Strides of the whole-video pass (default ${DEFAULT-VALUE}; the first is the reference).")
        List<Integer> strides;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path source = video != null ? video : org.anivid.core.AppPaths.demoDir()
                    .map(d -> d.resolve("demo.mp4")).orElseThrow(() -> new org.anivid.core.InvalidInputException(null,
                            "no demo episode found; name a video"));
            List<String> names = org.anivid.faces.FaceModels.namedOrAvailable(models);
            List<Map<String, Object>> speed = new java.util.ArrayList<>();
            List<Map<String, Object>> stride = new java.util.ArrayList<>();
            List<Integer> cuts = org.anivid.shots.ShotService.detect(source, org.anivid.shots.ShotDetectors.DEFAULT,
                    org.anivid.jobs.JobContext.silent()).cuts();
            int[] strideValues = strides.stream().mapToInt(Integer::intValue).toArray();
            for (String name : names) {
                try (org.anivid.faces.FaceDetector detector = org.anivid.faces.FaceModels.open(name)) {
                    for (int[] size : new int[][] {{640, 480}, {1920, 1080}}) {
                        var r = org.anivid.faces.FaceBenchmark.speed(detector, source, size[0], size[1], frames,
                                org.anivid.jobs.JobContext.silent());
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("model", r.model());
                        row.put("size", r.width() + "x" + r.height());
                        row.put("frames", r.frames());
                        row.put("detect_fps", Decode.round(r.detectFps()));
                        row.put("decode_fps", Decode.round(r.decodeFps()));
                        row.put("detect_vs_decode", Decode.round(r.detectFps() / r.decodeFps()));
                        speed.add(row);
                        if (!json) {
                            System.out.printf("%-16s %4dx%-4d %7.1f frames/s detection (decoding the same frames: %.1f "
                                    + "frames/s, ratio %.3f)%n", r.model(), r.width(), r.height(), r.detectFps(),
                                    r.decodeFps(), r.detectFps() / r.decodeFps());
                        }
                    }
                    for (var r : org.anivid.faces.FaceBenchmark.strides(detector, source, cuts, strideValues,
                            org.anivid.jobs.JobContext.silent())) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("model", r.model());
                        row.put("stride", r.stride());
                        row.put("frames", r.frames());
                        row.put("detected_frames", r.detectedFrames());
                        row.put("effective_fps", Decode.round(r.fps()));
                        row.put("flags_equal_to_first_stride", Decode.round(r.flagAgreement()));
                        stride.add(row);
                        if (!json) {
                            System.out.printf("%-16s whole video, stride %d: %7.1f frames/s (%d of %d frames detected), "
                                    + "one-face flags equal to stride %d on %.1f%% of frames%n", r.model(), r.stride(),
                                    r.fps(), r.detectedFrames(), r.frames(), strideValues[0], 100 * r.flagAgreement());
                        }
                    }
                }
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bench", "faces");
                out.put("video", source.toString());
                out.put("speed", speed);
                out.put("strides", stride);
                Json.print(System.out, out);
            }
            return 0;
        }
    }

    @Command(name = "curate", mixinStandardHelpOptions = true,
            description = "End-to-end curation (import, shots + motion, faces, rules) of a video in a scratch library "
                    + "and the export of its clips, beside `ffmpeg -f null` decoding the same file in the same run.")
    static final class Curate implements Callable<Integer> {
        @Parameters(paramLabel = "VIDEO")
        Path video;

        @Option(names = "--model", paramLabel = "NAME_OR_PATH", description = "Face model (default: the first found).")
        String model;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path scratch = java.nio.file.Files.createTempDirectory("anivid-bench-curate");
            try {
                double ffmpeg = DecodeBenchmark.ffmpegNull(video, false);
                Map<String, Object> row = new LinkedHashMap<>();
                try (org.anivid.library.Library lib = org.anivid.library.Library.open(scratch.resolve("library"))) {
                    long t0 = System.nanoTime();
                    var episode = new org.anivid.app.ImportService(lib, new org.anivid.media.FfmpegVideoProbe())
                            .importVideo(video, "Bench", org.anivid.jobs.JobContext.silent());
                    var report = org.anivid.jobs.JobQueue.runNow("curate", new org.anivid.app.CurateService(lib)
                            .curateJob(List.of(episode), new org.anivid.app.CurateService.Options(model,
                                    org.anivid.faces.VideoFaceOptions.defaults(),
                                    org.anivid.curate.CurationRules.defaults(), true)));
                    double curate = (System.nanoTime() - t0) / 1e9;
                    var outcome = report.episodes().get(0);
                    if (outcome.error() != null) {
                        throw new org.anivid.core.InvalidInputException(video, outcome.error());
                    }
                    long t1 = System.nanoTime();
                    var export = org.anivid.jobs.JobQueue.runNow("export", new org.anivid.dataset.DatasetExporter(lib)
                            .exportJob(org.anivid.dataset.ExportOptions.defaults(scratch.resolve("export"))));
                    double exportSeconds = (System.nanoTime() - t1) / 1e9;
                    int frames = episode.info().frames();
                    double duration = episode.info().durationSeconds();
                    row.put("video", video.toString());
                    row.put("size", episode.info().displayWidth() + "x" + episode.info().displayHeight());
                    row.put("frames", frames);
                    row.put("duration_seconds", Decode.round(duration));
                    row.put("curate_seconds", Decode.round(curate));
                    row.put("curate_fps", Decode.round(frames / curate));
                    row.put("ffmpeg_decode_fps", Decode.round(frames / ffmpeg));
                    row.put("curate_vs_ffmpeg_decode", Decode.round(ffmpeg / curate));
                    row.put("curate_vs_realtime", Decode.round(duration / curate));
                    row.put("proposals", outcome.proposals());
                    row.put("export_clips", export.clips());
                    row.put("export_seconds", Decode.round(exportSeconds));
                    row.put("export_clips_per_second", Decode.round(export.clips() / exportSeconds));
                }
                if (json) {
                    Json.print(System.out, Map.of("bench", "curate", "results", List.of(row)));
                } else {
                    System.out.printf("%s (%s, %d frames, %.1f s)%n", video, row.get("size"), row.get("frames"),
                            row.get("duration_seconds"));
                    System.out.printf("  curation  %8.1f frames/s = %.2fx ffmpeg -f null (%.1f frames/s), %.2fx real time%n",
                            row.get("curate_fps"), row.get("curate_vs_ffmpeg_decode"), row.get("ffmpeg_decode_fps"),
                            row.get("curate_vs_realtime"));
                    System.out.printf("  export    %d clips in %.1f s = %.2f clips/s%n", row.get("export_clips"),
                            row.get("export_seconds"), row.get("export_clips_per_second"));
                }
                return 0;
            } finally {
                try (var walk = java.nio.file.Files.walk(scratch)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
