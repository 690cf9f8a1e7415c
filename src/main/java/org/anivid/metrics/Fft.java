package org.anivid.metrics;

/**
 * Complex discrete Fourier transform of one length, in place on separate real and imaginary arrays: iterative
 * radix-2 for powers of two, Bluestein's chirp-z (through a power-of-two convolution) for every other length.
 * FSIM's phase congruency needs many 2-D transforms of the picture's own size (numpy's {@code fft2}, which takes any
 * size), and the project takes no FFT dependency for that. Forward is {@code X_k = sum x_j e^{-2 pi i jk/n}};
 * inverse divides by {@code n}, as numpy's {@code ifft}. A plan is immutable and may be shared between threads.
 */
final class Fft {
    private final int n;
    /** Radix-2 only: the twiddles of every stage (see the constructor). */
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;
    /** Bluestein only: the power-of-two plan, the chirp {@code e^{i pi j^2/n}} and the transformed kernel. */
    private final Fft inner;
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;

    Fft(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("FFT length must be positive, got " + n);
        }
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            // Per stage of size 2h (h = 1, 2, 4, ... n/2) the forward twiddles e^{-2 pi i k / 2h}, k < h, at h - 1 + k.
            cos = new double[Math.max(1, n - 1)];
            sin = new double[Math.max(1, n - 1)];
            for (int h = 1; h < n; h <<= 1) {
                for (int k = 0; k < h; k++) {
                    double a = Math.PI * k / h;
                    cos[h - 1 + k] = Math.cos(a);
                    sin[h - 1 + k] = -Math.sin(a);
                }
            }
            bitReverse = new int[n];
            int bits = Integer.numberOfTrailingZeros(n);
            for (int i = 0; i < n; i++) {
                bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            inner = null;
            chirpRe = chirpIm = kernelRe = kernelIm = null;
        } else {
            int m = Integer.highestOneBit(2 * n - 1) << 1;
            inner = new Fft(m);
            cos = sin = null;
            bitReverse = null;
            chirpRe = new double[n];
            chirpIm = new double[n];
            long twoN = 2L * n;
            for (int j = 0; j < n; j++) {
                // j^2 mod 2n keeps the angle small, so the chirp stays accurate for long transforms.
                double a = Math.PI * (double) ((long) j * j % twoN) / n;
                chirpRe[j] = Math.cos(a);
                chirpIm[j] = Math.sin(a);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = chirpIm[0];
            for (int j = 1; j < n; j++) {
                kernelRe[j] = kernelRe[m - j] = chirpRe[j];
                kernelIm[j] = kernelIm[m - j] = chirpIm[j];
            }
            inner.forward(kernelRe, kernelIm);
        }
    }

    int length() {
        return n;
    }

    /** Forward transform of {@code re[0..n), im[0..n)} in place. */
    void forward(double[] re, double[] im) {
        if (inner == null) {
            radix2(re, im);
        } else {
            bluestein(re, im);
        }
    }

    /** Inverse transform, scaled by {@code 1/n}: conj(forward(conj(x))) / n. */
    void inverse(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            im[i] = -im[i];
        }
        forward(re, im);
        double s = 1.0 / n;
        for (int i = 0; i < n; i++) {
            re[i] *= s;
            im[i] = -im[i] * s;
        }
    }

    private void radix2(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        // Stage of size 2: twiddle 1.
        for (int a = 0; a + 1 < n; a += 2) {
            double xr = re[a + 1];
            double xi = im[a + 1];
            re[a + 1] = re[a] - xr;
            im[a + 1] = im[a] - xi;
            re[a] += xr;
            im[a] += xi;
        }
        // Later stages; stage "size" uses twiddles cos/sin[half - 1 + k], k < half (laid out stage after stage).
        for (int size = 4; size <= n; size <<= 1) {
            int half = size >> 1;
            int base = half - 1;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[base + k];
                    double wi = sin[base + k];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im) {
        int m = kernelRe.length;
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int j = 0; j < n; j++) {
            // x_j * conj(chirp_j)
            ar[j] = re[j] * chirpRe[j] + im[j] * chirpIm[j];
            ai[j] = im[j] * chirpRe[j] - re[j] * chirpIm[j];
        }
        inner.forward(ar, ai);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
            double i = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
            ar[k] = r;
            ai[k] = i;
        }
        inner.inverse(ar, ai);
        for (int k = 0; k < n; k++) {
            // conj(chirp_k) * c_k
            re[k] = ar[k] * chirpRe[k] + ai[k] * chirpIm[k];
            im[k] = ai[k] * chirpRe[k] - ar[k] * chirpIm[k];
        }
    }

    /**
     * 2-D transform of a row-major {@code rows x cols} complex array, rows then columns, as numpy's {@code fft2} /
     * {@code ifft2} (the inverse divides by {@code rows*cols}).
     */
    static final class TwoD {
        private final int rows;
        private final int cols;
        private final Fft rowPlan;
        private final Fft colPlan;

        TwoD(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.rowPlan = new Fft(cols);
            this.colPlan = cols == rows ? rowPlan : new Fft(rows);
        }

        void forward(double[] re, double[] im) {
            transform(re, im, false);
        }

        void inverse(double[] re, double[] im) {
            transform(re, im, true);
        }

        /**
         * Rows, then a blocked transpose so that the columns become contiguous rows, their transforms, and the
         * transpose back: much faster than gathering each column on pictures of a few hundred pixels.
         */
        private void transform(double[] re, double[] im, boolean inverse) {
            rowsPass(re, im, rows, cols, rowPlan, inverse);
            double[] tr = new double[re.length];
            double[] ti = new double[im.length];
            transpose(re, tr, rows, cols);
            transpose(im, ti, rows, cols);
            rowsPass(tr, ti, cols, rows, colPlan, inverse);
            transpose(tr, re, cols, rows);
            transpose(ti, im, cols, rows);
        }

        private static void rowsPass(double[] re, double[] im, int n, int len, Fft plan, boolean inverse) {
            double[] r = new double[len];
            double[] i = new double[len];
            for (int y = 0; y < n; y++) {
                int off = y * len;
                System.arraycopy(re, off, r, 0, len);
                System.arraycopy(im, off, i, 0, len);
                if (inverse) {
                    plan.inverse(r, i);
                } else {
                    plan.forward(r, i);
                }
                System.arraycopy(r, 0, re, off, len);
                System.arraycopy(i, 0, im, off, len);
            }
        }

        /** {@code dst[c * rows + r] = src[r * cols + c]} in 32×32 tiles. */
        private static void transpose(double[] src, double[] dst, int rows, int cols) {
            final int tile = 32;
            for (int r0 = 0; r0 < rows; r0 += tile) {
                int r1 = Math.min(rows, r0 + tile);
                for (int c0 = 0; c0 < cols; c0 += tile) {
                    int c1 = Math.min(cols, c0 + tile);
                    for (int r = r0; r < r1; r++) {
                        for (int c = c0; c < c1; c++) {
                            dst[c * rows + r] = src[r * cols + c];
                        }
                    }
                }
            }
        }
    }
}
