package org.anivid.metrics;

import java.util.Arrays;

/**
 * Phase congruency (Kovesi 1999) of a grey picture: log-Gabor filters at several scales and orientations applied in
 * the frequency domain; where the filter responses agree in phase the picture has a feature (an edge or a line), and
 * the measure does not depend on contrast. FSIM weights and compares pictures by it. Two variants, both Kovesi's:
 *
 * <ul>
 *   <li>{@link #phasepack}: {@code phasepack.phasecong} (Muldal's Python port of Kovesi's {@code phasecong3}), the
 *       one {@code image-similarity-measures} calls: a raised-cosine angular spread, the noise threshold from the
 *       median of the smallest scale's amplitude, a sigmoid weighting for frequency spread, one PC map per
 *       orientation. Returns the sum of those maps, as the package's FSIM uses them.</li>
 *   <li>{@link #overall}: Kovesi's {@code phasecong2} measure used by Zhang et al. for FSIM: a Gaussian angular
 *       spread ({@code dThetaOnSigma 1.2}), the noise energy estimated from the smallest scale's median energy and
 *       the filters' own energy, the threshold divided by 1.7, and one overall map
 *       {@code sum_o max(E_o - T_o, 0) / sum_o sum_s A_so}.</li>
 * </ul>
 * A bank holds the filters of one picture size so that both pictures of a pair share them; it is immutable, so
 * several pictures may be processed on different threads at once.
 */
final class PhaseCongruency {
    private static final double EPSILON = 1e-4;

    private final int rows;
    private final int cols;
    private final int nscale;
    private final int norient;
    private final double mult;
    private final Fft.TwoD fft;
    /** Radial log-Gabor components (times the low-pass filter), one per scale, zero at DC. */
    private final double[][] logGabor;
    /** Angular components, one per orientation. */
    private final double[][] spread;
    /** {@link #overall} only: per orientation, the noise model's sums over the filters (see {@link #noiseSums}). */
    private final double[][] noiseSums;

