package org.anivid.metrics;

import org.anivid.core.RgbImage;

/**
 * Spectral angle mapper (Yuhas et al. 1992) in degrees: the angle between the two RGB vectors of each pixel,
 * {@code acos(a.b / (|a| |b|))}, averaged over the pixels. Identical pictures give 0.
 *
 * <ul>
 *   <li>standard: exact integer dot products; a pixel black in both pictures has angle 0 (the same "spectrum"); a
 *       pixel black in only one has no direction, so no angle, and is left out of the mean (if every pixel is left
 *       out the result is {@code NaN}).</li>
 *   <li>paper: {@code image-similarity-measures}' {@code sam}, which multiplies the two uint8 arrays without a float
 *       cast, so each channel product wraps modulo 256 before the (unwrapped, uint64) sum over channels, while the
 *       norms are computed in float64; the cosine is clipped to [-1, 1]. A pixel black in either picture gives
 *       0/0 = NaN, the mean becomes NaN and {@code np.nan_to_num} turns the whole result into 0.</li>
 * </ul>
 */
public final class Sam {
    private Sam() {
    }

    public static double compute(RgbImage a, RgbImage b, MetricMode mode) {
        Planes.requireSameSize(a, b, "SAM");
        return mode == MetricMode.PAPER ? paper(a, b) : standard(a, b);
    }

    static double standard(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < p.length; i += 3) {
            int a0 = p[i] & 0xff;
            int a1 = p[i + 1] & 0xff;
            int a2 = p[i + 2] & 0xff;
            int b0 = q[i] & 0xff;
            int b1 = q[i + 1] & 0xff;
            int b2 = q[i + 2] & 0xff;
            long na = (long) a0 * a0 + a1 * a1 + a2 * a2;
            long nb = (long) b0 * b0 + b1 * b1 + b2 * b2;
            if (na == 0 && nb == 0) {
                counted++;
                continue;
            }
            if (na == 0 || nb == 0) {
                continue;
            }
            long dot = (long) a0 * b0 + a1 * b1 + a2 * b2;
            double cos = dot / (Math.sqrt((double) na) * Math.sqrt((double) nb));
            sum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    static double paper(RgbImage a, RgbImage b) {
        byte[] p = a.pixels();
        byte[] q = b.pixels();
        double[] angles = new double[a.width() * a.height()];
        for (int i = 0, k = 0; k < angles.length; i += 3, k++) {
            long numerator = 0;
            double na = -0.0;
            double nb = -0.0;
            for (int c = 0; c < 3; c++) {
                int x = p[i + c] & 0xff;
                int y = q[i + c] & 0xff;
                numerator += (x * y) & 0xff; // uint8 * uint8 -> uint8
                na += (double) x * x;
                nb += (double) y * y;
            }
            double val = numerator / (Math.sqrt(0.0 + na) * Math.sqrt(0.0 + nb));
            if (Double.isNaN(val)) {
                return 0.0; // np.nan_to_num(np.mean([..., nan, ...]))
            }
            angles[k] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, val))));
        }
        double mean = NumpySums.mean(angles);
        return Double.isNaN(mean) ? 0.0 : mean;
    }
}
