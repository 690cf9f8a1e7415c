package org.anivid.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.anivid.core.InvalidInputException;
import org.anivid.core.VideoFrame;
import org.anivid.core.VideoInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an episode's seek cache in ONE decode pass: the seek proxy (see {@link ProxyFormat}) and the timeline
 * filmstrip ({@link Filmstrip}). Frames are decoded once at proxy size; each goes to the proxy encoder with its
 * original presentation time, and every {@code step}-th one is shrunk into the filmstrip. Both files are written
 * under hidden temporary names and moved into place only when complete (the proxy after its frame count was
 * checked against the original's), so a cancelled, failed or killed build never leaves a half-written cache file
 * under a real name. The filmstrip goes last: it records whether a proxy was made, so its presence means "done".
 */
public final class ProxyBuilder {
    private static final Logger log = LoggerFactory.getLogger(ProxyBuilder.class);

    /**
     * A file is seek-friendly as it is when its worst seek decodes at most this many megapixels (key-frame interval
     * × picture size): 720p with a key frame every 13 frames, the 640×360 demo with its 48-frame GOP. Decoding
     * forward from a key frame measured 0.5–1.6 ms per megapixel on the 2-core reference machine, so such a seek
     * stays under ~20 ms plus conversion (the demo: median 5 ms, p95 15 ms). See docs/decisions/0009-seek-proxy.md.
     */
    public static final double SEEK_FRIENDLY_MEGAPIXELS = 12.0;

    /**
     * Told after every frame; throwing (e.g. the job package's cancellation exception) stops the build, and
     * nothing is written then. A callback rather than a job context because media depends on core only.
     */
    @FunctionalInterface
    public interface Progress {
        void frames(int done, int total);
    }

    /** Whether to write a proxy. */
    public enum ProxyMode {
        /** Only when the file is not seek-friendly already ({@link #needsProxy}). */
        AUTO,
        /** Always (benchmarks). */
        ALWAYS,
        /** Never: filmstrip only. */
        NEVER
    }

    /** What one build made. {@code proxy} is null when none was written ({@code proxyDecision} says why). */
    public record Result(Path video, int frames, double fps, double durationSeconds, int width, int height,
                         int maxKeyframeDistance, Path proxy, String proxyDecision, int proxyWidth, int proxyHeight,
                         long proxyBytes, Path filmstrip, int filmstripStep, int thumbnails, long filmstripBytes,
                         double seconds) {
        /** Frames per second of the whole build (decode + encode + thumbnails). */
        public double buildFps() {
            return seconds > 0 ? frames / seconds : 0;
        }
    }

    private ProxyBuilder() {
    }

    /**
     * True when random seeks on the file itself would be slow: its worst seek decodes more than
     * {@link #SEEK_FRIENDLY_MEGAPIXELS}.
     */
    public static boolean needsProxy(VideoInfo info, int maxKeyframeDistance) {
        double megapixels = maxKeyframeDistance * (double) info.width() * info.height() / 1e6;
        return megapixels > SEEK_FRIENDLY_MEGAPIXELS;
    }

    /**
     * Decodes {@code video} once and writes the proxy (per {@code mode}) to {@code proxyTarget} and the
     * filmstrip to {@code filmstripTarget}.
     *
     * @throws InvalidInputException for a file that cannot be read to the end (nothing is written then)
     * and whatever {@code progress} throws to stop it (nothing is written then either)
     */
    public static Result build(Path video, Path proxyTarget, Path filmstripTarget, ProxyFormat format, ProxyMode mode,
                               Progress progress) {
        long t0 = System.nanoTime();
        try (ReadAheadFrames frames = ReadAheadFrames.open(video, FrameSize.fit(format.maxWidth(), format.maxHeight()))) {
            VideoInfo info = frames.info();
            int total = frames.frameCount();
            int maxKey = frames.maxKeyframeDistance();
            boolean wantProxy = mode == ProxyMode.ALWAYS || (mode == ProxyMode.AUTO && needsProxy(info, maxKey));
            String decision = switch (mode) {
                case ALWAYS -> "proxy requested";
                case NEVER -> "no proxy requested";
                case AUTO -> String.format(java.util.Locale.ROOT, "worst seek decodes %d frames of %dx%d = %.1f MP %s %.1f MP",
                        maxKey, info.width(), info.height(), maxKey * (double) info.width() * info.height() / 1e6,
                        wantProxy ? ">" : "<=", SEEK_FRIENDLY_MEGAPIXELS);
            };
            int[] thumb = FrameSize.fitWidth(Filmstrip.THUMB_WIDTH).apply(info.displayWidth(), info.displayHeight());
            Filmstrip.Writer strip = new Filmstrip.Writer(total, thumb[0], thumb[1]);
            // Encoders want even sizes; a small odd-sized video (kept at its own size) loses its last column/row.
            int pw = frames.width() & ~1;
            int ph = frames.height() & ~1;
            try (ProxyWriter writer = wantProxy ? ProxyWriter.open(proxyTarget, pw, ph, info.fps(), format) : null) {
                int n = 0;
                for (VideoFrame f = frames.next(); f != null; f = frames.next()) {
                    if (f.index() != n) {
                        throw new InvalidInputException(video, "frame " + n + " cannot be decoded (got frame "
                                + f.index() + "); no seek cache made");
                    }
                    if (writer != null) {
                        writer.write(evenCrop(f.image(), pw, ph), f.timeSeconds());
                    }
                    if (strip.wants(n)) {
                        strip.add(f.image());
                    }
                    n++;
                    progress.frames(n, total);
                }
                if (n != total) {
                    throw new InvalidInputException(video, "decoded " + n + " of " + total
                            + " frames (damaged or truncated); no seek cache made");
                }
                Path proxy = null;
                if (writer != null) {
                    proxy = writer.finish(total);
                }
                strip.writeTo(filmstripTarget, wantProxy ? Filmstrip.FLAG_PROXY_BUILT : Filmstrip.FLAG_NO_PROXY_NEEDED);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Result r = new Result(video, total, info.fps(), info.durationSeconds(), info.displayWidth(),
                        info.displayHeight(), maxKey, proxy, decision, wantProxy ? pw : 0, wantProxy ? ph : 0,
                        proxy == null ? 0 : size(proxy), filmstripTarget, strip.step(),
                        strip.added(), size(filmstripTarget), seconds);
                log.info("seek cache of {}: {} frames in {} s ({} frames/s), proxy {} ({}), filmstrip {} thumbnails",
                        video.getFileName(), total, Math.round(seconds * 10) / 10.0, Math.round(r.buildFps()),
                        proxy == null ? "none" : r.proxyWidth() + "x" + r.proxyHeight() + " " + r.proxyBytes() + " bytes",
                        decision, strip.added());
                return r;
            } finally {
                strip.dispose();
            }
        }
    }

    /**
     * Deletes temporary files ({@code .NAME.partial-PID-…}) that a build of a process no longer running left
     * in {@code dir} (a crash or a kill: the running build's own temporaries are never touched).
     */
    public static int sweepPartials(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                int mark = name.indexOf(ProxyWriter.PARTIAL_MARK);
                if (!name.startsWith(".") || mark < 0) {
                    continue;
                }
                String rest = name.substring(mark + ProxyWriter.PARTIAL_MARK.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    Files.deleteIfExists(p);
                    removed++;
                } catch (IOException e) {
                    log.debug("cannot delete stale {}: {}", p, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.debug("cannot list {}: {}", dir, e.getMessage());
        }
        return removed;
    }

    private static org.anivid.core.RgbImage evenCrop(org.anivid.core.RgbImage image, int w, int h) {
        if (image.width() == w && image.height() == h) {
            return image;
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(image.pixels(), y * image.width() * 3, out, y * w * 3, w * 3);
        }
        return new org.anivid.core.RgbImage(w, h, out);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
