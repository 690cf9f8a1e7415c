package org.anivid.metrics;

import java.util.stream.IntStream;
import org.anivid.core.RgbImage;

/**
 * Structural similarity (Wang et al. 2004): per window {@code (2 m_x m_y + C1)(2 s_xy + C2) /
 * ((m_x^2 + m_y^2 + C1)(s_x^2 + s_y^2 + C2))}, {@code C1 = (0.01 L)^2}, {@code C2 = (0.03 L)^2}, averaged over the
 * windows that lie fully inside the picture (the border pixels are left out, as scikit-image crops them), per
 * channel, then over the three channels. Identical pictures give 1.
 *
 * <ul>
 *   <li>standard: Wang et al.'s Gaussian window (11×11, sigma 1.5, normalised), population (co)variances, data range
 *       {@code L = 255}; pictures must be at least 11×11.</li>
 *   <li>paper: {@code image-similarity-measures}' {@code ssim}, i.e. scikit-image's {@code structural_similarity}
 *       with its defaults, {@code data_range=4095} and the channel axis: a 7×7 uniform window, sample (co)variances
 *       ({@code 49/48}), {@code L = 4095}, which shrinks the structure term's influence and inflates the score on
 *       8-bit pictures; pictures must be at least 7×7.</li>
 * </ul>
 */
public final class Ssim {
    static final int GAUSSIAN_WINDOW = 11;
    static final double GAUSSIAN_SIGMA = 1.5;
    static final int UNIFORM_WINDOW = 7;

    private Ssim() {
    }

    public static double compute(RgbImage a, RgbImage b, MetricMode mode) {
        Planes.requireSameSize(a, b, "SSIM");
        if (mode == MetricMode.PAPER) {
            Planes.requireAtLeast(a, UNIFORM_WINDOW, UNIFORM_WINDOW, "SSIM (paper)", "one 7x7 window");
            double cov = UNIFORM_WINDOW * UNIFORM_WINDOW / (UNIFORM_WINDOW * UNIFORM_WINDOW - 1.0);
            return compute(a, b, null, UNIFORM_WINDOW, cov, 4095);
        }
        Planes.requireAtLeast(a, GAUSSIAN_WINDOW, GAUSSIAN_WINDOW, "SSIM", "one 11x11 Gaussian window");
        return compute(a, b, gaussian(GAUSSIAN_WINDOW, GAUSSIAN_SIGMA), GAUSSIAN_WINDOW, 1.0, 255);
    }

    /** Normalised 1-D Gaussian {@code exp(-x^2 / (2 sigma^2))}, {@code x = -r..r}. */
    static double[] gaussian(int size, double sigma) {
        double[] k = new double[size];
        int r = size / 2;
        double sum = 0;
        for (int i = 0; i < size; i++) {
            double x = i - r;
            k[i] = Math.exp(-0.5 * x * x / (sigma * sigma));
            sum += k[i];
        }
        for (int i = 0; i < size; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static double compute(RgbImage a, RgbImage b, double[] kernel, int size, double covNorm, double range) {
        double c1 = (0.01 * range) * (0.01 * range);
        double c2 = (0.03 * range) * (0.03 * range);
        double[] perChannel = new double[Planes.CHANNELS];
        IntStream.range(0, Planes.CHANNELS).parallel().forEach(c -> perChannel[c] = channel(
                Planes.toDouble(Planes.channel(a, c)), Planes.toDouble(Planes.channel(b, c)), a.width(), a.height(),
                kernel, size, covNorm, c1, c2));
        double total = -0.0;
        for (double v : perChannel) {
            total += v;
        }
        return (0.0 + total) / Planes.CHANNELS;
    }

    /** Mean SSIM of one channel over the valid window positions. */
    static double channel(double[] x, double[] y, int w, int h, double[] kernel, int size, double covNorm, double c1,
            double c2) {
        int n = w * h;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int ow = w - size + 1;
        int oh = h - size + 1;
        double[] ux = filter(x, w, h, kernel, size);
        double[] uy = filter(y, w, h, kernel, size);
        double[] uxx = filter(xx, w, h, kernel, size);
        double[] uyy = filter(yy, w, h, kernel, size);
        double[] uxy = filter(xy, w, h, kernel, size);
        double[] s = new double[ow * oh];
        for (int i = 0; i < s.length; i++) {
            double vx = covNorm * (uxx[i] - ux[i] * ux[i]);
            double vy = covNorm * (uyy[i] - uy[i] * uy[i]);
            double vxy = covNorm * (uxy[i] - ux[i] * uy[i]);
            double a1 = 2 * ux[i] * uy[i] + c1;
            double a2 = 2 * vxy + c2;
            double b1 = ux[i] * ux[i] + uy[i] * uy[i] + c1;
            double b2 = vx + vy + c2;
            s[i] = (a1 * a2) / (b1 * b2);
        }
        return NumpySums.mean(s);
    }

    /**
     * Valid-mode separable filter, vertical pass first (scipy.ndimage's axis order). {@code kernel == null} is the
     * uniform filter: window sums divided by the size in each pass, as {@code uniform_filter1d}.
     */
    static double[] filter(double[] v, int w, int h, double[] kernel, int size) {
        int oh = h - size + 1;
        int ow = w - size + 1;
        double[] vert = new double[oh * w];
        double[] out = new double[oh * ow];
        if (kernel == null) {
            for (int r = 0; r < oh; r++) {
                for (int col = 0; col < w; col++) {
                    double acc = 0;
                    for (int k = 0; k < size; k++) {
                        acc += v[(r + k) * w + col];
                    }
                    vert[r * w + col] = acc / size;
                }
            }
            for (int r = 0; r < oh; r++) {
                for (int col = 0; col < ow; col++) {
                    double acc = 0;
                    int base = r * w + col;
                    for (int k = 0; k < size; k++) {
                        acc += vert[base + k];
                    }
                    out[r * ow + col] = acc / size;
                }
            }
        } else {
            for (int r = 0; r < oh; r++) {
                for (int k = 0; k < size; k++) {
                    double kv = kernel[k];
                    int src = (r + k) * w;
                    int dst = r * w;
                    for (int col = 0; col < w; col++) {
                        vert[dst + col] += kv * v[src + col];
                    }
                }
            }
            for (int r = 0; r < oh; r++) {
                for (int col = 0; col < ow; col++) {
                    double acc = 0;
                    int base = r * w + col;
                    for (int k = 0; k < size; k++) {
                        acc += kernel[k] * vert[base + k];
                    }
                    out[r * ow + col] = acc;
                }
            }
        }
        return out;
    }
}
