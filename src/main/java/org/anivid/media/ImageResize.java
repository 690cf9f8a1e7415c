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

    /**
     * Any size to any size: area averaging where the picture shrinks (no aliasing), bilinear interpolation with
     * pixel-centre alignment where it grows (OpenCV's {@code INTER_LINEAR}).
     */
    public static RgbImage resize(RgbImage src, int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("cannot resize to " + w + "x" + h);
        }
        if (src.width() == w && src.height() == h) {
            return src;
        }
        if (w <= src.width() && h <= src.height()) {
            return areaAverage(src, w, h);
        }
        int sw = src.width();
        int sh = src.height();
        byte[] in = src.pixels();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sh / h - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sw / w - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double tx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = (in[(y0 * sw + x0) * 3 + c] & 0xff) * (1 - tx) + (in[(y0 * sw + x1) * 3 + c] & 0xff) * tx;
                    double bottom = (in[(y1 * sw + x0) * 3 + c] & 0xff) * (1 - tx) + (in[(y1 * sw + x1) * 3 + c] & 0xff) * tx;
                    out[(y * w + x) * 3 + c] = (byte) Math.round(top * (1 - ty) + bottom * ty);
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
