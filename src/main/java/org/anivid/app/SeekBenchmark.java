package org.anivid.app;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.anivid.core.BoundingBox;
import org.anivid.core.Episode;
import org.anivid.core.FaceBox;
import org.anivid.core.FrameRange;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.demo.DemoEpisodeGenerator;
import org.anivid.demo.DemoScript;
import org.anivid.jobs.JobContext;
import org.anivid.library.Library;
import org.anivid.media.FfmpegVideoProbe;
import org.anivid.media.Filmstrip;
import org.anivid.media.FrameSize;
import org.anivid.media.FrameSource;
import org.anivid.media.ProxyBuilder;
import org.anivid.media.ThumbnailCache;
import org.anivid.media.VideoCodec;
import org.anivid.media.VideoEncoder;

/**
 * What the viewer's random seek costs: for N seeded random frames, the time from the request to an RGB picture at
 * the viewer's display size WITH its face boxes read from the library — on the original file (the baseline) and
 * on the seek proxy, interleaved in one run so machine noise hits both alike. The episode is imported into a
 * scratch library holding one face box per frame, and its seek cache is built there (timed: build frames/s, and
 * proxy and filmstrip bytes per minute of video).
 */
public final class SeekBenchmark {
    /** The viewer's decode size (ViewerViewModel's FrameFetcher asks for this). */
    public static final FrameSize DISPLAY = FrameSize.fit(1920, 1080);

    /** Milliseconds of one side. */
    public record Stats(double medianMs, double p95Ms, double maxMs, double meanMs) {
        static Stats of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Stats(percentile(s, 0.5), percentile(s, 0.95), s[s.length - 1], Arrays.stream(s).average().orElse(0));
        }

