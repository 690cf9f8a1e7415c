package org.anivid.shots;

import org.anivid.core.RgbImage;
import org.anivid.core.VideoFrame;

/**
 * What the shot detectors keep of one frame: its HSV planes (OpenCV's 8-bit {@code COLOR_RGB2HSV} definition,
 * hue 0..179, the colour space PySceneDetect's content detectors work in), its mean intensity (the mean of all
 * R, G and B samples, PySceneDetect's {@code ThresholdDetector} metric) and a reference to its picture.
 *
 * <p>Objects are reused in the analyzer's ring: {@link #load} overwrites the planes in place and, in the same
 * pass, sums the absolute differences to the previous frame's planes, so the per-frame work is one pass over the
 * pixels and allocates nothing. Integer math only.
 */
final class FrameFeatures {
    private static final int HSV_SHIFT = 12;
    private static final int HALF = 1 << (HSV_SHIFT - 1);
    private static final int[] SDIV = new int[256];
    private static final int[] HDIV = new int[256];
    static final int THUMB_COLS = 16;
    static final int THUMB_ROWS = 9;
    static final int THUMB_CELLS = THUMB_COLS * THUMB_ROWS;

    static {
        for (int i = 1; i < 256; i++) {
            SDIV[i] = (int) Math.round((255 << HSV_SHIFT) / (double) i);
            HDIV[i] = (int) Math.round((180 << HSV_SHIFT) / (6.0 * i));
        }
    }

    int width;
    int height;
    /** Size of the sample grid the planes hold. */
    int sampleCols;
    int sampleRows;
    byte[] hue = new byte[0];
    byte[] sat = new byte[0];
    byte[] val = new byte[0];
    /** Mean of all R, G, B samples (0..255). */
    double meanIntensity;
    /** The picture these features came from (kept for thumbnails; never modified). */
    RgbImage image;
    /** Defined-colour score to the previous frame, from the last {@link #load}. */
    double defined;
    /**
     * Fraction of pixels whose value changed by at least {@value #VISIBLE_STEP} levels since the previous frame, from
     * the last {@link #load}: a visible change; film grain and compression noise stay under it.
     */
    double visible;

    /** Value step (0..255) that counts as a visible change of a pixel. */
    static final int VISIBLE_STEP = 24;

    /** Pixels sampled per frame, about: the sampling step is chosen so that roughly this many are read. */
    static final int SAMPLES = 16_000;