    private PhaseCongruency(int rows, int cols, int nscale, int norient, double minWaveLength, double mult,
            double sigmaOnf, boolean gaussianSpread) {
        if (rows < 2 || cols < 2) {
            throw new IllegalArgumentException("phase congruency needs at least 2x2 pixels, got " + cols + "x" + rows);
        }
        this.rows = rows;
        this.cols = cols;
        this.nscale = nscale;
        this.norient = norient;
        this.mult = mult;
        this.fft = new Fft.TwoD(rows, cols);
        int n = rows * cols;
        double[] xs = shiftedGrid(cols);
        double[] ys = shiftedGrid(rows);
        double[] radius = new double[n];
        double[] sinTheta = new double[n];
        double[] cosTheta = new double[n];
        double[] lowPass = new double[n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double x = xs[c];
                double y = ys[r];
                double rad = Math.sqrt(x * x + y * y);
                radius[i] = rad;
                // sin and cos of theta = atan2(-y, x), without the three calls (equal to the last bit or so).
                sinTheta[i] = rad == 0 ? -0.0 : -y / rad;
                cosTheta[i] = rad == 0 ? 1.0 : x / rad;
                // Butterworth low-pass, cutoff 0.45, order 15: 1 / (1 + (r / 0.45)^30), before the DC fudge.
                double q = rad / 0.45;
                double q2 = q * q;
                double q4 = q2 * q2;
                double q8 = q4 * q4;
                double q16 = q8 * q8;
                lowPass[i] = 1.0 / (1.0 + q16 * q8 * q4 * q2);
            }
        }
        radius[0] = 1.0;
        double logGaborDenom = 2.0 * Math.pow(Math.log(sigmaOnf), 2.0);
        double[] logRadius = new double[n];
        for (int i = 0; i < n; i++) {
            logRadius[i] = Math.log(radius[i]);
        }
        logGabor = new double[nscale][n];
        for (int s = 0; s < nscale; s++) {
            double wavelength = minWaveLength * Math.pow(mult, s);
            double logFo = Math.log(1.0 / wavelength);
            for (int i = 0; i < n; i++) {
                double l = logRadius[i] - logFo;
                logGabor[s][i] = Math.exp(-(l * l) / logGaborDenom) * lowPass[i];
            }
            logGabor[s][0] = 0.0;
        }
        spread = new double[norient][n];
        double thetaSigma = Math.PI / norient / 1.2;
        for (int o = 0; o < norient; o++) {
            double angl = o * (Math.PI / norient);
            double ca = Math.cos(angl);
            double sa = Math.sin(angl);
            for (int i = 0; i < n; i++) {
                double ds = sinTheta[i] * ca - cosTheta[i] * sa;
                double dc = cosTheta[i] * ca + sinTheta[i] * sa;
                double dtheta = Math.abs(Math.atan2(ds, dc));
                if (gaussianSpread) {
                    spread[o][i] = Math.exp(-(dtheta * dtheta) / (2 * thetaSigma * thetaSigma));
                } else {
                    dtheta = Math.min(Math.max(dtheta * norient / 2.0, 0), Math.PI);
                    spread[o][i] = (Math.cos(dtheta) + 1.0) / 2.0;
                }
            }
        }
        noiseSums = gaussianSpread ? noiseSums() : null;
    }

    /**
     * The frequency grid normalised to ±0.5 ({@code (i - n/2)/n} for even n, {@code (i - (n-1)/2)/(n-1)} for odd),
     * quadrant-shifted so that 0 is at index 0 ({@code ifftshift}).
     */
    private static double[] shiftedGrid(int n) {
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            vals[i] = n % 2 == 1 ? (i - (n - 1) / 2.0) / (n - 1) : (i - n / 2.0) / n;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = vals[(i + n / 2) % n];
        }
        return out;
    }

    /** The bank of {@code phasepack.phasecong(img, nscale, norient, minWaveLength, mult, sigmaOnf)}. */
    static PhaseCongruency phasepack(int rows, int cols, int nscale, int norient, double minWaveLength, double mult,
            double sigmaOnf) {
        return new PhaseCongruency(rows, cols, nscale, norient, minWaveLength, mult, sigmaOnf, false);
    }

    /**
     * The bank of Kovesi's {@code phasecong2} with Zhang et al.'s FSIM parameters: 4 scales, 4 orientations, minimum
     * wavelength 6, mult 2, sigmaOnf 0.55.
     */
    static PhaseCongruency fsimReference(int rows, int cols) {
        return new PhaseCongruency(rows, cols, 4, 4, 6, 2, 0.55, true);
    }

    private double[][] transform(double[] img) {
        double[] re = img.clone();
        double[] im = new double[re.length];
        fft.forward(re, im);
        return new double[][] {re, im};
    }

    /** One orientation's filtered responses per scale: {@code ifft2(IM * filter)}. */
    private double[][][] responses(double[][] spectrum, int o) {
        int n = rows * cols;
        double[][][] eo = new double[nscale][][];
        for (int s = 0; s < nscale; s++) {
            double[] re = new double[n];
            double[] im = new double[n];
            double[] lg = logGabor[s];
            double[] sp = spread[o];
            for (int i = 0; i < n; i++) {
                double f = lg[i] * sp[i];
                re[i] = spectrum[0][i] * f;
                im[i] = spectrum[1][i] * f;
            }
            fft.inverse(re, im);
            eo[s] = new double[][] {re, im};
        }
        return eo;
    }

    /**
     * {@code phasepack.phasecong}'s per-orientation phase congruency maps ({@code k}, {@code cutOff}, {@code g} as
     * there, noise method -1), summed over the orientations. A pixel with no filter response at all is 0/0 = NaN, as
     * there.
     */
    double[] phasepack(double[] img, double k, double cutOff, double g) {
        int n = rows * cols;
        double[][] spectrum = transform(img);
        double[] pcSum = new double[n];
        double[] sumE = new double[n];
        double[] sumO = new double[n];
        double[] sumAn = new double[n];
        double[] maxAn = new double[n];
        double[] energy = new double[n];
        for (int o = 0; o < norient; o++) {
            Arrays.fill(sumE, 0);
            Arrays.fill(sumO, 0);
            Arrays.fill(sumAn, 0);
            Arrays.fill(energy, 0);
            double[][][] eo = responses(spectrum, o);
            double tau = 0;
            for (int s = 0; s < nscale; s++) {
                double[] re = eo[s][0];
                double[] im = eo[s][1];
                for (int i = 0; i < n; i++) {
                    double an = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
                    sumAn[i] += an;
                    sumE[i] += re[i];
                    sumO[i] += im[i];
                    maxAn[i] = s == 0 ? an : Math.max(maxAn[i], an);
                }
                if (s == 0) {
                    tau = median(sumAn) / Math.sqrt(Math.log(4));
                }
            }
            for (int i = 0; i < n; i++) {
                double xEnergy = Math.sqrt(sumE[i] * sumE[i] + sumO[i] * sumO[i]) + EPSILON;
                double meanE = sumE[i] / xEnergy;
                double meanO = sumO[i] / xEnergy;
                double e = energy[i];
                for (int s = 0; s < nscale; s++) {
                    double re = eo[s][0][i];
                    double im = eo[s][1][i];
                    e += re * meanE + im * meanO - Math.abs(re * meanO - im * meanE);
                }
                energy[i] = e;
            }
            double totalTau = tau * (1.0 - Math.pow(1.0 / mult, nscale)) / (1.0 - 1.0 / mult);
            double noiseMean = totalTau * Math.sqrt(Math.PI / 2.0);
            double noiseSigma = totalTau * Math.sqrt((4 - Math.PI) / 2.0);
            double t = Math.max(noiseMean + k * noiseSigma, EPSILON);
            for (int i = 0; i < n; i++) {
                double en = Math.max(energy[i] - t, 0);
                double width = (sumAn[i] / (maxAn[i] + EPSILON) - 1.0) / (nscale - 1);
                double weight = 1.0 / (1.0 + Math.exp(g * (cutOff - width)));
                pcSum[i] += weight * en / sumAn[i];
            }
        }
        return pcSum;
    }

    /**
     * Kovesi's {@code phasecong2} overall measure with Zhang et al.'s FSIM settings (k 2, threshold / 1.7). Where no
     * filter responds at all (a flat picture) the measure is taken as 0, not 0/0.
     */
    double[] overall(double[] img) {
        int n = rows * cols;
        double[][] spectrum = transform(img);
        double[] energyAll = new double[n];
        double[] anAll = new double[n];
        double[] sumE = new double[n];
        double[] sumO = new double[n];
        double[] sumAn = new double[n];
        double[] e2 = new double[n];
        double k = 2.0;
        for (int o = 0; o < norient; o++) {
            Arrays.fill(sumE, 0);
            Arrays.fill(sumO, 0);
            Arrays.fill(sumAn, 0);
            double[][][] eo = responses(spectrum, o);
            for (int s = 0; s < nscale; s++) {
                double[] re = eo[s][0];
                double[] im = eo[s][1];
                for (int i = 0; i < n; i++) {
                    double an = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
                    sumAn[i] += an;
                    sumE[i] += re[i];
                    sumO[i] += im[i];
                    if (s == 0) {
                        e2[i] = an * an;
                    }
                }
            }
            double[] noise = noiseSums[o];
            double emN = noise[0];
            double meanE2n = -median(e2) / Math.log(0.5);
            double noisePower = meanE2n / emN;
            double estNoiseEnergy2 = 2 * noisePower * noise[1] + 4 * noisePower * noise[2];
            double tau = Math.sqrt(estNoiseEnergy2 / 2);
            double estNoiseEnergy = tau * Math.sqrt(Math.PI / 2);
            double estNoiseEnergySigma = Math.sqrt((2 - Math.PI / 2) * tau * tau);
            double t = (estNoiseEnergy + k * estNoiseEnergySigma) / 1.7;
            for (int i = 0; i < n; i++) {
                double xEnergy = Math.sqrt(sumE[i] * sumE[i] + sumO[i] * sumO[i]) + EPSILON;
                double meanE = sumE[i] / xEnergy;
                double meanO = sumO[i] / xEnergy;
                double energy = 0;
                for (int s = 0; s < nscale; s++) {
                    double re = eo[s][0][i];
                    double im = eo[s][1][i];
                    energy = energy + re * meanE + im * meanO - Math.abs(re * meanO - im * meanE);
                }
                energyAll[i] += Math.max(energy - t, 0);
                anAll[i] += sumAn[i];
            }
        }
        double[] pc = new double[n];
        for (int i = 0; i < n; i++) {
            pc[i] = anAll[i] == 0 ? 0 : energyAll[i] / anAll[i];
        }
        return pc;
    }

    /**
     * Per orientation: the smallest scale's filter energy {@code sum(filter^2)}, and over the spatial filters
     * {@code f_s = real(ifft2(filter_s)) * sqrt(rows*cols)} the sums {@code sum_s sum f_s^2} and
     * {@code sum_{s<t} sum f_s f_t} of {@code phasecong2}'s noise model. By Parseval these need no transform:
     * {@code real(ifft2(F))} is the inverse transform of {@code (F(k) + F(-k)) / 2} for a real F, so
     * {@code sum_x f_s f_t = sum_k Fsym_s(k) Fsym_t(k)}.
     */
    private double[][] noiseSums() {
        int n = rows * cols;
        double[][] out = new double[norient][];
        double[][] sym = new double[nscale][n];
        for (int o = 0; o < norient; o++) {
            double emN = 0;
            for (int i = 0; i < n; i++) {
                double f = logGabor[0][i] * spread[o][i];
                emN += f * f;
            }
            for (int s = 0; s < nscale; s++) {
                for (int r = 0; r < rows; r++) {
                    int nr = (rows - r) % rows;
                    for (int c = 0; c < cols; c++) {
                        int i = r * cols + c;
                        int j = nr * cols + (cols - c) % cols;
                        sym[s][i] = (logGabor[s][i] * spread[o][i] + logGabor[s][j] * spread[o][j]) / 2;
                    }
                }
            }
            double sumAn2 = 0;
            double sumAiAj = 0;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < nscale; s++) {
                    sumAn2 += sym[s][i] * sym[s][i];
                    for (int t = s + 1; t < nscale; t++) {
                        sumAiAj += sym[s][i] * sym[t][i];
                    }
                }
            }
            out[o] = new double[] {emN, sumAn2, sumAiAj};
        }
        return out;
    }

    /** numpy's / MATLAB's median: the middle value, or the mean of the two middle values (by selection, O(n)). */
    static double median(double[] v) {
        double[] a = v.clone();
        int n = a.length;
        int k = n / 2;
        select(a, k);
        if (n % 2 == 1) {
            return a[k];
        }
        double below = a[0];
        for (int i = 1; i < k; i++) {
            below = Math.max(below, a[i]);
        }
        return (below + a[k]) / 2.0;
    }

    /** Reorders {@code a} so that {@code a[k]} is its k-th smallest value and no value before it is larger. */
    private static void select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // Median of three as the pivot keeps sorted or constant inputs linear.
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
