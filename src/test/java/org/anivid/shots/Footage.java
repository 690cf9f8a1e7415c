package org.anivid.shots;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;
import org.anivid.demo.DemoEpisodeGenerator;

/**
 * Generated footage for the anime-rule tests: frames of the demo episode as drawn (before encoding), re-timed and
 * edited (held on threes, flashes, fades to white, zooms, speech bubbles), plus helpers to run a detector on a list
 * of pictures. Rendered frames are cached for the test JVM.
 */
final class Footage {
    static final double FPS = 24;
    private static final DemoEpisodeGenerator DEMO = new DemoEpisodeGenerator();
    private static final Map<Integer, RgbImage> CACHE = new HashMap<>();

    private Footage() {
    }

    /** Demo frame {@code n} as drawn, 640×360. */
    static synchronized RgbImage demo(int n) {
        return CACHE.computeIfAbsent(n, DEMO::renderFrame);
    }

    /** {@code count} frames of demo frames {@code from, from+1, …}. */
    static List<RgbImage> demoRun(int from, int count) {
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(demo(from + i));
        }
        return out;
    }

    /** The same picture {@code count} times. */
    static List<RgbImage> hold(RgbImage picture, int count) {
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(picture);
        }
        return out;
    }

    /** Blend towards a grey level: {@code t} 0 = picture, 1 = flat {@code level} (255 white, 0 black). */
    static RgbImage towards(RgbImage picture, int level, double t) {
        byte[] src = picture.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (byte) Math.round((src[i] & 0xff) * (1 - t) + level * t);
        }
        return new RgbImage(picture.width(), picture.height(), out);
    }

    /**
     * Film grain: every pixel's value moved by a random amount up to ±{@code amplitude} (plus ±2 per channel),
     * a different pattern on every frame ({@code seed}), so held drawings are no longer identical frames.
     */
    static RgbImage grain(RgbImage picture, long seed, int amplitude) {
        java.util.Random random = new java.util.Random(seed);
        byte[] src = picture.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i += 3) {
            int n = random.nextInt(2 * amplitude + 1) - amplitude;
            for (int c = 0; c < 3; c++) {
                out[i + c] = (byte) Math.max(0, Math.min(255, (src[i + c] & 0xff) + n + random.nextInt(5) - 2));
            }
        }
        return new RgbImage(picture.width(), picture.height(), out);
    }

    /** Colours inverted (an impact frame). */
    static RgbImage inverted(RgbImage picture) {
        byte[] src = picture.pixels();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (byte) (255 - (src[i] & 0xff));
        }
        return new RgbImage(picture.width(), picture.height(), out);
    }

    /** A centred zoom by {@code scale} ≥ 1 (nearest neighbour), as a camera zoom-in. */
    static RgbImage zoom(RgbImage picture, double scale) {
        int w = picture.width();
        int h = picture.height();
        byte[] src = picture.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            int sy = (int) ((y - h / 2.0) / scale + h / 2.0);
            for (int x = 0; x < w; x++) {
                int sx = (int) ((x - w / 2.0) / scale + w / 2.0);
                int s = (sy * w + sx) * 3;
                int d = (y * w + x) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return new RgbImage(w, h, out);
    }

    /**
     * A speech bubble: a white ellipse with a dark outline and three dark "text" lines, centred at
     * ({@code cx}, {@code cy}) with half-axes {@code rx}, {@code ry} in pixels.
     */
    static RgbImage bubble(RgbImage picture, int cx, int cy, int rx, int ry) {
        int w = picture.width();
        int h = picture.height();
        byte[] out = picture.pixels().clone();
        for (int y = Math.max(0, cy - ry - 3); y < Math.min(h, cy + ry + 3); y++) {
            for (int x = Math.max(0, cx - rx - 3); x < Math.min(w, cx + rx + 3); x++) {
                double e = Math.pow((x - cx) / (double) rx, 2) + Math.pow((y - cy) / (double) ry, 2);
                int value = -1;
                if (e <= 1) {
                    int line = (y - (cy - ry / 2)) * 6 / Math.max(1, ry);
                    boolean text = line >= 0 && line <= 4 && line % 2 == 0 && Math.abs(x - cx) < rx * 0.6
                            && (x / 5) % 4 != 3;
                    value = text ? 30 : 255;
                } else if (e <= 1.12) {
                    value = 20;
                }
                if (value >= 0) {
                    int p = (y * w + x) * 3;
                    out[p] = (byte) value;
                    out[p + 1] = (byte) value;
                    out[p + 2] = (byte) value;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Indexes from 0 at {@link #FPS}. */
    static List<VideoFrame> frames(List<RgbImage> pictures) {
        List<VideoFrame> out = new ArrayList<>();
        for (int i = 0; i < pictures.size(); i++) {
            out.add(new VideoFrame(i, i / FPS, pictures.get(i)));
        }
        return out;
    }

    static ShotResult detect(String detector, Map<String, String> options, List<RgbImage> pictures) {
        ShotDetector d = ShotDetectors.create(detector, options);
        for (VideoFrame f : frames(pictures)) {
            d.accept(f);
        }
        return d.finish();
    }

    static List<Integer> cuts(List<RgbImage> pictures) {
        return detect(ShotDetectors.DEFAULT, Map.of(), pictures).cuts();
    }

    static List<Integer> cuts(List<RgbImage> pictures, String... options) {
        return detect(ShotDetectors.DEFAULT, ShotDetectors.parseOptions(List.of(options)), pictures).cuts();
    }

    @SafeVarargs
    static List<RgbImage> concat(List<RgbImage>... parts) {
        List<RgbImage> out = new ArrayList<>();
        for (List<RgbImage> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