    /**
     * Overwrites this object with the features of {@code frame} and measures the difference to {@code previous}:
     * returns PySceneDetect's {@code content_val} (mean of the mean absolute hue, saturation and value differences)
     * and leaves the defined-colour score ({@link #definedScore}, minimum {@code definedMin}) in {@link #defined}
     * and the visibly changed fraction in {@link #visible}; all NaN when there is no previous frame of the same
     * size.
     *
     * <p>The means are taken over a regular grid of pixels, every {@code step}-th pixel of every {@code step}-th
     * row, with {@code step = round(sqrt(width × height / 16000))} (2 at 320×180, 1 below 160×100): point samples,
     * not averages, so each sampled difference is a full-resolution pixel difference and the mean is an unbiased
     * estimate of the full-frame mean, for a quarter of the work.
     */
    double load(VideoFrame frame, FrameFeatures previous, int definedMin) {
        RgbImage img = frame.image();
        image = img;
        int w = img.width();
        int hgt = img.height();
        int step = Math.max(1, (int) Math.round(Math.sqrt(w * (double) hgt / SAMPLES)));
        int cols = (w + step - 1) / step;
        int rows = (hgt + step - 1) / step;
        width = w;
        height = hgt;
        sampleCols = cols;
        sampleRows = rows;
        int n = cols * rows;
        if (hue.length != n) {
            hue = new byte[n];
            sat = new byte[n];
            val = new byte[n];
        }
        boolean compare = previous != null && previous.width == w && previous.height == hgt
                && previous.hue != hue;
        byte[] px = img.pixels();
        byte[] h = hue;
        byte[] s = sat;
        byte[] v = val;
        byte[] ph = compare ? previous.hue : h;
        byte[] ps = compare ? previous.sat : s;
        byte[] pv = compare ? previous.val : v;
        long sum = 0;
        long dh = 0;
        long ds = 0;
        long dv = 0;
        long mh = 0;
        long ms = 0;
        int seen = 0;
        int i = 0;
        for (int y = 0; y < hgt; y += step) {
            int rowStart = y * w * 3;
            int rowEnd = rowStart + w * 3;
            for (int p = rowStart; p < rowEnd; p += 3 * step, i++) {
                int r = px[p] & 0xff;
                int g = px[p + 1] & 0xff;
                int b = px[p + 2] & 0xff;
                sum += r + g + b;
                int max = Math.max(r, Math.max(g, b));
                int diff = max - Math.min(r, Math.min(g, b));
                int hh = max == r ? g - b : max == g ? b - r + 2 * diff : r - g + 4 * diff;
                hh = (hh * HDIV[diff] + HALF) >> HSV_SHIFT;
                hh += (hh >> 31) & 180;
                int ss = (diff * SDIV[max] + HALF) >> HSV_SHIFT;
                int h0 = ph[i] & 0xff;
                int s0 = ps[i] & 0xff;
                int v0 = pv[i] & 0xff;
                int hd = Math.abs(hh - h0);
                int sd = Math.abs(ss - s0);
                dh += hd;
                ds += sd;
                int vd = Math.abs(max - v0);
                dv += vd;
                seen += (VISIBLE_STEP - 1 - vd) >>> 31;
                if (Math.max(max, v0) >= definedMin) {
                    ms += sd;
                    if (Math.min(max, v0) >= definedMin && Math.min(ss, s0) >= definedMin) {
                        mh += Math.min(hd, 180 - hd);
                    }
                }
                h[i] = (byte) hh;
                s[i] = (byte) ss;
                v[i] = (byte) max;
            }
        }
        meanIntensity = n == 0 ? 0 : sum / (3.0 * n);
        defined = compare ? (mh + ms + dv) / (3.0 * n) : Double.NaN;
        visible = compare ? seen / (double) n : Double.NaN;
        return compare ? (dh + ds + dv) / (3.0 * n) : Double.NaN;
    }

    boolean sameSize(FrameFeatures other) {
        return width == other.width && height == other.height;
    }

    /** {@code content_val} between two frames of the same size (255 for different sizes). */
    static double contentScore(FrameFeatures a, FrameFeatures b) {
        if (!a.sameSize(b)) {
            return 255;
        }
        long sum = 0;
        for (int i = 0; i < a.hue.length; i++) {
            sum += Math.abs((a.hue[i] & 0xff) - (b.hue[i] & 0xff)) + Math.abs((a.sat[i] & 0xff) - (b.sat[i] & 0xff))
                    + Math.abs((a.val[i] & 0xff) - (b.val[i] & 0xff));
        }
        return sum / (3.0 * a.hue.length);
    }

    /**
     * {@code content_val} counting only defined colour: hue where both pixels have saturation and value at least
     * {@code minimum} (compared as an angle), saturation where either pixel's value is at least {@code minimum},
     * value everywhere. The hue of grey and dark pixels and the saturation of dark ones are compression noise.
     */
    static double definedScore(FrameFeatures a, FrameFeatures b, int minimum) {
        if (!a.sameSize(b)) {
            return 255;
        }
        long sum = 0;
        for (int i = 0; i < a.hue.length; i++) {
            int v1 = a.val[i] & 0xff;
            int v2 = b.val[i] & 0xff;
            int s1 = a.sat[i] & 0xff;
            int s2 = b.sat[i] & 0xff;
            sum += Math.abs(v1 - v2);
            if (Math.max(v1, v2) >= minimum) {
                sum += Math.abs(s1 - s2);
            }
            if (Math.min(v1, v2) >= minimum && Math.min(s1, s2) >= minimum) {
                int dh = Math.abs((a.hue[i] & 0xff) - (b.hue[i] & 0xff));
                sum += Math.min(dh, 180 - dh);
            }
        }
        return sum / (3.0 * a.hue.length);
    }

