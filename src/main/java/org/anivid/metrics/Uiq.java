package org.anivid.metrics;

import org.anivid.core.RgbImage;

/**
 * Universal image quality index (Wang and Bovik 2002), {@code Q = 4 s_xy m_x m_y / ((s_x^2 + s_y^2)(m_x^2 + m_y^2))}
 * on every 8×8 window (stride 1, windows fully inside the picture), per channel, averaged over all windows of all
 * channels. Pictures must be at least 8×8.
 *
 * <ul>
 *   <li>standard: exact integer window sums and the special cases of Wang and Bovik's reference code: a window whose
 *       variances are both 0 scores {@code 2 m_x m_y / (m_x^2 + m_y^2)}, and one whose means are both 0 scores 1. So
 *       identical pictures always score 1.</li>
 *   <li>paper: {@code image-similarity-measures}' {@code uiq}: float32 window statistics (numpy's pairwise order over
 *       the 64 values, population variance), and {@code np.nan_to_num} of the quotient, so a flat window of either
 *       picture scores 0 (0/0). Identical pictures with flat areas therefore score below 1.</li>
 * </ul>
 */
public final class Uiq {
    /** Window side, the package's default and Wang and Bovik's. */
    public static final int WINDOW = 8;
    private static final int N = WINDOW * WINDOW;

    private Uiq() {
    }

    public static double compute(RgbImage a, RgbImage b, MetricMode mode) {
        Planes.requireSameSize(a, b, "UIQ");
        Planes.requireAtLeast(a, WINDOW, WINDOW, "UIQ", "one 8x8 window");
        return mode == MetricMode.PAPER ? paper(a, b) : standard(a, b);
    }

    static double standard(RgbImage a, RgbImage b) {
        int w = a.width();
        int h = a.height();
        int ww = w - WINDOW + 1;
        int wh = h - WINDOW + 1;
        double total = 0;
        for (int c = 0; c < Planes.CHANNELS; c++) {
            int[] x = Planes.channel(a, c);
            int[] y = Planes.channel(b, c);
            // Column sums over the current band of 8 rows, of x, y, x^2, y^2, xy: O(width) memory.
            long[][] band = new long[5][w];
            for (int r = 0; r < h; r++) {
                addRow(band, x, y, r * w, w, 1);
                if (r >= WINDOW) {
                    addRow(band, x, y, (r - WINDOW) * w, w, -1);
                }
                if (r >= WINDOW - 1) {
                    long sumX = 0;
                    long sumY = 0;
                    long sumXX = 0;
                    long sumYY = 0;
                    long sumXY = 0;
                    for (int col = 0; col < w; col++) {
                        sumX += band[0][col];
                        sumY += band[1][col];
                        sumXX += band[2][col];
                        sumYY += band[3][col];
                        sumXY += band[4][col];
                        if (col >= WINDOW) {
                            int out = col - WINDOW;
                            sumX -= band[0][out];
                            sumY -= band[1][out];
                            sumXX -= band[2][out];
                            sumYY -= band[3][out];
                            sumXY -= band[4][out];
                        }
                        if (col >= WINDOW - 1) {
                            total += quality(sumX, sumY, sumXX, sumYY, sumXY);
                        }
                    }
                }
            }
        }
        return total / ((double) ww * wh * Planes.CHANNELS);
    }

    private static void addRow(long[][] band, int[] x, int[] y, int off, int w, int sign) {
        for (int col = 0; col < w; col++) {
            int u = x[off + col];
            int v = y[off + col];
            band[0][col] += sign * u;
            band[1][col] += sign * v;
            band[2][col] += sign * u * u;
            band[3][col] += sign * v * v;
            band[4][col] += sign * u * v;
        }
    }

    /** Q of one window from its exact sums; the N^4 scale of numerator and denominator cancels. */
    static double quality(long sumX, long sumY, long sumXX, long sumYY, long sumXY) {
        long varSum = N * (sumXX + sumYY) - sumX * sumX - sumY * sumY; // N^2 (s_x^2 + s_y^2)
        long meanSq = sumX * sumX + sumY * sumY;                         // N^2 (m_x^2 + m_y^2)
        if (varSum != 0 && meanSq != 0) {
            long cov = N * sumXY - sumX * sumY;                          // N^2 s_xy
            return 4.0 * cov * sumX * sumY / ((double) varSum * meanSq);
        }
        if (varSum == 0 && meanSq != 0) {
            return 2.0 * sumX * sumY / meanSq;
        }
        return 1.0;
    }

    static double paper(RgbImage a, RgbImage b) {
        int w = a.width();
        int h = a.height();
        int ww = w - WINDOW + 1;
        int wh = h - WINDOW + 1;
        float[][] x = new float[Planes.CHANNELS][];
        float[][] y = new float[Planes.CHANNELS][];
        for (int c = 0; c < Planes.CHANNELS; c++) {
            x[c] = toFloat(Planes.channel(a, c));
            y[c] = toFloat(Planes.channel(b, c));
        }
        float[] q = new float[ww * wh * Planes.CHANNELS]; // float32 values; float64 once in the list
        float[] ow = new float[N];
        float[] pw = new float[N];
        float[] tmp = new float[N];
        int k = 0;
        for (int r = 0; r < wh; r++) {
            for (int col = 0; col < ww; col++) {
                for (int c = 0; c < Planes.CHANNELS; c++) {
                    for (int i = 0; i < WINDOW; i++) {
                        System.arraycopy(x[c], (r + i) * w + col, ow, i * WINDOW, WINDOW);
                        System.arraycopy(y[c], (r + i) * w + col, pw, i * WINDOW, WINDOW);
                    }
                    float mo = mean(ow);
                    float mp = mean(pw);
                    float vo = variance(ow, mo, tmp);
                    float vp = variance(pw, mp, tmp);
                    for (int i = 0; i < N; i++) {
                        tmp[i] = (ow[i] - mo) * (pw[i] - mp);
                    }
                    float cov = mean(tmp);
                    float numerator = 4f * cov * mo * mp;
                    float denominator = (vo + vp) * (mo * mo + mp * mp);
                    q[k++] = nanToNum(numerator / denominator);
                }
            }
        }
        // The package collects q window by window, channel inside, and takes np.mean of the list.
        return (0.0 + NumpySums.pairwiseFloat64(q, 0, q.length)) / q.length;
    }

    private static float[] toFloat(int[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** {@code np.mean(..., axis=1)} of a float32 row: {@code (0 + pairwise) / 64}. */
    private static float mean(float[] v) {
        return (0f + NumpySums.pairwise(v, 0, N, 1)) / N;
    }

    /** {@code np.var}: mean, deviations, squares, pairwise sum, divided by 64. */
    private static float variance(float[] v, float mean, float[] tmp) {
        for (int i = 0; i < N; i++) {
            float d = v[i] - mean;
            tmp[i] = d * d;
        }
        return mean(tmp);
    }

    /** {@code np.nan_to_num} on float32: NaN to 0, infinities to the largest float32. */
    private static float nanToNum(float v) {
        if (Float.isNaN(v)) {
            return 0f;
        }
        if (v == Float.POSITIVE_INFINITY) {
            return Float.MAX_VALUE;
        }
        if (v == Float.NEGATIVE_INFINITY) {
            return -Float.MAX_VALUE;
        }
        return v;
    }
}
