package org.anivid.faces.detector;

import java.util.Arrays;
import org.anivid.core.RgbImage;
import org.anivid.media.ImageResize;

/**
 * YOLOv5's letterbox: the picture scaled (aspect kept) so that its long side is the network's input size, placed
 * at the top-left corner of a canvas filled with grey 114. At inference the canvas is the smallest multiple of 32
 * that holds it (a 640×480 frame at 416 runs at 416×320); in training it is the full square.
 *
 * @param image  the canvas
 * @param scale  canvas pixels per source pixel
 * @param width  width of the scaled picture on the canvas (the rest is padding)
 * @param height height of the scaled picture on the canvas
 */
public record Letterbox(RgbImage image, float scale, int width, int height) {
    /** YOLOv5's padding grey. */
    public static final byte PAD = (byte) 114;

    /** For inference: the long side at {@code inputSize}, the canvas rounded up to multiples of 32. */
    public static Letterbox forInference(RgbImage src, int inputSize) {
        double scale = (double) inputSize / Math.max(src.width(), src.height());
        int w = Math.max(1, Math.min(inputSize, (int) Math.round(src.width() * scale)));
        int h = Math.max(1, Math.min(inputSize, (int) Math.round(src.height() * scale)));
        return place(src, w, h, roundUp32(w), roundUp32(h), (float) scale);
    }

    /** For training and validation: the long side at {@code size}, on a {@code size × size} canvas. */
    public static Letterbox square(RgbImage src, int size) {
        double scale = (double) size / Math.max(src.width(), src.height());
        int w = Math.max(1, Math.min(size, (int) Math.round(src.width() * scale)));
        int h = Math.max(1, Math.min(size, (int) Math.round(src.height() * scale)));
        return place(src, w, h, size, size, (float) scale);
    }

    static int roundUp32(int v) {
        return (v + 31) / 32 * 32;
    }

    private static Letterbox place(RgbImage src, int w, int h, int canvasW, int canvasH, float scale) {
        RgbImage scaled = ImageResize.resize(src, w, h);
        if (w == canvasW && h == canvasH) {
            return new Letterbox(scaled, scale, w, h);
        }
        byte[] out = new byte[canvasW * canvasH * 3];
        Arrays.fill(out, PAD);
        byte[] in = scaled.pixels();
        for (int y = 0; y < h; y++) {
            System.arraycopy(in, y * w * 3, out, y * canvasW * 3, w * 3);
        }
        return new Letterbox(new RgbImage(canvasW, canvasH, out), scale, w, h);
    }

    /**
     * The picture as the network reads it: planar RGB in [0, 1], written into {@code dst} at {@code offset}
     * ({@code 3 · width · height} floats).
     */
    public static void toChw(RgbImage image, float[] dst, int offset) {
        int plane = image.width() * image.height();
        byte[] rgb = image.pixels();
        for (int i = 0; i < plane; i++) {
            dst[offset + i] = (rgb[3 * i] & 0xff) / 255f;
            dst[offset + plane + i] = (rgb[3 * i + 1] & 0xff) / 255f;
            dst[offset + 2 * plane + i] = (rgb[3 * i + 2] & 0xff) / 255f;
        }
    }
}
