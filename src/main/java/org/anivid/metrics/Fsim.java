package org.anivid.metrics;

import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.anivid.core.RgbImage;

/**
 * Feature similarity index (Zhang et al. 2011): per pixel {@code S_L = S_PC * S_G} with
 * {@code S_PC = (2 PC1 PC2 + T1) / (PC1^2 + PC2^2 + T1)} on phase congruency and
 * {@code S_G = (2 G1 G2 + T2) / (G1^2 + G2^2 + T2)} on the gradient magnitude, {@code T1 = 0.85}, {@code T2 = 160},
 * pooled with the weight {@code PCm = max(PC1, PC2)}: {@code FSIM = sum(S_L PCm) / sum(PCm)}. Identical pictures
 * give 1.
 *
 * <ul>
 *   <li>standard: Zhang et al.'s grey-level FSIM on the luma {@code Y = 0.299 R + 0.587 G + 0.114 B} (colour is not
 *       compared; FSIMc is not computed), after their automatic down-sampling by
 *       {@code F = max(1, round(min(H, W) / 256))} (an F×F mean with zero padding, every F-th pixel; a no-op below
 *       384 pixels); phase congruency is Kovesi's {@code phasecong2} overall measure (4 scales, 4 orientations,
 *       minimum wavelength 6, mult 2, sigmaOnf 0.55); the gradient is the Scharr operator divided by 16 with zero
 *       padding. Where neither picture has any phase congruency ({@code sum(PCm) = 0}, flat pictures) the unweighted
 *       mean of {@code S_L} is returned instead of 0/0.</li>
 *   <li>paper: {@code image-similarity-measures}' {@code fsim}: computed on each RGB channel separately and averaged;
 *       phase congruency from {@code phasepack.phasecong} (4 scales, 6 orientations, minimum wavelength 6, mult 2,
 *       sigmaOnf 0.5978, k 2, cutOff 0.5, g 10), the six orientation maps summed; the gradient from
 *       {@code cv2.Scharr(channel, CV_16U, ...)}: unscaled Scharr, reflected borders, negative values clipped to 0,
 *       then squared and added in uint16, so both wrap modulo 65536, and a float32 square root; {@code S_G} in
 *       float32. A flat channel gives 0/0 = NaN, as there.</li>
 * </ul>
 */
public final class Fsim {
    static final double T1 = 0.85;
    static final double T2 = 160;

    private Fsim() {
    }

    public static double compute(RgbImage a, RgbImage b, MetricMode mode) {
        Planes.requireSameSize(a, b, "FSIM");
        Planes.requireAtLeast(a, 2, 2, "FSIM", "phase congruency");
        return mode == MetricMode.PAPER ? paper(a, b) : standard(a, b);
    }

    static double standard(RgbImage a, RgbImage b) {
        int w = a.width();
        int h = a.height();
        int f = Math.max(1, (int) Math.round(Math.min(w, h) / 256.0));
        double[] y1 = downsample(Planes.luma(a), w, h, f);
        double[] y2 = downsample(Planes.luma(b), w, h, f);
        int dw = (w + f - 1) / f;
        int dh = (h + f - 1) / f;
        if (dw < 2 || dh < 2) {
            throw new IllegalArgumentException("cannot compute FSIM on a " + w + "x" + h + " image");
        }
        PhaseCongruency bank = PhaseCongruency.fsimReference(dh, dw);
        double[][] pc = inParallel(2, i -> bank.overall(i == 0 ? y1 : y2));
        double[] pc1 = pc[0];
        double[] pc2 = pc[1];
        double[] g1 = scharrZeroPadded(y1, dw, dh);
        double[] g2 = scharrZeroPadded(y2, dw, dh);
        double num = 0;
        double den = 0;
        double plain = 0;
        for (int i = 0; i < pc1.length; i++) {
            double spc = (2 * pc1[i] * pc2[i] + T1) / (pc1[i] * pc1[i] + pc2[i] * pc2[i] + T1);
            double sg = (2 * g1[i] * g2[i] + T2) / (g1[i] * g1[i] + g2[i] * g2[i] + T2);
            double sl = spc * sg;
            double pcm = Math.max(pc1[i], pc2[i]);
            num += sl * pcm;
            den += pcm;
            plain += sl;
        }
        return den > 0 ? num / den : plain / pc1.length;
    }

    /**
     * Zhang et al.'s down-sampling: MATLAB {@code conv2(img, ones(F)/F^2, 'same')} (zero padding; the window of
     * output i covers {@code i + floor(F/2) - F + 1 .. i + floor(F/2)}) sampled at {@code 0, F, 2F, ...}.
     */
    static double[] downsample(double[] img, int w, int h, int f) {
        if (f == 1) {
            return img;
        }
        int dw = (w + f - 1) / f;
        int dh = (h + f - 1) / f;
        double[] out = new double[dw * dh];
        int shift = f / 2;
        double norm = 1.0 / (f * f);
        for (int r = 0; r < dh; r++) {
            for (int c = 0; c < dw; c++) {
                double acc = 0;
                for (int dy = 0; dy < f; dy++) {
                    int y = r * f + shift - dy;
                    if (y < 0 || y >= h) {
                        continue;
                    }
                    for (int dx = 0; dx < f; dx++) {
                        int x = c * f + shift - dx;
                        if (x >= 0 && x < w) {
                            acc += img[y * w + x] * norm;
                        }
                    }
                }
                out[r * dw + c] = acc;
            }
        }
        return out;
    }

