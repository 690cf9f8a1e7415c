package org.anivid.dataset;

import org.anivid.core.RgbImage;

/** PSNR of 8-bit pictures, over RGB and over BT.601 luma (the usual video measure). */
final class Psnr {
    private Psnr() {
    }

    static double rgb(RgbImage a, RgbImage b) {
        double squares = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            double d = (a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff);
            squares += d * d;
        }
        return fromMse(squares / a.pixels().length);
    }

    static double luma(RgbImage a, RgbImage b) {
        double squares = 0;
        int n = a.width() * a.height();
        for (int i = 0; i < n; i++) {
            double d = luma(a.pixels(), i) - luma(b.pixels(), i);
            squares += d * d;
        }
        return fromMse(squares / n);
    }

    private static double luma(byte[] p, int i) {
        return 0.299 * (p[3 * i] & 0xff) + 0.587 * (p[3 * i + 1] & 0xff) + 0.114 * (p[3 * i + 2] & 0xff);
    }

    private static double fromMse(double mse) {
        return 10 * Math.log10(255.0 * 255.0 / Math.max(mse, 1e-10));
    }
}
