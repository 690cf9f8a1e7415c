package org.anivid.media;

import java.nio.file.Path;
import org.anivid.core.RgbImage;

/**
 * Small generated H.264 clips whose every frame carries its own number as 10 black/white blocks across the top
 * (bit 9 first), over a background and a moving bar that also change every frame: a frame shown in the wrong
 * place reads back as the wrong number, and neighbouring frames differ clearly in pixels.
 */
public final class TestClips {
    public static final int BITS = 10;

    private TestClips() {
    }

    /** Writes {@code frames} frames of {@code width}×{@code height} at 24 fps with a key frame every {@code gop}. */
    public static Path write(Path file, int frames, int width, int height, int gop) {
        try (VideoEncoder encoder = VideoEncoder.open(file, width, height,
                new VideoEncoder.Settings(VideoCodec.H264, 24, 1_500_000, gop))) {
            for (int n = 0; n < frames; n++) {
                encoder.write(frame(n, width, height));
            }
        }
        return file;
    }

    /** Frame {@code n} as it goes into the encoder. */
    public static RgbImage frame(int n, int width, int height) {
        byte[] px = new byte[width * height * 3];
        int block = width / BITS;
        int blockHeight = height / 4;
        int barX = (n * 7) % width;
        int barWidth = Math.max(4, width / 16);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r;
                int g;
                int b;
                if (y < blockHeight && x / block < BITS) {
                    int bit = (n >> (BITS - 1 - x / block)) & 1;
                    // Blocks keep a dark margin so that scaling never blends two of them at the sampled centre.
                    boolean margin = x % block < block / 6 || x % block >= block - block / 6;
                    int v = bit == 1 && !margin ? 240 : 16;
                    r = v;
                    g = v;
                    b = v;
                } else if (x >= barX && x < barX + barWidth) {
                    r = 250;
                    g = 220;
                    b = 40;
                } else {
                    r = 40 + (n * 3 / 4) % 200; // smooth: a jump would make the encoder start a key frame
                    g = 90 + (y * 100) / height;
                    b = 140 + (x * 80) / width;
                }
                int i = (y * width + x) * 3;
                px[i] = (byte) r;
                px[i + 1] = (byte) g;
                px[i + 2] = (byte) b;
            }
        }
        return new RgbImage(width, height, px);
    }

    /** Reads the frame number back from a picture of the clip at any size. */
    public static int number(RgbImage image) {
        int n = 0;
        double block = image.width() / (double) BITS;
        int y = image.height() / 8;
        for (int i = 0; i < BITS; i++) {
            int x = (int) Math.round((i + 0.5) * block);
            int luma = (image.rgb(x, y) >> 8) & 0xff;
            n = n << 1 | (luma > 128 ? 1 : 0);
        }
        return n;
    }

    /** Mean absolute difference per channel of two pictures of the same size. */
    public static double meanAbsDiff(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
        byte[] x = a.pixels();
        byte[] y = b.pixels();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return sum / (double) x.length;
    }
}
