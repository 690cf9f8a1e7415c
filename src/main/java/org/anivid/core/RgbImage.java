package org.anivid.core;

/**
 * A decoded picture as packed 8-bit RGB, row-major, no padding ({@code pixels.length == width*height*3}).
 * Pure Java so that detectors and the UI can share frames without native types.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height * 3) {
            throw new IllegalArgumentException("RGB buffer of " + pixels.length + " bytes for " + width + "x" + height);
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[width * height * 3]);
    }

    /** Packed 0xRRGGBB of one pixel. */
    public int rgb(int x, int y) {
        int i = (y * width + x) * 3;
        return (pixels[i] & 0xff) << 16 | (pixels[i + 1] & 0xff) << 8 | (pixels[i + 2] & 0xff);
    }
}
