package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumpySumsTest {
    @Test
    void pairwiseFloat32RoundsAsNumpy() {
        // 2^24 followed by 15 ones (n = 16: eight interleaved accumulators). Exact: 16777231.
        // One by one in float32 every +1 is lost (2^24 + 1 rounds back to 2^24): 16777216.
        // Pairwise: r0 = 2^24 (+1 lost), r1..r7 = 2 each; ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        //   = (2^24 + 2 + 4) + 8 = 16777230, every step representable.
        float[] a = new float[16];
        a[0] = 16777216f;
        for (int i = 1; i < 16; i++) {
            a[i] = 1f;
        }
        assertThat(NumpySums.pairwise(a, 0, 16, 1)).isEqualTo(16777230f);
        float naive = 0;
        for (float v : a) {
            naive += v;
        }
        assertThat(naive).isEqualTo(16777216f);
        // Below 8 values numpy adds one by one.
        assertThat(NumpySums.pairwise(a, 0, 7, 1)).isEqualTo(16777216f);
        // Strided access (every other value) sees 2^24 and seven ones: n = 8, r0..r7 = 2^24, 1 x 7 ->
        // ((2^24 + 1) + 2) + 4 = 2^24 + 6.
        assertThat(NumpySums.pairwise(a, 0, 8, 2)).isEqualTo(16777222f);
    }

    @Test
    void float64MeanAndBufferedSum() {
        double[] d = new double[1000];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        assertThat(NumpySums.mean(d)).isEqualTo(499.5);
        float[] f = new float[3 * 20000];
        for (int i = 0; i < f.length; i++) {
            f[i] = i % 3 == 1 ? 2f : 0f;
        }
        // Channel 1 of 20000 pixels of value 2: chunks of 8192 + 8192 + 3616, all exact: 40000.
        assertThat(NumpySums.bufferedSum(f, 1, 20000, 3)).isEqualTo(40000f);
    }
}
