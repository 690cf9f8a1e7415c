package org.anivid.metrics;

import java.util.function.IntSupplier;
import org.anivid.core.RgbImage;

/** Generated test pictures shared by the metric tests and the CLI test. */
public final class TestPictures {
    private TestPictures() {
    }

    /**
     * The integer generator of {@code image_metrics_reference.py} ({@code make_pair}): a reference with a flat top-left
     * quarter, ramps that wrap, 6×5 blocks and noise (values 1..255, so no black pixel), and a copy with ±20 noise
     * outside the flat quarter.
     */
    public static RgbImage[] pair(int w, int h, long seed) {
        long[] state = {seed};
        IntSupplier rnd = () -> {
            state[0] = (state[0] * 1103515245L + 12345L) & 0x7fffffffL;
            return (int) (state[0] >> 16);
        };
        byte[] a = new byte[w * h * 3];
        byte[] b = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean flat = x < w / 4 && y < h / 4;
                for (int c = 0; c < 3; c++) {
                    int v;
                    int u;
                    if (flat) {
                        v = 90 + 20 * c;
                        u = v;
                    } else {
                        v = 30 + (x * (3 + c) + y * (5 - c)) * 2 % 160;
                        if ((x / 6 + y / 5) % 2 == 0) {
                            v += 60;
                        }
                        v += rnd.getAsInt() % 11;
                        v = Math.min(255, Math.max(1, v));
                        u = Math.min(255, Math.max(1, v + rnd.getAsInt() % 41 - 20));
                    }
                    int i = (y * w + x) * 3 + c;
                    a[i] = (byte) v;
                    b[i] = (byte) u;
                }
            }
        }
        return new RgbImage[] {new RgbImage(w, h, a), new RgbImage(w, h, b)};
    }

    /** A picture of one colour per pixel given as {@code {r, g, b}} triples, row-major. */
    public static RgbImage of(int w, int h, int[]... rgb) {
        if (rgb.length != w * h) {
            throw new IllegalArgumentException(rgb.length + " pixels for " + w + "x" + h);
        }
        byte[] p = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            for (int c = 0; c < 3; c++) {
                p[i * 3 + c] = (byte) rgb[i][c];
            }
        }
        return new RgbImage(w, h, p);
    }

    /** A picture of one colour. */
    public static RgbImage uniform(int w, int h, int r, int g, int b) {
        byte[] p = new byte[w * h * 3];
        for (int i = 0; i < p.length; i += 3) {
            p[i] = (byte) r;
            p[i + 1] = (byte) g;
            p[i + 2] = (byte) b;
        }
        return new RgbImage(w, h, p);
    }

    /** A picture whose channel {@code c} at (x, y) is {@code f.value(x, y, c)}. */
    public static RgbImage of(int w, int h, PixelFunction f) {
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    p[(y * w + x) * 3 + c] = (byte) f.value(x, y, c);
                }
            }
        }
        return new RgbImage(w, h, p);
    }

    /** Channel value of a generated picture. */
    @FunctionalInterface
    public interface PixelFunction {
        int value(int x, int y, int c);
    }
}