    /**
     * The fraction of the picture that changed: the frame is split into {@code grid}×{@code grid} cells and a cell
     * counts as changed when the mean {@code content_val} of its pixels reaches {@code threshold}. A cut replaces the
     * whole picture; a speech bubble, a subtitle or an emote popping up changes a part of it.
     */
    static double changedFraction(FrameFeatures a, FrameFeatures b, int grid, double threshold) {
        if (!a.sameSize(b)) {
            return 1;
        }
        int cols = a.sampleCols;
        int rows = a.sampleRows;
        long[] sums = new long[grid * grid];
        long[] counts = new long[grid * grid];
        for (int y = 0, i = 0; y < rows; y++) {
            int rowCell = (y * grid / rows) * grid;
            for (int x = 0; x < cols; x++, i++) {
                int cell = rowCell + x * grid / cols;
                sums[cell] += Math.abs((a.hue[i] & 0xff) - (b.hue[i] & 0xff))
                        + Math.abs((a.sat[i] & 0xff) - (b.sat[i] & 0xff))
                        + Math.abs((a.val[i] & 0xff) - (b.val[i] & 0xff));
                counts[cell]++;
            }
        }
        long changed = 0;
        long total = 0;
        for (int c = 0; c < sums.length; c++) {
            total += counts[c];
            if (counts[c] > 0 && sums[c] >= threshold * 3.0 * counts[c]) {
                changed += counts[c];
            }
        }
        return total == 0 ? 0 : changed / (double) total;
    }

    /**
     * The mean colour of each cell of a {@value #THUMB_COLS}×{@value #THUMB_ROWS} grid: R, G, B per cell, row-major.
     */
    static double[] cellMeans(RgbImage image) {
        int w = image.width();
        int h = image.height();
        double[] sums = new double[THUMB_CELLS * 3];
        long[] counts = new long[THUMB_CELLS];
        byte[] px = image.pixels();
        for (int y = 0, p = 0; y < h; y++) {
            int row = (y * THUMB_ROWS / h) * THUMB_COLS;
            for (int x = 0; x < w; x++, p += 3) {
                int cell = row + x * THUMB_COLS / w;
                sums[cell * 3] += px[p] & 0xff;
                sums[cell * 3 + 1] += px[p + 1] & 0xff;
                sums[cell * 3 + 2] += px[p + 2] & 0xff;
                counts[cell]++;
            }
        }
        for (int c = 0; c < THUMB_CELLS; c++) {
            long k = Math.max(1, counts[c]);
            for (int j = 0; j < 3; j++) {
                sums[c * 3 + j] /= k;
            }
        }
        return sums;
    }

    /** HSV (OpenCV's 8-bit definition) of cell colours given as R, G, B values (rounded and clamped to 0..255). */
    static byte[] hsvCells(double[] rgb) {
        byte[] out = new byte[rgb.length];
        for (int c = 0; c < rgb.length; c += 3) {
            hsv(clamp(rgb[c]), clamp(rgb[c + 1]), clamp(rgb[c + 2]), out, c);
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** The HSV thumbnail of a picture: {@link #hsvCells} of its {@link #cellMeans}. */
    static byte[] thumbnail(RgbImage image) {
        return hsvCells(cellMeans(image));
    }

    /** OpenCV's 8-bit RGB to HSV (hue 0..179) of one colour, written to {@code out[at..at+2]}. */
    static void hsv(int r, int g, int b, byte[] out, int at) {
        int max = Math.max(r, Math.max(g, b));
        int diff = max - Math.min(r, Math.min(g, b));
        int hh = max == r ? g - b : max == g ? b - r + 2 * diff : r - g + 4 * diff;
        hh = (hh * HDIV[diff] + HALF) >> HSV_SHIFT;
        hh += (hh >> 31) & 180;
        out[at] = (byte) hh;
        out[at + 1] = (byte) ((diff * SDIV[max] + HALF) >> HSV_SHIFT);
        out[at + 2] = (byte) max;
    }

    /**
     * {@code content_val} between two thumbnails (hue compared as an angle): the same measure at a scale where
     * small motion and noise average out, for comparing frames far apart (before and after a fade).
     */
    static double thumbScore(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i += 3) {
            int dh = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            sum += Math.min(dh, 180 - dh) + Math.abs((a[i + 1] & 0xff) - (b[i + 1] & 0xff))
                    + Math.abs((a[i + 2] & 0xff) - (b[i + 2] & 0xff));
        }
        return sum / (double) a.length;
    }
}
