package org.anivid.fomm.data;

import org.anivid.core.RgbImage;

/**
 * torchvision's colour adjustments on 8-bit pictures, as the official {@code ColorJitter} runs them: each frame is
 * turned into a PIL image and {@code adjust_brightness}, {@code adjust_saturation}, {@code adjust_hue} and
 * {@code adjust_contrast} go through Pillow ({@code ImageEnhance} and its HSV conversion), every step rounding
 * back to 8 bits. Pillow's arithmetic is reproduced operation for operation (C {@code float} where Pillow uses
 * float, truncation where it casts), so the bytes should match Pillow's. Pure.
 */
final class ColorJitter {
    /** Colours remembered by {@link #hue} (a power of two). */
    private static final int MEMO = 4096;

    private ColorJitter() {
    }

    /** A jittered copy of a picture (the picture itself is not touched). */
    static RgbImage apply(RgbImage image, Jitter jitter) {
        byte[] px = image.pixels().clone();
        for (Jitter.Op op : jitter.order()) {
            switch (op) {
                case BRIGHTNESS -> brightness(px, (float) jitter.brightness());
                case SATURATION -> saturation(px, (float) jitter.saturation());
                case HUE -> hue(px, jitter.hue());
                case CONTRAST -> contrast(px, (float) jitter.contrast());
                default -> throw new IllegalStateException(op.toString());
            }
        }
        return new RgbImage(image.width(), image.height(), px);
    }

    /** {@code ImageEnhance.Brightness}: a blend with black. */
    static void brightness(byte[] px, float factor) {
        applyTable(px, blendTable(0, factor));
    }

    /** {@link #blend} of every byte value with a fixed degenerate value: a blend is a function of the byte alone. */
    private static byte[] blendTable(int degenerate, float factor) {
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) blend(degenerate, v, factor);
        }
        return table;
    }

    private static void applyTable(byte[] px, byte[] table) {
        for (int i = 0; i < px.length; i++) {
            px[i] = table[px[i] & 0xff];
        }
    }

    /** {@code ImageEnhance.Color}: a blend with the picture's own grey ({@code convert("L")}) per pixel. */
    static void saturation(byte[] px, float factor) {
        for (int i = 0; i < px.length; i += 3) {
            int r = px[i] & 0xff;
            int g = px[i + 1] & 0xff;
            int b = px[i + 2] & 0xff;
            int grey = luma(r, g, b);
            px[i] = (byte) blend(grey, r, factor);
            px[i + 1] = (byte) blend(grey, g, factor);
            px[i + 2] = (byte) blend(grey, b, factor);
        }
    }

    /** {@code ImageEnhance.Contrast}: a blend with a flat grey at the picture's mean luma, rounded. */
    static void contrast(byte[] px, float factor) {
        long sum = 0;
        for (int i = 0; i < px.length; i += 3) {
            sum += luma(px[i] & 0xff, px[i + 1] & 0xff, px[i + 2] & 0xff);
        }
        int mean = (int) (sum / (double) (px.length / 3) + 0.5);
        applyTable(px, blendTable(mean, factor));
    }

    /**
     * torchvision's {@code adjust_hue} on a PIL picture: to Pillow's 8-bit HSV, the hue byte shifted by
     * {@code uint8(hue * 255)} with wrap-around, and back.
     */
    static void hue(byte[] px, double hueFactor) {
        int shift = ((int) (hueFactor * 255)) & 0xff; // numpy's uint8 cast truncates, then wraps
        if (shift == 0) {
            return;
        }
        // The result depends on the colour alone, and drawings repeat few colours: remember recent ones.
        int[] keys = new int[MEMO];
        int[] values = new int[MEMO];
        byte[] out = new byte[3];
        for (int i = 0; i < px.length; i += 3) {
            int r = px[i] & 0xff;
            int g = px[i + 1] & 0xff;
            int b = px[i + 2] & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            if (max == min) {
                continue; // hue 0, saturation 0: grey stays grey whatever the shift
            }
            int rgb = r << 16 | g << 8 | b;
            int slot = (int) ((rgb * 0x9E3779B1L) >>> 20) & (MEMO - 1);
            if (keys[slot] == rgb + 1) {
                int v = values[slot];
                px[i] = (byte) (v >> 16);
                px[i + 1] = (byte) (v >> 8);
                px[i + 2] = (byte) v;
                continue;
            }
            // Pillow's rgb2hsv_row.
            float cr = max - min;
            float s = cr / (float) max;
            float rc = (max - r) / cr;
            float gc = (max - g) / cr;
            float bc = (max - b) / cr;
            float h;
            if (r == max) {
                h = bc - gc;
            } else if (g == max) {
                h = (float) (2.0 + rc - bc);
            } else {
                h = (float) (4.0 + gc - rc);
            }
            h = (float) ((h / 6.0 + 1.0) % 1.0);
            int uh = clip8((int) (h * 255.0));
            int us = clip8((int) (s * 255.0));
            hsvToRgb((uh + shift) & 0xff, us, max, out, 0);
            px[i] = out[0];
            px[i + 1] = out[1];
            px[i + 2] = out[2];
            keys[slot] = rgb + 1;
            values[slot] = (out[0] & 0xff) << 16 | (out[1] & 0xff) << 8 | (out[2] & 0xff);
        }
    }

    /** Pillow's hsv2rgb for one pixel. */
    static void hsvToRgb(int h, int s, int v, byte[] out, int at) {
        int r;
        int g;
        int b;
        if (s == 0) {
            r = v;
            g = v;
            b = v;
        } else {
            int i = (int) Math.floor((float) h * 6.0 / 255.0);
            float f = (float) ((float) h * 6.0 / 255.0 - (float) i);
            float fs = (float) (s / 255.0);
            int p = clip8(roundHalfAway(v * (1.0 - fs)));
            int q = clip8(roundHalfAway(v * (1.0 - fs * f)));
            int t = clip8(roundHalfAway(v * (1.0 - fs * (1.0 - f))));
            switch (i % 6) {
                case 0 -> { r = v; g = t; b = p; }
                case 1 -> { r = q; g = v; b = p; }
                case 2 -> { r = p; g = v; b = t; }
                case 3 -> { r = p; g = q; b = v; }
                case 4 -> { r = t; g = p; b = v; }
                default -> { r = v; g = p; b = q; }
            }
        }
        out[at] = (byte) r;
        out[at + 1] = (byte) g;
        out[at + 2] = (byte) b;
    }

    /** Pillow's {@code ImagingBlend} of one byte: {@code degenerate + alpha (value - degenerate)}, truncated. */
    static int blend(int degenerate, int value, float alpha) {
        float t = degenerate + alpha * (value - degenerate);
        if (alpha >= 0 && alpha <= 1) {
            return (int) t;
        }
        return t <= 0 ? 0 : t >= 255 ? 255 : (int) t;
    }

    /** Pillow's RGB to L: ITU-R 601-2 luma in 16-bit fixed point, rounded. */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }

    private static int roundHalfAway(double x) {
        return (int) (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));
    }

    private static int clip8(int x) {
        return x < 0 ? 0 : Math.min(255, x);
    }
}
