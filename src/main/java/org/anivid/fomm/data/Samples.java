package org.anivid.fomm.data;

import org.anivid.core.RgbImage;

/** Pixel layout and seeding helpers shared by the loader and {@link ClipFrames}. Pure. */
final class Samples {
    /** {@code skimage.img_as_float} of a byte: {@code v / 255}, rounded to float. */
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = (float) (i / 255.0);
        }
    }

    private Samples() {
    }

    /**
     * Writes a packed RGB picture as {@code (3, h, w)} planar floats in {@code [0, 1]} at {@code offset}, mirrored
     * left to right when asked ({@code np.fliplr}).
     */
    static void writePlanar(RgbImage image, boolean mirror, float[] out, int offset) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        byte[] px = image.pixels();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int i = (row + (mirror ? w - 1 - x : x)) * 3;
                int o = offset + row + x;
                out[o] = UNIT[px[i] & 0xff];
                out[o + plane] = UNIT[px[i + 1] & 0xff];
                out[o + 2 * plane] = UNIT[px[i + 2] & 0xff];
            }
        }
    }

    /** SplitMix64's finaliser: a bijective mix of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed made of several numbers, each changing every bit of the result. */
    static long seed(long... parts) {
        long h = 0x6a09e667f3bcc909L;
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9e3779b97f4a7c15L));
        }
        return h;
    }
}
