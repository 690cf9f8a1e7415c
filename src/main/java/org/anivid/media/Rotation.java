package org.anivid.media;

import org.anivid.core.RgbImage;

/** Turns decoded pictures upright according to the stream's rotation metadata (clockwise degrees). */
final class Rotation {
    private Rotation() {
    }

    static RgbImage rotate(RgbImage src, int clockwise) {
        if (clockwise == 0) {
            return src;
        }
        int w = src.width();
        int h = src.height();
        byte[] in = src.pixels();
        boolean quarter = clockwise == 90 || clockwise == 270;
        int ow = quarter ? h : w;
        int oh = quarter ? w : h;
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int ox;
                int oy;
                switch (clockwise) {
                    case 90 -> { ox = h - 1 - y; oy = x; }
                    case 180 -> { ox = w - 1 - x; oy = h - 1 - y; }
                    default -> { ox = y; oy = w - 1 - x; }
                }
                int si = (y * w + x) * 3;
                int di = (oy * ow + ox) * 3;
                out[di] = in[si];
                out[di + 1] = in[si + 1];
                out[di + 2] = in[si + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }
}