    /** Gradient magnitude with Zhang et al.'s kernels {@code [3 0 -3; 10 0 -10; 3 0 -3] / 16} and zero padding. */
    static double[] scharrZeroPadded(double[] img, int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double gx = 0;
                double gy = 0;
                for (int d = -1; d <= 1; d++) {
                    double wgt = d == 0 ? 10 : 3;
                    gx += wgt * (at(img, w, h, x + 1, y + d) - at(img, w, h, x - 1, y + d));
                    gy += wgt * (at(img, w, h, x + d, y + 1) - at(img, w, h, x + d, y - 1));
                }
                gx /= 16;
                gy /= 16;
                out[y * w + x] = Math.sqrt(gx * gx + gy * gy);
            }
        }
        return out;
    }

    private static double at(double[] img, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : img[y * w + x];
    }

    static double paper(RgbImage a, RgbImage b) {
        int w = a.width();
        int h = a.height();
        PhaseCongruency bank = PhaseCongruency.phasepack(h, w, 4, 6, 6, 2, 0.5978);
        int[][] planes = new int[2 * Planes.CHANNELS][];
        for (int c = 0; c < Planes.CHANNELS; c++) {
            planes[2 * c] = Planes.channel(a, c);
            planes[2 * c + 1] = Planes.channel(b, c);
        }
        double[][] pc = inParallel(planes.length, i -> bank.phasepack(Planes.toDouble(planes[i]), 2, 0.5, 10));
        double sum = -0.0;
        for (int c = 0; c < Planes.CHANNELS; c++) {
            int[] x1 = planes[2 * c];
            int[] x2 = planes[2 * c + 1];
            double[] pc1 = pc[2 * c];
            double[] pc2 = pc[2 * c + 1];
            float[] g1 = scharrUint16(x1, w, h);
            float[] g2 = scharrUint16(x2, w, h);
            double[] weighted = new double[pc1.length];
            double[] weight = new double[pc1.length];
            for (int i = 0; i < pc1.length; i++) {
                double spc = (2 * (pc1[i] * pc2[i]) + T1) / ((pc1[i] * pc1[i] + pc2[i] * pc2[i]) + T1);
                float sg = (2f * (g1[i] * g2[i]) + 160f) / ((g1[i] * g1[i] + g2[i] * g2[i]) + 160f);
                double pcm = Math.max(pc1[i], pc2[i]);
                weighted[i] = spc * sg * pcm;
                weight[i] = pcm;
            }
            sum += (0.0 + NumpySums.pairwise(weighted, 0, weighted.length))
                    / (0.0 + NumpySums.pairwise(weight, 0, weight.length));
        }
        return (0.0 + sum) / Planes.CHANNELS;
    }

    /**
     * {@code np.sqrt(sx**2 + sy**2)} of {@code cv2.Scharr(channel, cv2.CV_16U, 1, 0)} and {@code (..., 0, 1)}: the
     * Scharr derivative (3, 10, 3 across, -1, 0, 1 along) with OpenCV's default border (reflect-101), saturated to
     * uint16 (negative to 0), squared and summed with uint16 wrap-around, square root in float32.
     */
    static float[] scharrUint16(int[] img, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int gx = 0;
                int gy = 0;
                for (int d = -1; d <= 1; d++) {
                    int wgt = d == 0 ? 10 : 3;
                    gx += wgt * (img[reflect101(y + d, h) * w + reflect101(x + 1, w)]
                            - img[reflect101(y + d, h) * w + reflect101(x - 1, w)]);
                    gy += wgt * (img[reflect101(y + 1, h) * w + reflect101(x + d, w)]
                            - img[reflect101(y - 1, h) * w + reflect101(x + d, w)]);
                }
                int sx = Math.max(gx, 0);
                int sy = Math.max(gy, 0);
                int sq = ((sx * sx & 0xffff) + (sy * sy & 0xffff)) & 0xffff;
                out[y * w + x] = (float) Math.sqrt(sq);
            }
        }
        return out;
    }

    /**
     * Phase congruency is most of FSIM's time and each picture (and channel) is independent: they run on the common
     * fork-join pool.
     */
    private static double[][] inParallel(int n, IntFunction<double[]> task) {
        double[][] out = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> out[i] = task.apply(i));
        return out;
    }

    /** OpenCV's BORDER_REFLECT_101: {@code gfedcb|abcdefgh|gfedcba}. */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * n - 2 - i;
        }
        return i;
    }
}
