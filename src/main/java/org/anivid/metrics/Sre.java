package org.anivid.metrics;

import org.anivid.core.RgbImage;

/**
 * Signal-to-reconstruction error ratio in dB (Lanaras et al. 2018), with the first picture as the reference signal:
 * per channel {@code 10 log10(mean(a)^2 / (|a - b|^2 / n))}. Higher is better; identical pictures give
 * {@code +Infinity}. Not symmetric.
 *
 * <ul>
 *   <li>standard: squared norm (the mean squared error) per channel, the three dB values averaged; a channel without
 *       error is {@code +Infinity} dB, a black reference channel with error {@code -Infinity}.</li>
 *   <li>paper: {@code image-similarity-measures}' {@code sre}: per channel {@code mean(a)^2 / (|a - b| / n)} with the
 *       <em>unsquared</em> norm (about {@code 5 log10(n * mse)} dB above the standard value), the mean in float32
 *       (numpy 1.x's buffered pairwise order), the norm in float32, the ratio in float64 (numpy 1.x promotes a float32
 *       scalar divided by a Python int), the three ratios averaged before the logarithm. Zero error gives
 *       {@code +Infinity}, and {@code NaN} when the reference channel is black too.</li>
 * </ul>
 */
public final class Sre {
    private Sre() {
    }

    public static double compute(RgbImage a, RgbImage b, MetricMode mode) {
        Planes.requireSameSize(a, b, "SRE");
        return mode == MetricMode.PAPER ? paper(a, b) : standard(a, b);
    }

    static double standard(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        int n = a.width() * a.height();
        double total = 0;
        for (int c = 0; c < Planes.CHANNELS; c++) {
            long sum = 0;
            long err = 0;
            for (int i = c; i < p.length; i += Planes.CHANNELS) {
                int x = p[i] & 0xff;
                int d = x - (q[i] & 0xff);
                sum += x;
                err += (long) d * d;
            }
            double db;
            if (err == 0) {
                db = Double.POSITIVE_INFINITY;
            } else {
                double mean = (double) sum / n;
                db = 10 * Math.log10(mean * mean / ((double) err / n));
            }
            total += db;
        }
        return total / Planes.CHANNELS;
    }

    static double paper(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        int n = a.width() * a.height();
        float[] org = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            org[i] = p[i] & 0xff;
        }
        double ratioSum = -0.0;
        for (int c = 0; c < Planes.CHANNELS; c++) {
            float mean = (float) ((double) NumpySums.bufferedSum(org, c, n, Planes.CHANNELS) / n);
            float numerator = mean * mean;
            long err = 0;
            for (int i = c; i < p.length; i += Planes.CHANNELS) {
                long d = (p[i] & 0xff) - (q[i] & 0xff);
                err += d * d;
            }
            // np.linalg.norm of the float32 difference: a float32 BLAS dot, then a float32 square root. The dot's
            // summation order is the BLAS library's; the exact sum rounded once is within a few float32 ulps of it.
            float norm = (float) Math.sqrt((float) err);
            double denominator = (double) norm / n;
            ratioSum += numerator / denominator;
        }
        double mean = (0.0 + ratioSum) / Planes.CHANNELS;
        return 10 * Math.log10(mean);
    }
}
