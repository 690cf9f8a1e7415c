package org.anivid.metrics;

import org.anivid.core.RgbImage;

/**
 * Peak signal-to-noise ratio in dB: {@code 10 log10(peak^2 / MSE)}, the MSE taken over every pixel and channel.
 * Identical pictures have no error and a PSNR of {@code +Infinity}.
 *
 * <ul>
 *   <li>standard: peak 255, exact integer MSE;</li>
 *   <li>paper: {@code image-similarity-measures}' {@code psnr}: peak {@code max_p = 4095} (a 12-bit default applied
 *       to 8-bit pictures, +24.11 dB), the squared differences summed per channel in float32 one value at a time
 *       (numpy's order for {@code np.mean(x, axis=(0, 1))}), divided in float32, the three channel MSEs averaged in
 *       float32, then {@code 20 log10(4095 / sqrt(mse))} with a float32 square root.</li>
 * </ul>
 */
public final class Psnr {
    /** The package's default peak value: 12-bit imagery. */
    public static final double PAPER_PEAK = 4095;

    private Psnr() {
    }

    public static double compute(RgbImage a, RgbImage b, MetricMode mode) {
        Planes.requireSameSize(a, b, "PSNR");
        return mode == MetricMode.PAPER ? paper(a, b) : standard(a, b);
    }

    static double standard(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        long sum = 0;
        for (int i = 0; i < p.length; i++) {
            int d = (p[i] & 0xff) - (q[i] & 0xff);
            sum += d * d;
        }
        if (sum == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double mse = (double) sum / p.length;
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }

    static double paper(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        int n = a.width() * a.height();
        float[] band = new float[Planes.CHANNELS];
        for (int i = 0; i < p.length; i += Planes.CHANNELS) {
            for (int c = 0; c < Planes.CHANNELS; c++) {
                float d = (float) ((p[i + c] & 0xff) - (q[i + c] & 0xff));
                band[c] += d * d;
            }
        }
        float mseSum = -0.0f;
        for (int c = 0; c < Planes.CHANNELS; c++) {
            mseSum += (float) ((double) band[c] / n);
        }
        float mse = 0.0f + mseSum;
        mse = (float) ((double) mse / Planes.CHANNELS);
        float root = (float) Math.sqrt(mse);
        // numpy 1.x: a Python int divided by a float32 scalar gives float64; log10 and the factor 20 in float64.
        return 20 * Math.log10(PAPER_PEAK / root);
    }
}
