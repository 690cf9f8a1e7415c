package org.anivid.media;

import org.anivid.core.RgbImage;

/** Shrinks pictures for detectors that run faster on fewer pixels. */
public final class ImageResize {
    private ImageResize() {
    }

    /** The picture itself when it already fits (or {@code maxSide} is 0), else an area-averaged smaller copy. */
    public static RgbImage fitWithin(RgbImage image, int maxSide) {
        int longest = Math.max(image.width(), image.height());
        if (maxSide <= 0 || longest <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / longest;
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        return areaAverage(image, w, h);
    }

    /** Box-filter downscale: each output pixel averages the source pixels its area covers (no aliasing). */
    public static RgbImage areaAverage(RgbImage src, int w, int h) {
        byte[] in = src.pixels();
        byte[] out = new byte[w * h * 3];
        int sw = src.width();
        int sh = src.height();
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * sh / h);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sh / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * sw / w);
                int x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * sw / w));
                int r = 0;
                int g = 0;
                int b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    int row = yy * sw;
                    for (int xx = x0; xx < x1; xx++) {
                        int i = (row + xx) * 3;
                        r += in[i] & 0xff;
                        g += in[i + 1] & 0xff;
                        b += in[i + 2] & 0xff;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int o = (y * w + x) * 3;
                out[o] = (byte) ((r + n / 2) / n);
                out[o + 1] = (byte) ((g + n / 2) / n);
                out[o + 2] = (byte) ((b + n / 2) / n);
            }
        }
        return new RgbImage(w, h, out);
    }
}
