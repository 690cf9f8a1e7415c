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
        subcommands = {BenchCommand.Decode.class, BenchCommand.Shots.class, BenchCommand.Faces.class, BenchCommand.Curate.class, BenchCommand.Timeline.class, BenchCommand.Fomm.class,
                BenchCommand.Seek.class, BenchCommand.TrainFomm.class})
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
        @Parameters(paramLabel = "VIDEO", arity = "0..*",
                description = "Videos (default: the 1080p H.264 episode `bench seek` generates from the demo, 720 "
                        + "frames).")
        List<Path> videos;

        @Option(names = "--repeats", defaultValue = "3", description = "Paired runs per side after one untimed warm-up; the best of each side and the median pair ratio are reported (default ${DEFAULT-VALUE}).")
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
            List<Path> inputs = videos;
            String generated = null;
            if (inputs == null || inputs.isEmpty()) {
                inputs = List.of(Seek.generatedEpisode(Seek.DEFAULT_FRAMES, Seek.DEFAULT_GOP, Seek.DEFAULT_BITRATE));
                generated = Seek.describeGenerated(Seek.DEFAULT_FRAMES, Seek.DEFAULT_GOP, Seek.DEFAULT_BITRATE);
                if (!json) {
                    System.out.println("generated: " + generated);
                }
            }
            for (Path video : inputs) {
                // Untimed warm-up, as bench decode does: natives loaded, code compiled, the file in the page cache.
                org.anivid.app.AnalysisService.analyze(video, org.anivid.shots.ShotDetectors.DEFAULT, motion,
                        org.anivid.jobs.JobContext.silent());
                DecodeBenchmark.ffmpegNull(video, false);
                org.anivid.app.AnalysisService.Analysis last = null;
                double analysis = Double.MAX_VALUE;
                double ffmpeg = Double.MAX_VALUE;
                double[] ratios = new double[Math.max(1, repeats)];
                for (int i = 0; i < ratios.length; i++) {
                    // Pairs alternate which side runs first, so a drifting machine load hits both sides alike.
                    double f = i % 2 == 1 ? DecodeBenchmark.ffmpegNull(video, false) : 0;
                    last = org.anivid.app.AnalysisService.analyze(video, org.anivid.shots.ShotDetectors.DEFAULT,
                            motion, org.anivid.jobs.JobContext.silent());
                    if (i % 2 == 0) {
                        f = DecodeBenchmark.ffmpegNull(video, false);
                    }
                    analysis = Math.min(analysis, last.seconds());
                    ffmpeg = Math.min(ffmpeg, f);
                    ratios[i] = f / last.seconds();
                }
                java.util.Arrays.sort(ratios);
                int n = ratios.length;
                double median = n % 2 == 1 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
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
                row.put("analysis_vs_ffmpeg_decode_median", Decode.round(median));
                row.put("pairs", n);
                rows.add(row);
                if (!json) {
                    System.out.printf("%s (%s %s, %d frames, %d cuts)%n  shots + motion  %8.1f frames/s = %.2fx ffmpeg -f null (%.1f frames/s)"
                                    + "%n  median of %d paired runs: %.2fx%n",
                            video, last.info().codec(), row.get("size"), frames, last.cuts().size(), frames / analysis,
                            ffmpeg / analysis, frames / ffmpeg, n, median);
                }
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bench", "shots");
                if (generated != null) {
                    out.put("generated", generated);
                }
                out.put("results", rows);
                Json.print(System.out, out);
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

    @Command(name = "seek", mixinStandardHelpOptions = true,
            description = "Random-seek latency of the viewer (picture at display size plus the frame's face boxes from "
                    + "the library) on the original file and on its seek proxy, interleaved in one run; with the proxy's "
                    + "build speed and the proxy and filmstrip disk use per minute of video.")
    static final class Seek implements Callable<Integer> {
        static final int DEFAULT_FRAMES = 720;
        static final int DEFAULT_GOP = 250;
        static final int DEFAULT_BITRATE = 6_000_000;

        /** The generated 1080p episode (made once, then reused from the temporary folder). */
        static Path generatedEpisode(int frames, int gop, int bitrate) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"),
                    "anivid-bench-seek-1080p-stretched-gop" + gop + "-" + frames + "f-" + bitrate + ".mp4");
            return org.anivid.app.SeekBenchmark.generateEpisode(file, frames, gop, bitrate);
        }

        static String describeGenerated(int frames, int gop, int bitrate) {
            return "demo shots stretched to 260 frames each, scaled to 1920x1080, OpenH264 " + bitrate
                    + " b/s, key frame every " + gop + " frames (and at cuts), " + frames + " frames";
        }

        @Parameters(paramLabel = "VIDEO", arity = "0..*",
                description = "Videos (default: a 1080p H.264 episode generated from the demo, key frame every --gop frames).")
        List<Path> videos;

        @Option(names = "--count", defaultValue = "200", description = "Random frames per video (default ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random frames (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--frames", defaultValue = "" + DEFAULT_FRAMES,
                description = "Frames of the generated episode (default ${DEFAULT-VALUE}: 30 s at 24 fps).")
        int frames;

        @Option(names = "--gop", defaultValue = "" + DEFAULT_GOP,
                description = "Key-frame interval of the generated episode (default ${DEFAULT-VALUE}, x264's default).")
        int gop;

        @Option(names = "--bitrate", defaultValue = "" + DEFAULT_BITRATE,
                description = "Bits/s of the generated episode (default ${DEFAULT-VALUE}).")
        int bitrate;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || frames < 1 || gop < 1) {
                throw new org.anivid.core.InvalidInputException(null, "--count, --frames and --gop must be positive");
            }
            List<Path> inputs = videos;
            String generated = null;
            if (inputs == null || inputs.isEmpty()) {
                inputs = List.of(generatedEpisode(frames, gop, bitrate));
                generated = describeGenerated(frames, gop, bitrate);
            }
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            for (Path video : inputs) {
                Path scratch = org.anivid.app.SeekBenchmark.scratch();
                try {
                    var r = org.anivid.app.SeekBenchmark.run(video, count, seed, scratch, org.anivid.jobs.JobContext.silent());
                    rows.add(row(r));
                    if (!json) {
                        print(r);
                    }
                } finally {
                    try (var walk = java.nio.file.Files.walk(scratch)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bench", "seek");
                if (generated != null) {
                    out.put("generated", generated);
                }
                out.put("display_size", "fit 1920x1080");
                out.put("results", rows);
                Json.print(System.out, out);
            }
            return 0;
        }

        private static Map<String, Object> stats(org.anivid.app.SeekBenchmark.Stats s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median_ms", Decode.round(s.medianMs()));
            m.put("p95_ms", Decode.round(s.p95Ms()));
            m.put("max_ms", Decode.round(s.maxMs()));
            m.put("mean_ms", Decode.round(s.meanMs()));
            return m;
        }

        private static Map<String, Object> row(org.anivid.app.SeekBenchmark.Result r) {
            var b = r.build();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("video", r.video().toString());
            row.put("codec", r.codec());
            row.put("size", r.width() + "x" + r.height());
            row.put("frames", r.frames());
            row.put("fps", Decode.round(r.fps()));
            row.put("max_keyframe_distance", r.maxKeyframeDistance());
            row.put("proxy_needed", r.proxyNeeded());
            row.put("count", r.count());
            row.put("seed", r.seed());
            row.put("original", stats(r.original()));
            row.put("proxy", stats(r.proxy()));
            row.put("boxes_query", stats(r.boxes()));
            row.put("proxy_vs_original_median", Decode.round(r.medianRatio()));
            row.put("proxy_vs_original_p95", Decode.round(r.p95Ratio()));
            row.put("original_open_ms", Decode.round(r.originalOpenMs()));
            row.put("proxy_open_ms", Decode.round(r.proxyOpenMs()));
            row.put("filmstrip_open_ms", Decode.round(r.filmstripOpenMs()));
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("format", b.proxyWidth() + "x" + b.proxyHeight() + " " + org.anivid.media.ProxyFormat.DEFAULT.codec()
                    + " gop " + org.anivid.media.ProxyFormat.DEFAULT.gop());
            build.put("seconds", Decode.round(b.seconds()));
            build.put("fps", Decode.round(b.buildFps()));
            build.put("proxy_bytes", b.proxyBytes());
            build.put("filmstrip_bytes", b.filmstripBytes());
            build.put("thumbnails", b.thumbnails());
            build.put("filmstrip_step", b.filmstripStep());
            build.put("proxy_mb_per_minute", Decode.round(r.proxyMbPerMinute()));
            build.put("filmstrip_mb_per_minute", Decode.round(r.filmstripMbPerMinute()));
            build.put("original_mb_per_minute", Decode.round(video(r) / 1e6 / r.minutes()));
            build.put("episode_40000_frames_proxy_mb", Decode.round(r.projectedProxyMb(40_000)));
            build.put("episode_40000_frames_filmstrip_mb", Decode.round(r.projectedFilmstripMb(40_000)));
            row.put("build", build);
            return row;
        }

        private static long video(org.anivid.app.SeekBenchmark.Result r) {
            try {
                return java.nio.file.Files.size(r.video());
            } catch (java.io.IOException e) {
                return -1;
            }
        }

        private static void print(org.anivid.app.SeekBenchmark.Result r) {
            var b = r.build();
            System.out.printf("%s (%s %dx%d, %d frames, longest key-frame interval %d frames%s)%n", r.video(), r.codec(),
                    r.width(), r.height(), r.frames(), r.maxKeyframeDistance(),
                    r.proxyNeeded() ? "" : "; seek-friendly as it is, the studio would not make a proxy");
            System.out.printf("  seek + face boxes, %d random frames (seed %d), picture at display size:%n", r.count(), r.seed());
            System.out.printf("    original %4dx%-4d  median %7.1f ms   p95 %7.1f ms   max %7.1f ms%n", r.width(), r.height(),
                    r.original().medianMs(), r.original().p95Ms(), r.original().maxMs());
            System.out.printf("    proxy    %4dx%-4d  median %7.1f ms   p95 %7.1f ms   max %7.1f ms   (proxy/original: "
                    + "median %.3f, p95 %.3f)%n", r.proxyDisplayWidth(), r.proxyDisplayHeight(), r.proxy().medianMs(),
                    r.proxy().p95Ms(), r.proxy().maxMs(), r.medianRatio(), r.p95Ratio());
            System.out.printf("    of which the face-box query: median %.2f ms, max %.2f ms%n", r.boxes().medianMs(),
                    r.boxes().maxMs());
            System.out.printf("  opening: original %.0f ms, proxy %.0f ms, filmstrip %.0f ms%n", r.originalOpenMs(),
                    r.proxyOpenMs(), r.filmstripOpenMs());
            System.out.printf("  build (one decode): %.1f s = %.1f frames/s; proxy %.2f MB/min, filmstrip %.2f MB/min "
                    + "(%d thumbnails, step %d); original %.2f MB/min%n", b.seconds(), b.buildFps(), r.proxyMbPerMinute(),
                    r.filmstripMbPerMinute(), b.thumbnails(), b.filmstripStep(), video(r) / 1e6 / r.minutes());
            System.out.printf("  a 40,000-frame episode: proxy ~%.0f MB, filmstrip ~%.1f MB (2,000 thumbnails)%n",
                    r.projectedProxyMb(40_000), r.projectedFilmstripMb(40_000));
        }
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "Timeline redraw while zooming from a whole generated episode to single frames (FX-thread draw "
                    + "time), beside a 480-frame episode in the same run. Needs a display (xvfb-run on a server).")
    static final class Timeline implements Callable<Integer> {
        @Option(names = "--frames", defaultValue = "40000", description = "Frames of the generated episode (default ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--width", defaultValue = "1600", description = "Timeline width in pixels (default ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--steps", defaultValue = "60", description = "Zoom steps per sweep (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--repeats", defaultValue = "5", description = "Sweeps (default ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (frames < 1 || width < 100 || steps < 1 || repeats < 1) {
                throw new org.anivid.core.InvalidInputException(null,
                        "--frames, --steps and --repeats must be positive and --width at least 100");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("bench", "timeline");
            result.putAll(org.anivid.app.StudioLauncher.find().benchTimeline(frames, width, steps, repeats));
            if (json) {
                Json.print(System.out, result);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> e = (Map<String, Object>) result.get("episode");
                @SuppressWarnings("unchecked")
                Map<String, Object> b = (Map<String, Object>) result.get("baseline_480_frames");
                System.out.printf(java.util.Locale.ROOT, "timeline %d frames, %d px: draw median %.2f ms, p95 %.2f ms, "
                                + "max %.2f ms (480 frames: median %.2f ms; ratio %.2f); budget 16 ms per frame%n",
                        e.get("frames"), width, e.get("median_ms"), e.get("p95_ms"), e.get("max_ms"), b.get("median_ms"),
                        result.get("median_ratio"));
            }
            return 0;
        }
    }

    @Command(name = "fomm", mixinStandardHelpOptions = true,
            description = "FOMM per-frame times (keypoints, dense motion, generator) and end-to-end frames/s with random "
                    + "weights: vox-256 at --size and, as the light preview, the same network at half the size.")
    static final class Fomm implements Callable<Integer> {
        @Option(names = "--size", defaultValue = "256", description = "Picture side (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--config", paramLabel = "YAML", description = "FOMM config (default: vox-256).")
        Path config;

        @Option(names = "--frames", defaultValue = "5", description = "Timed frames per row (default ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() {
            if (!device.equals("cpu") && !device.equals("gpu")) {
                throw new org.anivid.core.InvalidInputException(null, "--device must be cpu or gpu, not " + device);
            }
            if (device.equals("gpu") && ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
                throw new org.anivid.core.InvalidInputException(null, "no GPU visible to DJL's libtorch; see README "
                        + "(\"FOMM on a GPU\") for PYTORCH_LIBRARY_PATH/PYTORCH_FLAVOR");
            }
            org.anivid.fomm.FommConfig c = config == null ? org.anivid.fomm.FommConfig.vox256()
                    : org.anivid.fomm.FommConfig.read(config);
            String label = config == null ? "vox-256" : config.getFileName().toString();
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            rows.add(org.anivid.fomm.FommBenchmark.run(label, c, size, frames));
            rows.add(org.anivid.fomm.FommBenchmark.run(label + " preview", c, Math.max(64, size / 2), frames));
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("bench", "fomm");
                out.put("device", device);
                out.put("reference", "official PyTorch code, vox-256, 256x256, this 2-core CPU: ~1700 ms per frame "
                        + "(DESIGN.md §6; not runnable here)");
                out.put("results", rows);
                Json.print(System.out, out);
            } else {
                for (Map<String, Object> r : rows) {
                    System.out.printf(java.util.Locale.ROOT, "%-20s %4d px: keypoints %7.1f ms, dense motion %7.1f ms, "
                                    + "generator %7.1f ms, end to end %7.1f ms = %.2f frames/s%n", r.get("config"),
                            r.get("size"), r.get("keypoints_ms"), r.get("dense_motion_ms"), r.get("generator_ms"),
                            r.get("end_to_end_ms"), r.get("frames_per_second"));
                }
                System.out.println("reference: the official PyTorch code takes ~1700 ms per 256x256 frame on this CPU "
                        + "(DESIGN.md §6)");
            }
            return 0;
        }
    }

    @Command(name = "train-fomm", mixinStandardHelpOptions = true,
            description = "Seconds per FOMM training step and images/s (random weights and pictures in memory, the "
                    + "trainer's own step: both networks forward, reconstruction and equivariance losses, backward, "
                    + "Adam).")
    static final class TrainFomm implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "YAML", description = "FOMM config (default: vox-256).")
        Path config;

        @Option(names = "--size", defaultValue = "256", description = "Picture side (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--batch", defaultValue = "4", description = "Batch size (default ${DEFAULT-VALUE}; the "
                + "official vox-256 schedule uses 40 on a GPU).")
        int batch;

        @Option(names = "--steps", defaultValue = "3", description = "Timed steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--warmup", defaultValue = "1", description = "Untimed first steps (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--device", defaultValue = "auto", description = "auto|cpu|gpu (default ${DEFAULT-VALUE}).")
        String device;

        @Option(names = "--vgg", paramLabel = "FILE", description = "VGG19 weights (perceptual loss); default: the "
                + "models folder's, else the pyramid L1 loss.")
        Path vgg;

        @Option(names = "--json", description = "Print one JSON object on stdout.")
        boolean json;

        @Override
        public Integer call() {
            org.anivid.fomm.train.TrainDevice d = org.anivid.fomm.train.TrainDevice.parse(device);
            if (batch < 1 || steps < 1 || warmup < 0 || size < 64) {
                throw new org.anivid.core.InvalidInputException(null,
                        "--batch and --steps must be at least 1, --warmup at least 0, --size at least 64");
            }
            org.anivid.fomm.FommConfig c = config == null ? org.anivid.fomm.FommConfig.vox256()
                    : org.anivid.fomm.FommConfig.read(config);
            if (c.train() == null) {
                throw new org.anivid.core.InvalidInputException(config, "has no train_params");
            }
            java.nio.file.Path weights = vgg != null ? vgg
                    : org.anivid.fomm.loss.ReconstructionLosses.findVggWeights().orElse(null);
            var r = org.anivid.fomm.train.TrainFommBenchmark.run(c, size, batch, warmup, steps, d, weights);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("bench", "train-fomm");
            out.put("config", config == null ? "vox-256" : config.getFileName().toString());
            out.put("device", r.device());
            out.put("size", r.size());
            out.put("batch", r.batch());
            out.put("loss", r.loss());
            out.put("parameters", r.parameters());
            out.put("steps", r.steps());
            out.put("seconds_per_step", r.secondsPerStep());
            out.put("median_seconds_per_step", r.medianSecondsPerStep());
            out.put("images_per_second", r.imagesPerSecond());
            out.put("reference", "official PyTorch code, vox-256 256x256: ~145 images/s at batch 40 on an H200 "
                    + "(DESIGN.md §6); not runnable on this machine");
            if (json) {
                Json.print(System.out, out);
            } else {
                System.out.printf(java.util.Locale.ROOT, "%s %dx%d batch %d on %s (%s loss): %.2f s/step (median "
                                + "%.2f), %.3f images/s%n", out.get("config"), size, size, batch, r.device(), r.loss(),
                        r.secondsPerStep(), r.medianSecondsPerStep(), r.imagesPerSecond());
                System.out.println("reference: " + out.get("reference"));
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
