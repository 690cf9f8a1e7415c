package org.anivid.motion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.anivid.core.RgbImage;
import org.anivid.demo.DemoEpisodeGenerator;
import org.anivid.media.VideoEncoder;

/**
 * Test footage built from the demo episode's renderer: crops of its drawn frames, so the content is real line art
 * with flat colours, the camera motion is exact and nothing is committed.
 */
final class Footage {
    /** Window cut out of the 640×360 demo frames. */
    static final int W = 480;
    static final int H = 270;
    /** Frame 366 is in the demo's still shot: character A, not talking, one held drawing. */
    static final int STILL_FRAME = 366;
    /** Frames 0–65 are the talking close-up of A in front of a still sky. */
    static final int TALKING_FIRST = 0;

    private static DemoEpisodeGenerator generator;

    private Footage() {
    }

    static synchronized DemoEpisodeGenerator generator() {
        if (generator == null) {
            generator = new DemoEpisodeGenerator();
        }
        return generator;
    }

    static RgbImage crop(RgbImage src, int x0, int y0, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.pixels(), ((y0 + y) * src.width() + x0) * 3, out, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** A camera pan at {@code speed} px/frame to the right over the still drawing (content slides left). */
    static List<RgbImage> panOverStill(int frames, int speed) {
        RgbImage still = generator().renderFrame(STILL_FRAME);
        List<RgbImage> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            out.add(crop(still, t * speed, 45, W, H));
        }
        return out;
    }

    /** The talking close-up, still camera, same window size. */
    static List<RgbImage> talking(int frames) {
        List<RgbImage> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            out.add(crop(generator().renderFrame(TALKING_FIRST + t), 80, 45, W, H));
        }
        return out;
    }

    static void encode(Path file, List<RgbImage> frames, int width, int height) {
        encode(file, frames, width, height, 2_000_000);
    }

    /** H.264 at 24 fps; give 4K enough bits, or OpenH264's rate control drops (repeats) frames. */
    static void encode(Path file, List<RgbImage> frames, int width, int height, int bitrate) {
        try (VideoEncoder encoder = VideoEncoder.open(file, width, height,
                VideoEncoder.Settings.h264(24, bitrate))) {
            for (RgbImage f : frames) {
                encoder.write(f);
            }
        }
    }
}
