package org.anivid.metrics;

/**
 * numpy's summation orders, so that paper mode rounds where {@code image-similarity-measures} rounds. It matters for
 * float32 data: summing 65,536 squared 8-bit differences one by one in float32 (what {@code np.mean(x, axis=(0, 1))}
 * does on an H×W×3 float32 array) is off from the exact sum by up to ~1e-4 relative, which moves PSNR in the fourth
 * decimal. numpy adds along the fast axis with its pairwise algorithm ({@code pairwise_sum} in
 * {@code loops_utils.h.src}: blocks of up to 128 values in 8 interleaved accumulators, halving above that), and adds
 * along any other axis one value at a time into the output.
 */
final class NumpySums {
    private static final int BLOCK = 128;
    /** numpy 1.x's iterator buffer: a strided operand is reduced in chunks of this many values. */
    static final int BUFFER = 8192;

    private NumpySums() {
    }

    /** {@code pairwise_sum} over {@code a[off + i*stride]}, {@code i < n}, in float32. */
    static float pairwise(float[] a, int off, int n, int stride) {
        if (n < 8) {
            float res = -0.0f;
            for (int i = 0; i < n; i++) {
                res += a[off + i * stride];
            }
            return res;
        } else if (n <= BLOCK) {
            float r0 = a[off];
            float r1 = a[off + stride];
            float r2 = a[off + 2 * stride];
            float r3 = a[off + 3 * stride];
            float r4 = a[off + 4 * stride];
            float r5 = a[off + 5 * stride];
            float r6 = a[off + 6 * stride];
            float r7 = a[off + 7 * stride];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int p = off + i * stride;
                r0 += a[p];
                r1 += a[p + stride];
                r2 += a[p + 2 * stride];
                r3 += a[p + 3 * stride];
                r4 += a[p + 4 * stride];
                r5 += a[p + 5 * stride];
                r6 += a[p + 6 * stride];
                r7 += a[p + 7 * stride];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i * stride];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, off, n2, stride) + pairwise(a, off + n2 * stride, n - n2, stride);
        }
    }

    /** {@code pairwise_sum} over {@code a[off .. off+n)} in float64. */
    static double pairwise(double[] a, int off, int n) {
        if (n < 8) {
            double res = -0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[off];
            double r1 = a[off + 1];
            double r2 = a[off + 2];
            double r3 = a[off + 3];
            double r4 = a[off + 4];
            double r5 = a[off + 5];
            double r6 = a[off + 6];
            double r7 = a[off + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int p = off + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
        }
    }

    /**
     * {@code pairwise_sum} in float64 over float32 values {@code a[off .. off+n)}: numpy's mean of a list of float32
     * numbers, kept as float32 to halve the memory of a long list.
     */
    static double pairwiseFloat64(float[] a, int off, int n) {
        if (n < 8) {
            double res = -0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[off];
            double r1 = a[off + 1];
            double r2 = a[off + 2];
            double r3 = a[off + 3];
            double r4 = a[off + 4];
            double r5 = a[off + 5];
            double r6 = a[off + 6];
            double r7 = a[off + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int p = off + i;
                r0 += a[p];
                r1 += a[p + 1];
                r2 += a[p + 2];
                r3 += a[p + 3];
                r4 += a[p + 4];
                r5 += a[p + 5];
                r6 += a[p + 6];
                r7 += a[p + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseFloat64(a, off, n2) + pairwiseFloat64(a, off + n2, n - n2);
        }
    }

    /** {@code np.mean} of a contiguous float64 array: {@code (0 + pairwise) / n}. */
    static double mean(double[] a) {
        return (0.0 + pairwise(a, 0, a.length)) / a.length;
    }

    /**
     * {@code np.sum} of a strided float32 view ({@code a[off + i*stride]}) as numpy 1.x reduces it: pairwise within
     * chunks of {@link #BUFFER} values, the chunks added one by one into the output.
     */
    static float bufferedSum(float[] a, int off, int n, int stride) {
        float out = 0.0f;
        for (int start = 0; start < n; start += BUFFER) {
            out += pairwise(a, off + start * stride, Math.min(BUFFER, n - start), stride);
        }
        return out;
    }
}
