package org.anivid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.anivid.core.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FsimTest {
    /** A 40x36 picture with a disc, a bar and a ramp. */
    private static RgbImage scene() {
        return TestPictures.of(40, 36, (x, y, c) -> {
            int v = 40 + 3 * x + c * 20;
            if ((x - 15) * (x - 15) + (y - 18) * (y - 18) < 64) {
                v = 220 - c * 30;
            }
            if (x > 28 && x < 33) {
                v = 20;
            }
            return Math.min(255, v);
        });
    }

    /** The scene plus deterministic noise of amplitude +-amp. */
    private static RgbImage noisy(RgbImage img, int amp) {
        byte[] p = img.pixels().clone();
        long s = 12345;
        for (int i = 0; i < p.length; i++) {
            s = (s * 6364136223846793005L + 1442695040888963407L);
            int n = (int) ((s >>> 33) % (2 * amp + 1)) - amp;
            p[i] = (byte) Math.min(255, Math.max(0, (p[i] & 0xff) + n));
        }
        return new RgbImage(img.width(), img.height(), p);
    }

    @ParameterizedTest
    @EnumSource(MetricMode.class)
    void identicalIsOneSymmetricAndDecreasingWithNoise(MetricMode mode) {
        RgbImage a = scene();
        assertThat(Fsim.compute(a, a, mode)).isCloseTo(1, within(1e-12));
        RgbImage n5 = noisy(a, 5);
        RgbImage n20 = noisy(a, 20);
        RgbImage n60 = noisy(a, 60);
        double f5 = Fsim.compute(a, n5, mode);
        double f20 = Fsim.compute(a, n20, mode);
        double f60 = Fsim.compute(a, n60, mode);
        assertThat(f5).isLessThan(1).isGreaterThan(f20);
        assertThat(f20).isGreaterThan(f60);
        assertThat(f60).isGreaterThan(0);
        assertThat(Fsim.compute(n20, a, mode)).isCloseTo(f20, within(1e-12));
    }

    @Test
    void flatPictures() {
        // No phase congruency anywhere. Standard falls back to the unweighted mean of S_L (1 for identical
        // pictures); the package divides 0 by 0 (its characterisation test: fsim(zeros, zeros) is NaN).
        RgbImage grey = TestPictures.uniform(16, 16, 80, 80, 80);
        assertThat(Fsim.compute(grey, grey, MetricMode.STANDARD)).isEqualTo(1.0);
        RgbImage black = RgbImage.blank(16, 16);
        assertThat(Fsim.compute(black, black, MetricMode.PAPER)).isNaN();
    }

    @Test
    void scharrAsOpenCvWithUint16WrapAround() {
        // 3x3, columns 0, 0, 100. Centre: gx = (3 + 10 + 3) * (100 - 0) = 1600, gy = 0 (rows alike).
        // uint16: 1600^2 = 2560000 = 39 * 65536 + 4096 -> 4096, sqrt 64 (not 1600).
        int[] edge = {0, 0, 100, 0, 0, 100, 0, 0, 100};
        float[] g = Fsim.scharrUint16(edge, 3, 3);
        assertThat(g[4]).isEqualTo(64f);
        // Column 0 reflects to column 1 (reflect-101): gx = 16 * (0 - 0) = 0.
        assertThat(g[3]).isEqualTo(0f);
        // Column 2 reflects to column 1: gx = 16 * (0 - 0) = 0.
        assertThat(g[5]).isEqualTo(0f);
        // Mirrored: gx = -1600, saturated to 0 by CV_16U.
        int[] falling = {100, 0, 0, 100, 0, 0, 100, 0, 0};
        assertThat(Fsim.scharrUint16(falling, 3, 3)[4]).isEqualTo(0f);
        // A small step: 10 -> gx = 160, 160^2 = 25600 < 65536, no wrap.
        int[] small = {0, 0, 10, 0, 0, 10, 0, 0, 10};
        assertThat(Fsim.scharrUint16(small, 3, 3)[4]).isEqualTo(160f);
        assertThat(Fsim.reflect101(-1, 5)).isEqualTo(1);
        assertThat(Fsim.reflect101(5, 5)).isEqualTo(3);
        assertThat(Fsim.reflect101(-1, 1)).isZero();
    }

    @Test
    void zhangDownsamplingAveragesBlocks() {
        // F = 2: MATLAB conv2(..., ones(2)/4, 'same') at (0,0) covers rows/columns 0..1: (1 + 2 + 5 + 6) / 4 = 3.5.
        double[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        double[] d = Fsim.downsample(img, 4, 4, 2);
        assertThat(d).containsExactly(3.5, 5.5, 11.5, 13.5);
        // F = 3 is centred: output 0 covers -1..1 with zero padding: (1 + 2 + 5 + 6) / 9.
        assertThat(Fsim.downsample(img, 4, 4, 3)[0]).isCloseTo(14.0 / 9, within(1e-12));
    }
}