        /** Nearest-rank percentile of sorted values. */
        static double percentile(double[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /** One video's figures. */
    public record Result(Path video, String codec, int width, int height, int frames, double fps, int maxKeyframeDistance,
                         int count, long seed, Stats original, Stats proxy, Stats boxes, double originalOpenMs,
                         double proxyOpenMs, double filmstripOpenMs, ProxyBuilder.Result build, int proxyDisplayWidth,
                         int proxyDisplayHeight, boolean proxyNeeded) {
        public double medianRatio() {
            return proxy.medianMs() / original.medianMs();
        }

        public double p95Ratio() {
            return proxy.p95Ms() / original.p95Ms();
        }

        public double minutes() {
            return build.durationSeconds() / 60.0;
        }

        public double proxyMbPerMinute() {
            return build.proxyBytes() / 1e6 / minutes();
        }

        public double filmstripMbPerMinute() {
            return build.filmstripBytes() / 1e6 / minutes();
        }

        /** Proxy size of an episode of {@code episodeFrames} frames at this video's bytes per frame. */
        public double projectedProxyMb(int episodeFrames) {
            return build.proxyBytes() / 1e6 / frames * episodeFrames;
        }

        /** Filmstrip size of an episode of {@code episodeFrames} frames at this video's bytes per thumbnail. */
        public double projectedFilmstripMb(int episodeFrames) {
            int step = Filmstrip.stepFor(episodeFrames);
            int thumbs = (episodeFrames - 1) / step + 1;
            return build.filmstripBytes() / 1e6 / Math.max(1, build.thumbnails()) * thumbs;
        }
    }

    private SeekBenchmark() {
    }

    /** Frames each demo shot is stretched to (played back and forth), longer than the key-frame interval. */
    static final int SHOT_FRAMES = 260;

    /**
     * Writes a 1080p H.264 test episode: the demo episode's shots (drawn at 640×360, scaled ×3 with bicubic
     * interpolation), each played back and forth to {@value #SHOT_FRAMES} frames, encoded with OpenH264 at
     * {@code bitrate} with a key frame every {@code gop} frames, as a typical encoder's default (x264: 250). The
     * stretching matters: OpenH264 also starts a key frame at every cut, and the demo cuts every ~3 s, which would
     * make the file seek-friendlier than a real episode. Reused when already present.
     */
    public static Path generateEpisode(Path file, int frames, int gop, int bitrate) {
        if (Files.isRegularFile(file)) {
            try {
                if (new FfmpegVideoProbe().probe(file).frames() == frames) {
                    return file;
                }
            } catch (RuntimeException e) {
                // Not usable: written again below.
            }
        }
        DemoEpisodeGenerator demo = new DemoEpisodeGenerator();
        VideoEncoder encoder = VideoEncoder.open(file, 1920, 1080,
                new VideoEncoder.Settings(VideoCodec.H264, DemoScript.FPS, bitrate, gop));
        try {
            int[] order = stretchedOrder(demo, frames);
            RgbImage last = null;
            int lastSource = -1;
            for (int n = 0; n < frames; n++) {
                int source = order[n];
                if (source != lastSource) {
                    last = upscale(demo.renderFrame(source), 1920, 1080);
                    lastSource = source;
                }
                encoder.write(last);
            }
        } catch (RuntimeException e) {
            encoder.abort();
            throw e;
        }
        encoder.close();
        return file;
    }

    /** Demo frame shown at each frame of the generated episode: every shot ping-pongs to SHOT_FRAMES frames. */
    static int[] stretchedOrder(DemoEpisodeGenerator demo, int frames) {
        List<org.anivid.demo.DemoTruth.ShotTruth> shots = demo.truth().shots();
        int[] order = new int[frames];
        int n = 0;
        for (int s = 0; n < frames; s = (s + 1) % shots.size()) {
            FrameRange range = shots.get(s).range();
            int len = range.length();
            for (int k = 0; k < SHOT_FRAMES && n < frames; k++) {
                int phase = len <= 1 ? 0 : k % (2 * len - 2);
                order[n++] = range.start() + (phase < len ? phase : 2 * len - 2 - phase);
            }
        }
        return order;
    }

    private static RgbImage upscale(RgbImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(ThumbnailCache.toBuffered(src), 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return ThumbnailCache.fromBuffered(out);
    }

    /** Runs the benchmark on one video in a scratch library under {@code scratch} (left for the caller to delete). */
    public static Result run(Path video, int count, long seed, Path scratch, JobContext ctx) throws Exception {
        try (Library library = Library.open(scratch.resolve("library"))) {
            Episode episode = new ImportService(library, new FfmpegVideoProbe()).importVideo(video, "Bench", ctx);
            int frames = episode.info().frames();
            insertBoxes(library, episode, frames);
            EpisodeCache cache = new EpisodeCache(library);
            boolean needed;
            ProxyBuilder.Result build = cache.build(episode, ProxyBuilder.ProxyMode.ALWAYS, ctx);
            needed = ProxyBuilder.needsProxy(episode.info(), build.maxKeyframeDistance());
            Path proxy = cache.proxyFor(episode).orElseThrow(() -> new IllegalStateException("no proxy was written"));

            long t = System.nanoTime();
            Filmstrip strip = Filmstrip.open(cache.filmstripFor(episode).orElseThrow());
            strip.nearest(frames / 2);
            double stripMs = (System.nanoTime() - t) / 1e6;

            Random random = new Random(seed);
            int[] targets = new int[count];
            for (int i = 0; i < count; i++) {
                targets[i] = random.nextInt(frames);
            }
            double[] original = new double[count];
            double[] onProxy = new double[count];
            double[] boxes = new double[count];
            double originalOpen;
            double proxyOpen;
            int pw;
            int ph;
            t = System.nanoTime();
            try (FrameSource a = FrameSource.open(video, DISPLAY)) {
                originalOpen = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                try (FrameSource b = FrameSource.open(proxy, DISPLAY)) {
                    proxyOpen = (System.nanoTime() - t) / 1e6;
                    pw = b.width();
                    ph = b.height();
                    if (b.frameCount() != a.frameCount()) {
                        throw new IllegalStateException("proxy has " + b.frameCount() + " frames, original "
                                + a.frameCount());
                    }
                    // Warm-up outside the measurement: JIT, decoder threads, page cache.
                    seekOnce(a, library, episode, frames - 1);
                    seekOnce(b, library, episode, frames - 1);
                    for (int i = 0; i < count; i++) {
                        ctx.checkCancelled();
                        // Alternate which side goes first so neither always inherits a warmer cache.
                        if (i % 2 == 0) {
                            original[i] = seekOnce(a, library, episode, targets[i]);
                            onProxy[i] = seekOnce(b, library, episode, targets[i]);
                        } else {
                            onProxy[i] = seekOnce(b, library, episode, targets[i]);
                            original[i] = seekOnce(a, library, episode, targets[i]);
                        }
                        long tb = System.nanoTime();
                        library.faces().boxes(episode.id(), new FrameRange(targets[i], targets[i] + 1));
                        boxes[i] = (System.nanoTime() - tb) / 1e6;
                        ctx.progress(i + 1, count);
                    }
                }
            }
            return new Result(video, episode.info().codec(), episode.info().displayWidth(),
                    episode.info().displayHeight(), frames, episode.info().fps(), build.maxKeyframeDistance(), count, seed,
                    Stats.of(original), Stats.of(onProxy), Stats.of(boxes), originalOpen, proxyOpen, stripMs, build, pw, ph,
                    needed);
        }
    }

    /** One viewer request: the picture at display size and the frame's face boxes; returns milliseconds. */
    private static double seekOnce(FrameSource source, Library library, Episode episode, int frame) {
        long t = System.nanoTime();
        VideoFrame f = source.frame(frame);
        List<FaceBox> faces = library.faces().boxes(episode.id(), new FrameRange(frame, frame + 1));
        double ms = (System.nanoTime() - t) / 1e6;
        if (f.index() != frame || faces.isEmpty()) {
            throw new IllegalStateException("seek to " + frame + " gave frame " + f.index() + " with " + faces.size()
                    + " boxes");
        }
        return ms;
    }

    /** One face box per frame, as the detector leaves on a one-face episode. */
    private static void insertBoxes(Library library, Episode episode, int frames) {
        int w = episode.info().displayWidth();
        int h = episode.info().displayHeight();
        List<FaceBox> rows = new ArrayList<>(frames);
        for (int n = 0; n < frames; n++) {
            float x = (float) (w * (0.3 + 0.1 * Math.sin(n / 50.0)));
            rows.add(new FaceBox(0, episode.id(), n, new BoundingBox(x, h * 0.2f, x + w * 0.2f, h * 0.6f), 0.9f, 0, false));
        }
        library.faces().insertBoxes(rows);
    }

    /** A scratch folder under the system temporary folder. */
    public static Path scratch() throws IOException {
        return Files.createTempDirectory("anivid-bench-seek");
    }
}
