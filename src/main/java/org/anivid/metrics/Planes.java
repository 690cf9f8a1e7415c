package org.anivid.metrics;

import org.anivid.core.RgbImage;

/** Shared checks and channel access for the image-similarity metrics. */
final class Planes {
    static final int CHANNELS = 3;

    private Planes() {
    }

    /** Both pictures must have the same size: every metric compares pixel by pixel. */
    static void requireSameSize(RgbImage a, RgbImage b, String metric) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("cannot compute " + metric + ": image sizes differ (" + a.width() + "x"
                    + a.height() + " and " + b.width() + "x" + b.height() + ")");
        }
    }

    /** A metric that works on windows needs pictures at least that large. */
    static void requireAtLeast(RgbImage a, int minWidth, int minHeight, String metric, String why) {
        if (a.width() < minWidth || a.height() < minHeight) {
            throw new IllegalArgumentException("cannot compute " + metric + " on a " + a.width() + "x" + a.height()
                    + " image: it needs at least " + minWidth + "x" + minHeight + " (" + why + ")");
        }
    }

    /** Channel {@code c} (0 R, 1 G, 2 B) as 0..255 ints, row-major. */
    static int[] channel(RgbImage img, int c) {
        byte[] p = img.pixels();
        int[] out = new int[img.width() * img.height()];
        for (int i = 0, j = c; i < out.length; i++, j += CHANNELS) {
            out[i] = p[j] & 0xff;
        }
        return out;
    }

    static double[] toDouble(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Rec. 601 luma {@code 0.299 R + 0.587 G + 0.114 B}, unrounded, as Zhang et al.'s FSIM reference converts. */
    static double[] luma(RgbImage img) {
        byte[] p = img.pixels();
        double[] out = new double[img.width() * img.height()];
        for (int i = 0, j = 0; i < out.length; i++, j += CHANNELS) {
            out[i] = 0.299 * (p[j] & 0xff) + 0.587 * (p[j + 1] & 0xff) + 0.114 * (p[j + 2] & 0xff);
        }
        return out;
    }
}
